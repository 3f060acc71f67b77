/**
 * The CausalLM backend on ONNX Runtime itself, for plain exports: graphs that map `input_ids` (and
 * optionally `attention_mask`) to `logits`, with no key/value cache, as custom architectures
 * (`trust_remote_code` models) are usually exported. The tokenizer still comes from transformers.js.
 *
 * The runtime is passed in (ortRuntimeWeb.ts in the browser, the very onnxruntime-web copy
 * transformers.js uses; ortRuntimeNode.ts in Node), so this module runs unchanged in both.
 *
 * Rows are padded on the right, so every real token keeps the position it has alone, whether the
 * graph computes positions from the sequence length or from the attention mask. Causal attention
 * keeps the padding out of the real tokens' logits.
 */
import { AutoTokenizer, type PreTrainedTokenizer } from '@huggingface/transformers';
import { type CausalLM, type LMCounters, type LogProbQuery, zeroCounters } from '../engine/lm';
import { countPass, logProbsAtPositions, padRight } from './batchInputs';
import { createLogger } from '../util/logger';
import type { GraphSignature } from './onnxSignature';
import { mountFiles, MOUNT_REVISION } from './storeMount';
import type { Device, ModelFiles } from './transformersLM';

const log = createLogger('ort-lm');

/** A tensor as both onnxruntime-web and onnxruntime-node return it. */
export interface OrtTensorLike {
  readonly dims: readonly number[];
  readonly data: unknown;
  dispose(): void;
}

/** An inference session, as both ONNX Runtime packages implement it. */
export interface OrtSessionLike {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, OrtTensorLike>): Promise<Record<string, OrtTensorLike>>;
  release(): Promise<void>;
}

/** External weights handed to ONNX Runtime with the graph: `path` is the name the graph's tensors point to. */
export interface ExternalDataFile {
  path: string;
  data: Uint8Array;
}

/** The few ONNX Runtime calls this backend makes. */
export interface OrtRuntime {
  createSession(model: Uint8Array, device: Device, externalData: readonly ExternalDataFile[]): Promise<OrtSessionLike>;
  int64Tensor(data: BigInt64Array, dims: readonly number[]): OrtTensorLike;
}

/** The inputs a plain export may take; anything else needs the transformers.js backend. */
export const RAW_INPUTS = ['input_ids', 'attention_mask'] as const;

/** The graph does not have the interface of a plain export; the message explains what to do. */
export class UnexpectedGraphError extends Error {
  readonly code = 'unexpected-graph';
  constructor(message: string) {
    super(message);
    this.name = 'UnexpectedGraphError';
  }
}

/**
 * Checks that a graph maps input_ids (and optionally attention_mask) to logits. Throws an
 * UnexpectedGraphError naming the inputs or outputs that do not fit.
 */
export function checkRawGraph(signature: Pick<GraphSignature, 'inputs' | 'outputs'>, graphPath: string): void {
  const extra = signature.inputs.filter((name) => !(RAW_INPUTS as readonly string[]).includes(name));
  if (extra.length > 0) {
    const cached = extra.some((name) => name.startsWith('past_key_values') || name === 'position_ids');
    throw new UnexpectedGraphError(
      `${graphPath} takes inputs the onnxruntime backend cannot feed: ${extra.join(', ')} (it feeds only input_ids and attention_mask). ` +
        (cached
          ? 'This looks like a key/value-cache export for transformers.js: pick the transformers.js backend (auto picks it unless config.json sets "workbench_backend": "onnxruntime").'
          : 'Export the model with a wrapper whose forward takes only input_ids (and attention_mask), as docs/export-custom-models.md shows.'),
    );
  }
  if (!signature.inputs.includes('input_ids')) {
    throw new UnexpectedGraphError(`${graphPath} has no input_ids input (its inputs: ${signature.inputs.join(', ') || 'none'}). Export the model with token ids as an input named input_ids.`);
  }
  if (!signature.outputs.includes('logits')) {
    throw new UnexpectedGraphError(
      `${graphPath} has no logits output (its outputs: ${signature.outputs.join(', ') || 'none'}). ` +
        'Name the [batch, sequence, vocabulary] output "logits" when exporting (output_names=["logits"]).',
    );
  }
}

