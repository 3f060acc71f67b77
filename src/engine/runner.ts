/**
 * Executes requests on a model with as few forward passes as the protocols allow:
 * - log-likelihood requests that share a context and whose continuations are single tokens are
 *   answered from one pass over the context;
 * - multi-token continuations of one context reuse the context's key/value cache: one prefill of
 *   the context, then all its continuations as one batch on copies of its cache rows;
 * - generation runs as a prefix tree on the key/value cache: all runs share the prompt's pass, and
 *   the runs that drew the same tokens share one row per step; finished rows are dropped;
 * - the passes are sorted by length and packed into batches within the backend's token budget.
 * A backend without a cache gets the same sharing with full-sequence passes, and a model wrapped by
 * naiveModel gets the naive plan (one pass per choice, and per run and token).
 */
import { runQueries } from './batching';
import { scoreOnCache, type ContextGroup } from './cachedScoring';
import { throwIfCancelled } from './cancel';
import { generateByPrefixes, generateNaively, scorePairsNaively } from './fullPasses';
import { collectResponses, fitPrompts, newSamples } from './generation';
import type { CausalLM, LogProbQuery } from './lm';
import { generateOnCache } from './prefixTree';
import type { GenerateRequest, GenerateResponse, LoglikelihoodRequest, LoglikelihoodResponse } from './requests';
import { argmax } from './sampler';
import { encodePair, type EncodedPair } from './tokens';

export { CancelledError, throwIfCancelled } from './cancel';
export { runQueries } from './batching';
export { cutAtStop } from './generation';

/** Answers log-likelihood requests, sharing each distinct context's pass among its continuations. */
export async function runLoglikelihood(
  lm: CausalLM,
  requests: readonly LoglikelihoodRequest[],
  signal?: AbortSignal,
): Promise<LoglikelihoodResponse[]> {
  const encoded = requests.map((r) => encodePair(lm, r.context, r.continuation, lm.window, lm.eosTokenId));
  const rows = lm.naive ? await scorePairsNaively(lm, encoded, signal) : await scorePairs(lm, encoded, signal);
  return encoded.map((pair, i) => {
    const pairRows = rows[i]!;
    let logprob = 0;
    let greedy = true;
    pair.continuationIds.forEach((token, j) => {
      const row = pairRows[j]!;
      logprob += row[token]!;
      if (argmax(row) !== token) greedy = false;
    });
    return { logprob, greedy, tokens: pair.continuationIds.length, truncatedTokens: pair.truncatedTokens };
  });
}

/**
 * Returns each pair's log-probability rows, one per continuation token. Contexts whose
 * continuations are all single tokens get one full pass each; contexts with a longer continuation
 * go to the cache when the backend has one; without a cache, each longer continuation runs in full.
 */
async function scorePairs(lm: CausalLM, encoded: readonly EncodedPair[], signal?: AbortSignal): Promise<Float32Array[][]> {
  const membersOf = new Map<string, number[]>();
  for (const [i, pair] of encoded.entries()) {
    const key = pair.contextIds.join(',');
    const members = membersOf.get(key);
    if (members) members.push(i);
    else membersOf.set(key, [i]);
  }
  const onCache = (members: readonly number[]) => lm.cached !== undefined && members.some((i) => encoded[i]!.continuationIds.length > 1);

  // Full-sequence queries: one per context among single-token continuations, one per pair otherwise.
  const queries: LogProbQuery[] = [];
  const queryOf = new Map<number, number>();
  const sharedContexts = new Map<string, number>();
  for (const [i, pair] of encoded.entries()) {
    const key = pair.contextIds.join(',');
    if (onCache(membersOf.get(key)!)) continue;
    if (pair.continuationIds.length === 1) {
      let q = sharedContexts.get(key);
      if (q === undefined) {
        q = queries.push({ ids: pair.contextIds, positions: [pair.contextIds.length - 1] }) - 1;
        sharedContexts.set(key, q);
      }
      queryOf.set(i, q);
    } else {
      const ids = [...pair.contextIds, ...pair.continuationIds];
      const positions = pair.continuationIds.map((_, j) => pair.contextIds.length - 1 + j);
      queryOf.set(i, queries.push({ ids, positions }) - 1);
    }
  }
  const rows: Float32Array[][] = new Array(encoded.length);
  const queryRows = await runQueries(lm, queries, signal);
  for (const [i, q] of queryOf) rows[i] = queryRows[q]!;

  const cachedMembers = [...membersOf.values()].filter(onCache);
  if (cachedMembers.length > 0) {
    const groups: ContextGroup[] = cachedMembers.map((members) => ({
      contextIds: encoded[members[0]!]!.contextIds,
      continuations: members.map((i) => encoded[i]!.continuationIds),
    }));
    const groupRows = await scoreOnCache(lm.cached!, groups, lm.batchTokenBudget, signal);
    cachedMembers.forEach((members, g) => members.forEach((i, m) => (rows[i] = groupRows[g]![m]!)));
  }
  return rows;
}

/**
 * Answers generation requests token by token. Each sample draws from its own random stream, so the
 * outputs equal those of running every sample alone, whatever the plan and the batching.
 */
export async function runGenerate(
  lm: CausalLM,
  requests: readonly GenerateRequest[],
  signal?: AbortSignal,
): Promise<GenerateResponse[]> {
  const prompts = fitPrompts(lm, requests);
  const samples = newSamples(requests);
  if (lm.naive) await generateNaively(lm, requests, prompts, samples, signal);
  else if (lm.cached) await generateOnCache(lm, lm.cached, requests, prompts, samples, signal);
  else await generateByPrefixes(lm, requests, prompts, samples, signal);
  return collectResponses(lm, requests, prompts, samples);
}
