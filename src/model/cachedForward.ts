/**
 * Incremental decoding on transformers.js: forward passes that feed the cache of an earlier pass as
 * `past_key_values` and return the new `present` outputs as the next cache.
 *
 * The new tokens of a batch are padded on the left. The attention mask is 0 on every pad, cached or
 * new, and position ids count only a row's real tokens, as transformers.js does for batched
 * generation; the pads' own outputs are never read.
 */
import { Tensor, type PreTrainedModel } from '@huggingface/transformers';
import { type CacheRow, type CachedLM, type ExtendInput, type ExtendOutput, type KVCache, type LMCounters, logSoftmaxRow } from '../engine/lm';
import { asTensorCache, gatherRows, pastNameOf, TensorKVCache } from './kvCache';

/**
 * Whether the model's graph takes a plain key/value cache: `position_ids`, `past_key_values.0.key`,
 * and no cached input other than `past_key_values.{i}.key/value`. Graphs with other state (the
 * convolution or recurrent caches of hybrid models) keep to full passes.
 */
export function takesKVCache(model: PreTrainedModel): boolean {
  const session: unknown = model.sessions.model;
  const names = (session as { inputNames?: unknown } | undefined)?.inputNames;
  if (!Array.isArray(names) || !names.includes('past_key_values.0.key') || !names.includes('position_ids')) return false;
  return names.every((name) => typeof name === 'string' && (!name.startsWith('past_') || /^past_key_values\.\d+\.(key|value)$/.test(name)));
}

/** The input tensors of one pass, before the cache is added. */
interface PassInputs {
  ids: BigInt64Array;
  mask: BigInt64Array;
  positions: BigInt64Array;
  /** Mask of the cache after the pass: past then new columns. */
  cacheMask: Uint8Array;
  /** Left padding of each row's new tokens. */
  pads: number[];
  newWidth: number;
}

/** Lays out the new tokens after the past: left padding, mask 0 on pads, positions counting real tokens. */
function layOut(input: ExtendInput, past: TensorKVCache | null, padToken: number): PassInputs {
  const rows = input.tokens.length;
  const pastWidth = past?.width ?? 0;
  const newWidth = Math.max(...input.tokens.map((t) => t.length));
  const totalWidth = pastWidth + newWidth;
  const ids = new BigInt64Array(rows * newWidth).fill(BigInt(padToken));
  const mask = new BigInt64Array(rows * totalWidth);
  const positions = new BigInt64Array(rows * newWidth);
  const cacheMask = new Uint8Array(rows * totalWidth);
  const pads: number[] = [];
  input.tokens.forEach((tokens, r) => {
    if (tokens.length === 0) throw new RangeError(`row ${r} has no new tokens`);
    const pad = newWidth - tokens.length;
    pads.push(pad);
    const start = past?.lengths[r] ?? 0;
    if (past) cacheMask.set(past.mask.subarray(r * pastWidth, (r + 1) * pastWidth), r * totalWidth);
    tokens.forEach((token, j) => {
      ids[r * newWidth + pad + j] = BigInt(token);
      positions[r * newWidth + pad + j] = BigInt(start + j);
      cacheMask[r * totalWidth + pastWidth + pad + j] = 1;
    });
    for (let c = 0; c < pad; c++) positions[r * newWidth + c] = BigInt(start);
  });
  cacheMask.forEach((m, i) => {
    mask[i] = BigInt(m);
  });
  return { ids, mask, positions, cacheMask, pads, newWidth };
}

/** CachedLM on a transformers.js causal LM whose graph takes and returns a key/value cache. */
export class TransformersCachedLM implements CachedLM {
  constructor(
    private readonly model: PreTrainedModel,
    private readonly counters: LMCounters,
    private readonly padToken: number,
  ) {}

  async extend(input: ExtendInput): Promise<ExtendOutput> {
    const rows = input.tokens.length;
    if (rows === 0) return { logProbs: [], cache: null };
    const past = input.past ? asTensorCache(input.past) : null;
    if (past && past.rows !== rows) throw new RangeError(`the cache has ${past.rows} rows but ${rows} rows of tokens were given`);
    const layout = layOut(input, past, this.padToken);
    const totalWidth = (past?.width ?? 0) + layout.newWidth;

    const outputs = (await this.model.forward({
      input_ids: new Tensor('int64', layout.ids, [rows, layout.newWidth]),
      attention_mask: new Tensor('int64', layout.mask, [rows, totalWidth]),
      position_ids: new Tensor('int64', layout.positions, [rows, layout.newWidth]),
      ...(past ? { past_key_values: past.feeds() } : {}),
    })) as Record<string, Tensor>;
    this.count(input, past);

    const present = new Map<string, Tensor>();
    let kept = false;
    try {
      for (const [name, tensor] of Object.entries(outputs)) {
        const pastName = pastNameOf(name);
        if (pastName) present.set(pastName, tensor);
        else if (name !== 'logits') tensor.dispose();
      }
      const logProbs = readLogProbs(outputs.logits, input.positions, layout);
      const cache = input.keepCache ? new TensorKVCache(present, layout.cacheMask, rows) : null;
      kept = cache !== null;
      return { logProbs, cache };
    } finally {
      if (!kept) for (const tensor of present.values()) tensor.dispose();
      outputs.logits?.dispose();
    }
  }

  async gather(rows: readonly CacheRow[]): Promise<KVCache> {
    const cache = await gatherRows(rows);
    this.counters.gatheredRows += rows.length;
    return cache;
  }

  private count(input: ExtendInput, past: TensorKVCache | null): void {
    this.counters.forwardPasses++;
    this.counters.sequences += input.tokens.length;
    input.tokens.forEach((tokens, r) => {
      this.counters.tokens += tokens.length;
      this.counters.cachedTokens += past?.lengths[r] ?? 0;
    });
  }
}

/** Reads the log-softmax rows at the requested positions of each row's new tokens. */
function readLogProbs(logits: Tensor | undefined, positions: ExtendInput['positions'], layout: PassInputs): Float32Array[][] {
  if (!logits) throw new Error('the model returned no logits output');
  const vocab = logits.dims[2]!;
  const data = logits.data as Float32Array;
  return positions.map((wanted, r) =>
    wanted.map((p) => {
      const column = layout.pads[r]! + p;
      if (p < 0 || column >= layout.newWidth) throw new RangeError(`position ${p} is outside row ${r}'s new tokens`);
      const out = new Float32Array(vocab);
      logSoftmaxRow(data, (r * layout.newWidth + column) * vocab, vocab, out);
      return out;
    }),
  );
}
