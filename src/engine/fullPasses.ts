/**
 * Plans that run every sequence in full, without a key/value cache. Backends without a cache get the
 * prefix-sharing generation. The naive plan, which the benchmark measures against, runs one
 * sequence per forward pass: one per choice, and one per run and token.
 */
import { runQueries } from './batching';
import { throwIfCancelled } from './cancel';
import { advanceSample, type FittedPrompt, type SampleState } from './generation';
import type { CausalLM, LogProbQuery } from './lm';
import type { GenerateRequest } from './requests';
import type { EncodedPair } from './tokens';

/**
 * Generates token by token. At each step every distinct (prompt, prefix) among the unfinished
 * samples gets one full-sequence query, so runs that agree so far share the work.
 */
export async function generateByPrefixes(
  lm: CausalLM,
  requests: readonly GenerateRequest[],
  prompts: readonly FittedPrompt[],
  samples: readonly SampleState[],
  signal?: AbortSignal,
): Promise<void> {
  for (;;) {
    const active = samples.filter((s) => !s.done);
    if (active.length === 0) break;
    throwIfCancelled(signal);

    const queries: LogProbQuery[] = [];
    const queryOfPrefix = new Map<string, number>();
    const queryOfSample = active.map((s) => {
      const key = `${s.request}:${s.tokens.join(',')}`;
      let q = queryOfPrefix.get(key);
      if (q === undefined) {
        const ids = [...prompts[s.request]!.ids, ...s.tokens];
        q = queries.push({ ids, positions: [ids.length - 1] }) - 1;
        queryOfPrefix.set(key, q);
      }
      return q;
    });

    const rows = await runQueries(lm, queries, signal);
    active.forEach((s, k) => advanceSample(lm, s, requests[s.request]!, rows[queryOfSample[k]!]![0]!));
  }
}

/** Generates each sample alone, one full-sequence forward pass per token. */
export async function generateNaively(
  lm: CausalLM,
  requests: readonly GenerateRequest[],
  prompts: readonly FittedPrompt[],
  samples: readonly SampleState[],
  signal?: AbortSignal,
): Promise<void> {
  for (const sample of samples) {
    while (!sample.done) {
      throwIfCancelled(signal);
      const ids = [...prompts[sample.request]!.ids, ...sample.tokens];
      const [rows] = await lm.logProbs([{ ids, positions: [ids.length - 1] }]);
      advanceSample(lm, sample, requests[sample.request]!, rows![0]!);
    }
  }
}

/** Scores each pair alone: one forward pass over context and continuation per pair. */
export async function scorePairsNaively(lm: CausalLM, pairs: readonly EncodedPair[], signal?: AbortSignal): Promise<Float32Array[][]> {
  const rows: Float32Array[][] = [];
  for (const pair of pairs) {
    throwIfCancelled(signal);
    const ids = [...pair.contextIds, ...pair.continuationIds];
    const positions = pair.continuationIds.map((_, j) => pair.contextIds.length - 1 + j);
    const [queryRows] = await lm.logProbs([{ ids, positions }]);
    rows.push(queryRows!);
  }
  return rows;
}
