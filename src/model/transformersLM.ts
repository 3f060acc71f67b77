/**
 * The CausalLM backend on transformers.js, in the browser (WebGPU or WASM) and in Node (onnxruntime-node).
 *
 * transformers.js never touches the network here: storeMount.ts serves every file from a ModelFiles
 * source (IndexedDB in the browser, memory in Node) through its custom cache, and anything not
 * there is reported as missing.
 */
import {
  AutoModelForCausalLM,
  AutoTokenizer,
  Tensor,
  type PreTrainedModel,
  type PreTrainedTokenizer,
} from '@huggingface/transformers';
import { type CachedLM, type CausalLM, type LMCounters, type LogProbQuery, zeroCounters } from '../engine/lm';
import { countPass, logProbsAtPositions, padRight } from './batchInputs';
import { takesKVCache, TransformersCachedLM } from './cachedForward';
import { createLogger } from '../util/logger';
import { mountFiles, MOUNT_REVISION, type ModelFiles, type Mount } from './storeMount';

export type { ModelFiles } from './storeMount';

const log = createLogger('transformers-lm');

/** Where the forward passes run: WebGPU or WASM in the browser, onnxruntime-node's CPU in Node. */
export type Device = 'webgpu' | 'wasm' | 'cpu';

/** How to load a model. */
export interface LoadOptions {
  files: ModelFiles;
  device: Device;
  /** Weight variant, as transformers.js names it (`fp32`, `fp16`, `q8`, `q4`, `q4f16`). */
  dtype: string;
  /** Maximum sequences × tokens per forward pass; defaults by device. */
  batchTokenBudget?: number;
}

/** Tokens per forward pass by device: the default batchTokenBudget. */
const DEFAULT_BUDGET: Record<Device, number> = { webgpu: 2048, wasm: 4096, cpu: 8192 };

/** Loads the tokenizer and model from `options.files` and returns a CausalLM. */
export async function loadTransformersLM(options: LoadOptions): Promise<CausalLM> {
  const mount = mountFiles(options.files);
  try {
    const tokenizer = await AutoTokenizer.from_pretrained(mount.id, { revision: MOUNT_REVISION });
    const model = await AutoModelForCausalLM.from_pretrained(mount.id, {
      revision: MOUNT_REVISION,
      device: options.device,
      dtype: options.dtype as 'fp32',
    });
    return new TransformersLM(mount, tokenizer, model, options.batchTokenBudget ?? DEFAULT_BUDGET[options.device]);
  } catch (error) {
    mount.unmount();
    throw error;
  }
}

interface ModelConfigFields {
  n_positions?: number;
  max_position_embeddings?: number;
  vocab_size?: number;
  eos_token_id?: number | number[];
}

class TransformersLM implements CausalLM {
  readonly window: number;
  readonly vocabSize: number;
  readonly eosTokenId: number;
  readonly counters: LMCounters = zeroCounters();
  readonly cached: CachedLM | undefined;

  constructor(
    private readonly mount: Mount,
    private readonly tokenizer: PreTrainedTokenizer,
    private readonly model: PreTrainedModel,
    readonly batchTokenBudget: number,
  ) {
    const config = model.config as unknown as ModelConfigFields;
    const window = config.n_positions ?? config.max_position_embeddings ?? tokenizer.model_max_length;
    if (!window || !Number.isFinite(window)) {
      throw new Error('config.json names no context window (n_positions or max_position_embeddings); add one to the repository');
    }
    this.window = window;
    const eos = Array.isArray(config.eos_token_id) ? config.eos_token_id[0] : config.eos_token_id;
    const tokenizerEos = tokenizer.eos_token_id;
    if (eos === undefined && tokenizerEos === undefined) {
      throw new Error('neither config.json nor the tokenizer names an end-of-text token (eos_token_id)');
    }
    this.eosTokenId = (eos ?? tokenizerEos)!;
    this.vocabSize = config.vocab_size ?? 0;
    this.cached = takesKVCache(model) ? new TransformersCachedLM(model, this.counters, this.eosTokenId) : undefined;
  }

  encode(text: string): number[] {
    return this.tokenizer.encode(text, { add_special_tokens: false });
  }

  decode(ids: readonly number[]): string {
    return this.tokenizer.decode([...ids], { skip_special_tokens: true });
  }

  async logProbs(batch: readonly LogProbQuery[]): Promise<Float32Array[][]> {
    if (batch.length === 0) return [];
    const { rows, width, ids, mask } = padRight(batch, this.eosTokenId);
    const positions = new BigInt64Array(rows * width);
    batch.forEach((query, r) => {
      for (let t = 0; t < width; t++) positions[r * width + t] = BigInt(Math.min(t, query.ids.length - 1));
    });

    const outputs = (await this.model.forward({
      input_ids: new Tensor('int64', ids, [rows, width]),
      attention_mask: new Tensor('int64', mask, [rows, width]),
      position_ids: new Tensor('int64', positions, [rows, width]),
    })) as Record<string, Tensor>;
    countPass(this.counters, batch);

    const logits = outputs.logits;
    try {
      if (!logits) throw new Error('the model returned no logits output');
      return logProbsAtPositions(batch, logits.data as Float32Array, width, logits.dims[2]!);
    } finally {
      // Key/value outputs may live in GPU buffers; free them, since scoring never reads them.
      for (const [name, tensor] of Object.entries(outputs)) if (name !== 'logits') tensor.dispose();
    }
  }

  async dispose(): Promise<void> {
    this.mount.unmount();
    try {
      await this.model.dispose();
    } catch (error) {
      log.warn('releasing the model failed', error);
    }
  }
}
