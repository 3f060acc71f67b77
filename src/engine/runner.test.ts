import { describe, expect, it } from 'vitest';
import { loadTinyModel } from '../testing/tinyModels';
import { type CausalLM, type LMCounters, type LogProbQuery, zeroCounters } from './lm';
import { naiveModel } from './naive';
import type { GenerateRequest, LoglikelihoodRequest } from './requests';
import { runGenerate, runLoglikelihood, runQueries } from './runner';
import { encodePair } from './tokens';

/**
 * A model for the runner's bookkeeping only: one character per token, no cache, and a fixed
 * distribution that always prefers token 0 (the end-of-text token), so greedy generation stops at
 * once and sampling at a high temperature goes on. It records every batch it is given.
 */
class RecordingLM implements CausalLM {
  readonly window = 64;
  readonly vocabSize = 8;
  readonly eosTokenId = 0;
  readonly counters: LMCounters = zeroCounters();
  readonly batches: LogProbQuery[][] = [];

  constructor(readonly batchTokenBudget: number) {}

  encode(text: string): number[] {
    return [...text].map((c) => 1 + (c.charCodeAt(0) % 7));
  }
  decode(ids: readonly number[]): string {
    return ids.map((id) => String.fromCharCode(96 + id)).join('');
  }
  async logProbs(batch: readonly LogProbQuery[]): Promise<Float32Array[][]> {
    this.batches.push([...batch]);
    this.counters.forwardPasses++;
    this.counters.sequences += batch.length;
    return batch.map((q) => q.positions.map(() => Float32Array.from({ length: 8 }, (_, v) => (v === 0 ? -0.1 : -3))));
  }
  async dispose(): Promise<void> {}
}

describe('runQueries', () => {
  it('packs length-sorted batches within the budget', async () => {
    const lm = new RecordingLM(10);
    const queries = [3, 5, 2, 5, 3].map((n) => ({ ids: Array.from({ length: n }, () => 1), positions: [n - 1] }));
    const rows = await runQueries(lm, queries);
    expect(lm.batches.map((b) => b.map((q) => q.ids.length))).toEqual([[5, 5], [3, 3, 2]]);
    expect(rows).toHaveLength(5);
  });
});

describe('runLoglikelihood plans', () => {
  // The fake tokenizer makes one token per character, so each continuation is a single token.
  const requests: LoglikelihoodRequest[] = ['A', 'B', 'C', 'D'].map((letter) => ({ kind: 'loglikelihood', context: 'Answer:', continuation: letter }));

  it('shares one pass among single-token choices', async () => {
    const lm = new RecordingLM(100);
    await runLoglikelihood(lm, requests);
    expect(lm.counters.forwardPasses).toBe(1);
    expect(lm.counters.sequences).toBe(1);
  });

  it('runs one pass per choice in the naive plan', async () => {
    const lm = new RecordingLM(100);
    await runLoglikelihood(naiveModel(lm), requests);
    expect(lm.counters.forwardPasses).toBe(4);
    expect(lm.batches.every((b) => b.length === 1)).toBe(true);
  });
});

describe('runGenerate plans', () => {
  const request: GenerateRequest = {
    kind: 'generate', prompt: 'abc', maxNewTokens: 3, until: [], sampler: { kind: 'sample', temperature: 50, topK: null },
    samples: Array.from({ length: 4 }, (_, r) => ({ seed: 5 + r, streamKey: 'item' })),
  };

  it('runs one pass per run and token in the naive plan', async () => {
    const lm = new RecordingLM(100);
    const [response] = await runGenerate(naiveModel(lm), [request]);
    const expectedPasses = response!.tokenIds.reduce((sum, ids) => sum + ids.length + (ids.length < 3 ? 1 : 0), 0);
    expect(lm.counters.forwardPasses).toBe(expectedPasses);
    expect(lm.batches.every((b) => b.length === 1)).toBe(true);
  });

  it('gives the naive plan’s outputs with shared prefixes', async () => {
    const shared = await runGenerate(new RecordingLM(100), [request]);
    const naive = await runGenerate(naiveModel(new RecordingLM(100)), [request]);
    expect(shared[0]!.tokenIds).toEqual(naive[0]!.tokenIds);
  });
});

describe('runLoglikelihood on the key/value cache', () => {
  const contexts = ['Question: Which part of a plant makes food?\nAnswer:', 'Question: What do bees make?\nAnswer:'];
  const choices = [' the leaves of the tree', ' roots', ' honey and wax', ' a loud noise in the night'];
  const requests: LoglikelihoodRequest[] = contexts.flatMap((context) => choices.map((continuation) => ({ kind: 'loglikelihood' as const, context, continuation })));

  it('scores multi-token choices like full passes', async () => {
    const lm = await loadTinyModel('tiny-trainable');
    const cached = await runLoglikelihood(lm, requests);
    const naive = await runLoglikelihood(naiveModel(lm), requests);
    for (const [i, response] of cached.entries()) {
      expect(Math.abs(response.logprob - naive[i]!.logprob)).toBeLessThan(1e-4);
      expect(response.greedy).toBe(naive[i]!.greedy);
      expect(response.tokens).toBe(naive[i]!.tokens);
    }
  });

  it('runs each context once, then all choices in one pass', async () => {
    const lm = await loadTinyModel('tiny-trainable');
    const pairs = requests.map((r) => encodePair(lm, r.context, r.continuation, lm.window, lm.eosTokenId));
    const longer = pairs.filter((p) => p.continuationIds.length > 1);
    const before = { ...lm.counters };
    await runLoglikelihood(lm, requests);
    expect(longer.length).toBeGreaterThan(4);
    expect(lm.counters.forwardPasses - before.forwardPasses).toBe(2);
    expect(lm.counters.sequences - before.sequences).toBe(contexts.length + longer.length);
    // Each continuation row reads its context from the cache instead of running it again.
    const contextTokens = longer.reduce((sum, p) => sum + p.contextIds.length, 0);
    expect(lm.counters.cachedTokens - before.cachedTokens).toBe(contextTokens);
  });
});
