/**
 * Batch planning: sequences sorted by length and packed so that rows × longest row stays within the
 * backend's token budget, and the chunking of cache rows for incremental passes.
 */
import { throwIfCancelled } from './cancel';
import type { CachedLM, CacheRow, CausalLM, KVCache, LogProbQuery } from './lm';

/**
 * Splits the indexes of `lengths` into batches, longest first (equal lengths keep their order):
 * each batch contains at most `budget / longest` rows, and at least one.
 */
export function lengthBatches(lengths: readonly number[], budget: number): number[][] {
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[b]! - lengths[a]!);
  const batches: number[][] = [];
  let start = 0;
  while (start < order.length) {
    const longest = lengths[order[start]!]!;
    const size = Math.max(1, Math.floor(budget / Math.max(1, longest)));
    batches.push(order.slice(start, start + size));
    start += size;
  }
  return batches;
}

/** Splits `items` into consecutive chunks of at most `size` (at least 1) items. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const step = Math.max(1, Math.floor(size));
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += step) out.push(items.slice(start, start + step));
  return out;
}

/** Whether `rows` are all the rows of one cache, in order, so that the cache can be used as it is. */
function isWholeCache(rows: readonly CacheRow[]): boolean {
  const cache = rows[0]?.cache;
  return cache !== undefined && cache.rows === rows.length && rows.every((r, i) => r.cache === cache && r.row === i);
}

/**
 * The cache to extend for `rows`: the source cache itself when the rows are all of it in order
 * (`owned` false: the caller must not dispose it), a gathered copy otherwise (`owned` true).
 */
export async function cacheForRows(cached: CachedLM, rows: readonly CacheRow[]): Promise<{ cache: KVCache; owned: boolean }> {
  if (isWholeCache(rows)) return { cache: rows[0]!.cache, owned: false };
  return { cache: await cached.gather(rows), owned: true };
}

/**
 * Runs the queries in length-sorted batches that fit the model's token budget and returns the
 * log-probability rows in query order.
 */
export async function runQueries(
  lm: CausalLM,
  queries: readonly LogProbQuery[],
  signal?: AbortSignal,
): Promise<Float32Array[][]> {
  const results: Float32Array[][] = new Array(queries.length);
  for (const batch of lengthBatches(queries.map((q) => q.ids.length), lm.batchTokenBudget)) {
    throwIfCancelled(signal);
    const rows = await lm.logProbs(batch.map((i) => queries[i]!));
    batch.forEach((queryIndex, k) => {
      results[queryIndex] = rows[k]!;
    });
  }
  return results;
}
