/**
 * The naive reference plan, for the benchmark: a CausalLM wrapper that asks the runner for one
 * forward pass per choice and per run and token, with no shared contexts, batching or cache.
 */
import type { CausalLM, LMCounters, LogProbQuery } from './lm';

class NaiveLM implements CausalLM {
  readonly naive = true;
  readonly cached = undefined;

  constructor(private readonly inner: CausalLM) {}

  get window(): number {
    return this.inner.window;
  }
  get vocabSize(): number {
    return this.inner.vocabSize;
  }
  get eosTokenId(): number {
    return this.inner.eosTokenId;
  }
  get batchTokenBudget(): number {
    return this.inner.batchTokenBudget;
  }
  get counters(): LMCounters {
    return this.inner.counters;
  }
  encode(text: string): number[] {
    return this.inner.encode(text);
  }
  decode(ids: readonly number[]): string {
    return this.inner.decode(ids);
  }
  logProbs(batch: readonly LogProbQuery[]): Promise<Float32Array[][]> {
    return this.inner.logProbs(batch);
  }
  /** Leaves the model loaded: the wrapped model belongs to the caller. */
  async dispose(): Promise<void> {}
}

/**
 * Wraps `lm` so that the runner uses the naive plan on it. The wrapper shares the model and its
 * counters; disposing the wrapper does not dispose the model.
 */
export function naiveModel(lm: CausalLM): CausalLM {
  return new NaiveLM(lm);
}
