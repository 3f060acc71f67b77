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
  /** Sequences run through the model, summed over forward passes. */
  sequences: number;
  /** Real (not padding) tokens run through the model. */
  tokens: number;
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
