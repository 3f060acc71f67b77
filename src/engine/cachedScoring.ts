/**
 * Log-likelihoods of multi-token continuations on a key/value cache: one pass over each distinct
 * context (a prefill, batched with other contexts), then the continuations of all its choices as
 * one batch on copies of the context's cache rows. Only the rows that score a continuation token
 * are read back.
 */
import { cacheForRows, chunks, lengthBatches } from './batching';
import type { CachedLM, ExtendOutput } from './lm';
import { throwIfCancelled } from './cancel';

/** A context and the continuations scored after it. */
export interface ContextGroup {
  contextIds: readonly number[];
  continuations: readonly (readonly number[])[];
}

/** One continuation that needs a pass of its own after the prefill (it has more than one token). */
interface ContinuationRow {
  group: number;
  member: number;
  /** Row of the context in the prefill's cache. */
  cacheRow: number;
  /** The continuation without its last token: the inputs whose outputs score tokens 2 … n. */
  tokens: readonly number[];
}

/**
 * Returns, per group and continuation, the log-softmax row of every continuation token (the
 * distribution it was drawn from). Prefills hold at most `budget / longest context` contexts;
 * continuation passes at most `budget / (cache width + longest continuation)` rows.
 */
export async function scoreOnCache(
  cached: CachedLM,
  groups: readonly ContextGroup[],
  budget: number,
  signal?: AbortSignal,
): Promise<Float32Array[][][]> {
  const results: Float32Array[][][] = groups.map((g) => g.continuations.map(() => []));
  for (const batch of lengthBatches(groups.map((g) => g.contextIds.length), budget)) {
    throwIfCancelled(signal);
    const prefill = await cached.extend({
      past: null,
      tokens: batch.map((g) => groups[g]!.contextIds),
      positions: batch.map((g) => [groups[g]!.contextIds.length - 1]),
      keepCache: true,
    });
    try {
      const rows: ContinuationRow[] = [];
      batch.forEach((group, cacheRow) => {
        groups[group]!.continuations.forEach((continuation, member) => {
          results[group]![member]!.push(prefill.logProbs[cacheRow]![0]!);
          if (continuation.length > 1) rows.push({ group, member, cacheRow, tokens: continuation.slice(0, -1) });
        });
      });
      await scoreContinuations(cached, prefill, rows, results, budget, signal);
    } finally {
      prefill.cache?.dispose();
    }
  }
  return results;
}

/** Runs the continuation rows on the prefill's cache in chunks and appends their rows to `results`. */
async function scoreContinuations(
  cached: CachedLM,
  prefill: ExtendOutput,
  rows: readonly ContinuationRow[],
  results: Float32Array[][][],
  budget: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (rows.length === 0) return;
  const contextCache = prefill.cache!;
  const longest = Math.max(...rows.map((r) => r.tokens.length));
  for (const chunk of chunks(rows, budget / (contextCache.width + longest))) {
    throwIfCancelled(signal);
    const past = await cacheForRows(cached, chunk.map((r) => ({ cache: contextCache, row: r.cacheRow })));
    let output: ExtendOutput;
    try {
      output = await cached.extend({
        past: past.cache,
        tokens: chunk.map((r) => r.tokens),
        positions: chunk.map((r) => r.tokens.map((_, j) => j)),
        keepCache: false,
      });
    } finally {
      if (past.owned) past.cache.dispose();
    }
    chunk.forEach((r, k) => results[r.group]![r.member]!.push(...output.logProbs[k]!));
  }
}
