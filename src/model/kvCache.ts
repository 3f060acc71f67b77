/**
 * The key/value cache of the transformers.js backend: the `present.{i}.key/value` outputs of one
 * forward pass, fed back as the `past_key_values.{i}.key/value` inputs of the next, together with
 * the attention mask of the cached positions.
 *
 * Each tensor is `[rows, heads, width, headSize]`. On WebGPU transformers.js keeps these outputs in
 * GPU buffers; a gather downloads a source once and builds CPU tensors, which onnxruntime uploads
 * again with the next pass.
 */
import { Tensor } from '@huggingface/transformers';
import type { CacheRow, KVCache } from '../engine/lm';

/** The data argument of transformers.js's Tensor constructor. */
type TensorData = Extract<ConstructorParameters<typeof Tensor>, [unknown, unknown, unknown]>[1];

/** A typed-array constructor, called on a fresh buffer. */
type ViewConstructor = new (buffer: ArrayBuffer) => ArrayBufferView;

/** Output names of the cache (`present.0.key`) mapped to the input names that take them back. */
export function pastNameOf(outputName: string): string | null {
  return outputName.startsWith('present.') ? `past_key_values.${outputName.slice('present.'.length)}` : null;
}

/** A cache made of transformers.js tensors. It owns its tensors and frees them on dispose. */
export class TensorKVCache implements KVCache {
  readonly rows: number;
  readonly width: number;
  readonly lengths: number[];
  private disposed = false;
  private readonly cpuData = new Map<string, Promise<ArrayBufferView>>();

  /**
   * `tensors` maps input names (`past_key_values.0.key`) to tensors of `rows` rows and `width`
   * positions; `mask` holds rows × width entries, 1 for a real token and 0 for padding.
   * Throws a RangeError when a tensor's shape disagrees with the mask.
   */
  constructor(
    private readonly tensors: ReadonlyMap<string, Tensor>,
    readonly mask: Uint8Array,
    rows: number,
  ) {
    this.rows = rows;
    this.width = rows > 0 ? mask.length / rows : 0;
    for (const [name, tensor] of tensors) {
      if (tensor.dims[0] !== rows || tensor.dims[2] !== this.width) {
        throw new RangeError(`cache tensor ${name} has shape [${tensor.dims.join(', ')}], expected ${rows} rows of ${this.width} positions`);
      }
    }
    this.lengths = Array.from({ length: rows }, (_, r) => {
      let n = 0;
      for (let c = 0; c < this.width; c++) n += mask[r * this.width + c]!;
      return n;
    });
  }

  /** The tensors by input name, to pass as `past_key_values`. Throws when the cache was disposed. */
  feeds(): Record<string, Tensor> {
    this.assertLive();
    return Object.fromEntries(this.tensors);
  }

  /** Names of the cached inputs, in the model's order. */
  names(): string[] {
    return [...this.tensors.keys()];
  }

  /** The element type and dimensions of one cached input. */
  describe(name: string): { type: Tensor['type']; dims: number[] } {
    const tensor = this.tensor(name);
    return { type: tensor.type, dims: [...tensor.dims] };
  }

  /** The CPU data of one cached input, downloaded from the GPU once when it lives there. */
  dataOf(name: string): Promise<ArrayBufferView> {
    let data = this.cpuData.get(name);
    if (!data) {
      const tensor = this.tensor(name);
      data = (async () => {
        const values: unknown = tensor.location === 'gpu-buffer' ? await tensor.ort_tensor.getData() : tensor.data;
        if (!ArrayBuffer.isView(values)) throw new TypeError(`cache tensor ${name} holds no typed array`);
        return values;
      })();
      this.cpuData.set(name, data);
    }
    return data;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const tensor of this.tensors.values()) tensor.dispose();
    this.cpuData.clear();
  }

  private tensor(name: string): Tensor {
    this.assertLive();
    const tensor = this.tensors.get(name);
    if (!tensor) throw new RangeError(`the cache has no input ${name}`);
    return tensor;
  }

  private assertLive(): void {
    if (this.disposed) throw new Error('the key/value cache was used after it was disposed');
  }
}

/** Checks that a cache came from this backend. */
export function asTensorCache(cache: KVCache): TensorKVCache {
  if (!(cache instanceof TensorKVCache)) throw new TypeError('the key/value cache comes from another backend');
  return cache;
}

/**
 * Builds a cache whose row i copies `rows[i]`. All sources must have the same width and inputs.
 * Throws a RangeError otherwise.
 */
export async function gatherRows(rows: readonly CacheRow[]): Promise<TensorKVCache> {
  if (rows.length === 0) throw new RangeError('a gather needs at least one row');
  const sources = rows.map((r) => asTensorCache(r.cache));
  const first = sources[0]!;
  for (const [i, source] of sources.entries()) {
    if (source.width !== first.width) throw new RangeError(`gathered caches differ in width: ${source.width} and ${first.width}`);
    if (rows[i]!.row < 0 || rows[i]!.row >= source.rows) throw new RangeError(`row ${rows[i]!.row} is outside a cache of ${source.rows} rows`);
  }

  const width = first.width;
  const mask = new Uint8Array(rows.length * width);
  rows.forEach((r, i) => mask.set(sources[i]!.mask.subarray(r.row * width, (r.row + 1) * width), i * width));

  const tensors = new Map<string, Tensor>();
  try {
    for (const name of first.names()) {
      const { type, dims } = first.describe(name);
      const firstData = await first.dataOf(name);
      const rowBytes = firstData.byteLength / first.rows;
      const out = new Uint8Array(rowBytes * rows.length);
      for (const [i, r] of rows.entries()) {
        const data = await sources[i]!.dataOf(name);
        const bytes = new Uint8Array(data.buffer, data.byteOffset + r.row * rowBytes, rowBytes);
        out.set(bytes, i * rowBytes);
      }
      const View = firstData.constructor as ViewConstructor;
      const data = new View(out.buffer) as TensorData;
      tensors.set(name, new Tensor(type, data, [rows.length, ...dims.slice(1)]));
    }
  } catch (error) {
    for (const tensor of tensors.values()) tensor.dispose();
    throw error;
  }
  return new TensorKVCache(tensors, mask, rows.length);
}
