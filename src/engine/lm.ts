/**
 * The one interface every model backend implements: a tokenizer and a causal LM that returns
 * next-token log-probabilities at chosen positions of a batch of token sequences.
 */

/** Text to token ids and back, as the model's own tokenizer does it. */
export interface Tokenizer {
  /** Encodes text without adding special tokens (no BOS), as lm-evaluation-harness does. */
  encode(text: string): number[];
  /** Decodes ids to text, leaving out special tokens. */
  decode(ids: readonly number[]): string;
}

/** Positions of one token sequence at which the next-token distribution is wanted. */
export interface LogProbQuery {
  ids: readonly number[];
  /** Indexes into `ids`; the result at position p is the distribution of the token after ids[p]. */
  positions: readonly number[];
}

/** Counters every backend keeps, read by the benchmark and by tests of the request plan. */
export interface LMCounters {
  /** Calls of the model's forward function (a batch counts once). */
  forwardPasses: number;
  /** Sequences (batch rows) run through the model, summed over forward passes. */
  sequences: number;
  /** Real (not padding) tokens run through the model, summed over forward passes. */
  tokens: number;
  /** Real tokens read from a key/value cache instead of being run again, summed over the rows of each pass. */
  cachedTokens: number;
  /** Cache rows copied to build the cache of a pass (rows selected, repeated or dropped). */
  gatheredRows: number;
}

/** Returns a set of counters at zero. */
export function zeroCounters(): LMCounters {
  return { forwardPasses: 0, sequences: 0, tokens: 0, cachedTokens: 0, gatheredRows: 0 };
}

/**
 * The key/value cache of a batch of rows after some forward pass, held by the backend (in GPU
 * memory on WebGPU). Rows are laid out with padding, so `width` can exceed a row's length.
 * Whoever receives a cache owns it and must dispose it.
 */
export interface KVCache {
  /** Rows (sequences) the cache holds. */
  readonly rows: number;
  /** Positions cached per row, padding included. */
  readonly width: number;
  /** Real tokens cached in each row. */
  readonly lengths: readonly number[];
  /** Frees the cache's tensors. Passing a disposed cache to the backend throws. */
  dispose(): void;
}

/** One row of a cache, as a source for CachedLM.gather. */
export interface CacheRow {
  cache: KVCache;
  row: number;
}

/** New tokens to run after a cache (or from nothing), and the positions whose distributions are wanted. */
export interface ExtendInput {
  /** The cache the new tokens follow, with one row per entry of `tokens`; null to start new sequences. */
  past: KVCache | null;
  /** The new tokens of each row, at least one per row. Shorter rows are padded on the left. */
  tokens: readonly (readonly number[])[];
  /** Per row, indexes into its new tokens: the result at p is the distribution of the token after tokens[row][p]. */
  positions: readonly (readonly number[])[];
  /** Whether to return the cache after this pass; when false its tensors are freed at once. */
  keepCache: boolean;
}

/** The result of CachedLM.extend. */
export interface ExtendOutput {
  /** Log-softmax rows, per input row and requested position (natural log). */
  logProbs: Float32Array[][];
  /** The cache of past and new tokens, or null when `keepCache` was false. */
  cache: KVCache | null;
}

/** Incremental decoding on a key/value cache, for backends whose model exposes one. */
export interface CachedLM {
  /**
   * Runs the new tokens of each row after its cached past in one forward pass. Does not dispose
   * `past`. Throws a NonFiniteLogitsError on NaN or infinite logits at a requested position.
   */
  extend(input: ExtendInput): Promise<ExtendOutput>;
  /**
   * Builds a new cache whose row i is `rows[i]` (rows may repeat and may come from several caches
   * of one width). Does not dispose the sources. Throws a RangeError when the widths differ.
   */
  gather(rows: readonly CacheRow[]): Promise<KVCache>;
}

/** A causal language model ready to score. */
export interface CausalLM extends Tokenizer {
  /** Maximum tokens in one sequence (the model's position limit). */
  readonly window: number;
  readonly vocabSize: number;
  readonly eosTokenId: number;
  /** Maximum sequences × tokens in one forward pass that the backend handles well. */
  readonly batchTokenBudget: number;
  readonly counters: LMCounters;
  /** Incremental decoding on a key/value cache; absent when the backend cannot do it. */
  readonly cached?: CachedLM;
  /**
   * Asks the runner for the reference plan: one forward pass per choice and per run and token, no
   * shared contexts, no batching and no cache. Only the benchmark sets it, to measure the savings.
   */
  readonly naive?: boolean;
  /**
   * Runs the batch through the model (one or more forward passes) and returns, for each query and
   * each of its positions, the log-softmax over the vocabulary (natural log). Throws a
   * NonFiniteLogitsError when the model produced NaN or infinite logits.
   */
  logProbs(batch: readonly LogProbQuery[]): Promise<Float32Array[][]>;
  /** Releases the model's sessions and buffers. */
  dispose(): Promise<void>;
}

/** The model returned NaN or infinite logits: scoring them would give meaningless numbers. */
export class NonFiniteLogitsError extends Error {
  readonly code = 'non-finite-logits';
  constructor(detail: string) {
    super(
      `The model returned NaN or infinite logits (${detail}). Its numbers cannot be trusted: ` +
        'try the fp32 variant or the WASM backend.',
    );
    this.name = 'NonFiniteLogitsError';
  }
}

/**
 * Writes the log-softmax of `logits[offset .. offset + vocab)` into `out` (float64 accumulation).
 * Throws a NonFiniteLogitsError on NaN or infinity in the row.
 */
export function logSoftmaxRow(logits: ArrayLike<number>, offset: number, vocab: number, out: Float32Array): void {
  let max = -Infinity;
  for (let v = 0; v < vocab; v++) {
    const x = logits[offset + v]!;
    if (!Number.isFinite(x)) throw new NonFiniteLogitsError(`value ${x} at vocabulary index ${v}`);
    if (x > max) max = x;
  }
  let sum = 0;
  for (let v = 0; v < vocab; v++) sum += Math.exp(logits[offset + v]! - max);
  const logSum = Math.log(sum) + max;
  for (let v = 0; v < vocab; v++) out[v] = logits[offset + v]! - logSum;
}
