import { describe, expect, it } from 'vitest';
import type { CachedLM, CausalLM } from '../engine/lm';
import { loadTinyModel } from '../testing/tinyModels';

/** Largest absolute difference between two rows. */
function maxDifference(a: Float32Array, b: Float32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

async function model(): Promise<{ lm: CausalLM; cached: CachedLM }> {
  const lm = await loadTinyModel('tiny-frozen');
  if (!lm.cached) throw new Error('the tiny model should take a key/value cache');
  return { lm, cached: lm.cached };
}

/** The full-sequence distributions after every token of `ids`, from the uncached path. */
async function fullRows(lm: CausalLM, ids: number[]): Promise<Float32Array[]> {
  const [rows] = await lm.logProbs([{ ids, positions: ids.map((_, p) => p) }]);
  return rows!;
}

const TEXTS = [
  'First Citizen:\nBefore we proceed any further, hear me speak.',
  'ROMEO:\nBut soft!',
  'Question: What is the capital of France?\nAnswer:',
];

describe('TransformersCachedLM', () => {
  it('matches full passes after a prefix', async () => {
    const { lm, cached } = await model();
    const ids = lm.encode(TEXTS[0]!);
    const full = await fullRows(lm, ids);
    const split = 7;
    const prefill = await cached.extend({ past: null, tokens: [ids.slice(0, split)], positions: [[split - 1]], keepCache: true });
    const rest = ids.slice(split);
    const step = await cached.extend({ past: prefill.cache, tokens: [rest], positions: [rest.map((_, j) => j)], keepCache: false });
    prefill.cache!.dispose();
    expect(maxDifference(prefill.logProbs[0]![0]!, full[split - 1]!)).toBeLessThan(1e-4);
    rest.forEach((_, j) => expect(maxDifference(step.logProbs[0]![j]!, full[split + j]!)).toBeLessThan(1e-4));
  });

  it('keeps left-padded rows equal to rows alone', async () => {
    const { lm, cached } = await model();
    const prompts = TEXTS.map((t) => lm.encode(t));
    const batch = await cached.extend({ past: null, tokens: prompts, positions: prompts.map((p) => p.map((_, j) => j)), keepCache: true });
    for (const [r, ids] of prompts.entries()) {
      const full = await fullRows(lm, ids);
      ids.forEach((_, j) => expect(maxDifference(batch.logProbs[r]![j]!, full[j]!)).toBeLessThan(1e-4));
    }
    // One more token per row on the padded cache still matches the full sequences.
    const next = prompts.map((p) => [p[0]!]);
    const step = await cached.extend({ past: batch.cache, tokens: next, positions: next.map(() => [0]), keepCache: false });
    batch.cache!.dispose();
    for (const [r, ids] of prompts.entries()) {
      const full = await fullRows(lm, [...ids, next[r]![0]!]);
      expect(maxDifference(step.logProbs[r]![0]!, full[ids.length]!)).toBeLessThan(1e-4);
    }
  });

  it('continues gathered rows like their sources', async () => {
    const { lm, cached } = await model();
    const prompts = TEXTS.map((t) => lm.encode(t));
    const prefill = await cached.extend({ past: null, tokens: prompts, positions: prompts.map((p) => [p.length - 1]), keepCache: true });
    const cache = prefill.cache!;
    // Rows 2, 0, 0: one dropped, one repeated, in another order.
    const picks = [2, 0, 0];
    const gathered = await cached.gather(picks.map((row) => ({ cache, row })));
    cache.dispose();
    expect(gathered.lengths).toEqual(picks.map((r) => prompts[r]!.length));
    // Ragged continuations after the cache: the shorter row is padded on the left.
    const continuations = [lm.encode(' Paris, the city'), lm.encode(' but'), lm.encode(' what light')];
    const step = await cached.extend({
      past: gathered, tokens: continuations, positions: continuations.map((c) => c.map((_, j) => j)), keepCache: false,
    });
    gathered.dispose();
    for (const [k, row] of picks.entries()) {
      const ids = [...prompts[row]!, ...continuations[k]!];
      const full = await fullRows(lm, ids);
      continuations[k]!.forEach((_, j) => {
        expect(maxDifference(step.logProbs[k]![j]!, full[prompts[row]!.length + j]!)).toBeLessThan(1e-4);
      });
    }
  });

  it('counts passes, rows, new and cached tokens', async () => {
    const { lm, cached } = await model();
    const ids = lm.encode(TEXTS[1]!);
    const before = { ...lm.counters };
    const prefill = await cached.extend({ past: null, tokens: [ids], positions: [[ids.length - 1]], keepCache: true });
    const gathered = await cached.gather([{ cache: prefill.cache!, row: 0 }, { cache: prefill.cache!, row: 0 }]);
    prefill.cache!.dispose();
    await cached.extend({ past: gathered, tokens: [[10], [11, 12]], positions: [[0], [1]], keepCache: false });
    gathered.dispose();
    expect(lm.counters.forwardPasses - before.forwardPasses).toBe(2);
    expect(lm.counters.sequences - before.sequences).toBe(3);
    expect(lm.counters.tokens - before.tokens).toBe(ids.length + 3);
    expect(lm.counters.cachedTokens - before.cachedTokens).toBe(2 * ids.length);
    expect(lm.counters.gatheredRows - before.gatheredRows).toBe(2);
  });

  it('rejects a disposed cache', async () => {
    const { lm, cached } = await model();
    const ids = lm.encode(TEXTS[1]!);
    const prefill = await cached.extend({ past: null, tokens: [ids], positions: [[0]], keepCache: true });
    prefill.cache!.dispose();
    await expect(cached.extend({ past: prefill.cache, tokens: [[1]], positions: [[0]], keepCache: false })).rejects.toThrow('disposed');
  });
});