/** Options of loadOrtLM: the files, device and runtime, the graph's bytes and config.json's fields. */
export interface OrtLoadOptions {
  files: ModelFiles;
  device: Device;
  runtime: OrtRuntime;
  graph: Uint8Array;
  /** Path of the graph in the repository, for messages. */
  graphPath: string;
  externalData: readonly ExternalDataFile[];
  config: Record<string, unknown>;
  batchTokenBudget?: number;
}

const DEFAULT_BUDGET: Record<Device, number> = { webgpu: 2048, wasm: 4096, cpu: 8192 };

function numberField(config: Record<string, unknown>, ...names: string[]): number | undefined {
  for (const name of names) {
    const value = config[name];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (Array.isArray(value) && typeof value[0] === 'number') return value[0];
  }
  return undefined;
}

/** Loads the tokenizer with transformers.js and the graph with ONNX Runtime, and returns a CausalLM. */
export async function loadOrtLM(options: OrtLoadOptions): Promise<CausalLM> {
  const mount = mountFiles(options.files);
  let tokenizer: PreTrainedTokenizer;
  try {
    tokenizer = await AutoTokenizer.from_pretrained(mount.id, { revision: MOUNT_REVISION });
  } finally {
    mount.unmount();
  }

  const window = numberField(options.config, 'n_positions', 'max_position_embeddings', 'n_ctx', 'seq_length') ?? tokenizer.model_max_length;
  if (!window || !Number.isFinite(window) || window <= 0) {
    throw new Error('config.json names no context window (n_positions or max_position_embeddings); add one to the repository');
  }
  const eos = numberField(options.config, 'eos_token_id') ?? tokenizer.eos_token_id;
  if (eos === undefined) throw new Error('neither config.json nor the tokenizer names an end-of-text token (eos_token_id); add eos_token_id to config.json');

  const session = await options.runtime.createSession(options.graph, options.device, options.externalData);
  try {
    checkRawGraph({ inputs: [...session.inputNames], outputs: [...session.outputNames] }, options.graphPath);
  } catch (error) {
    await session.release();
    throw error;
  }
  const vocab = numberField(options.config, 'vocab_size') ?? 0;
  return new OrtLM(options.runtime, session, tokenizer, window, vocab, eos, options.batchTokenBudget ?? DEFAULT_BUDGET[options.device]);
}

class OrtLM implements CausalLM {
  readonly counters: LMCounters = zeroCounters();
  private readonly feedsMask: boolean;

  constructor(
    private readonly runtime: OrtRuntime,
    private readonly session: OrtSessionLike,
    private readonly tokenizer: PreTrainedTokenizer,
    readonly window: number,
    readonly vocabSize: number,
    readonly eosTokenId: number,
    readonly batchTokenBudget: number,
  ) {
    this.feedsMask = session.inputNames.includes('attention_mask');
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
    if (width > this.window) throw new RangeError(`a sequence of ${width} tokens exceeds the model's window of ${this.window}`);

    const feeds: Record<string, OrtTensorLike> = { input_ids: this.runtime.int64Tensor(ids, [rows, width]) };
    if (this.feedsMask) feeds.attention_mask = this.runtime.int64Tensor(mask, [rows, width]);
    let outputs: Record<string, OrtTensorLike>;
    try {
      outputs = await this.session.run(feeds);
    } finally {
      for (const tensor of Object.values(feeds)) tensor.dispose();
    }
    countPass(this.counters, batch);

    try {
      const logits = outputs.logits;
      if (!logits || !(logits.data instanceof Float32Array) || logits.dims.length !== 3) {
        throw new UnexpectedGraphError(`the model's logits output is not a float32 [batch, sequence, vocabulary] tensor (dims ${logits?.dims.join('×') ?? 'missing'}); export it in fp32`);
      }
      return logProbsAtPositions(batch, logits.data, width, logits.dims[2]!);
    } finally {
      for (const tensor of Object.values(outputs)) tensor.dispose();
    }
  }

  async dispose(): Promise<void> {
    try {
      await this.session.release();
    } catch (error) {
      log.warn('releasing the ONNX Runtime session failed', error);
    }
  }
}
