/**
 * Executes requests on a model with as few forward passes as the protocols allow:
 * - log-likelihood requests that share a context and whose continuations are single tokens are
 *   answered from one pass over the context;
 * - generation samples that share a prefix (all runs at the first token, and the runs that drew the
 *   same tokens after it) share one pass per distinct prefix;
 * - the passes are sorted by length and packed into batches within the backend's token budget.
 */
import { type CausalLM, type LogProbQuery } from './lm';
import { itemStream, type UniformSource } from './random';
import type {
  GenerateRequest,
  GenerateResponse,
  LoglikelihoodRequest,
  LoglikelihoodResponse,
} from './requests';
import { argmax, chooseToken } from './sampler';
import { encodePair, fitPrompt } from './tokens';

/** Thrown when a run is cancelled through its AbortSignal. */
export class CancelledError extends Error {
  readonly code = 'cancelled';
  constructor() {
    super('The run was cancelled.');
    this.name = 'CancelledError';
  }
}

/** Throws a CancelledError when the signal has fired. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
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
  const order = queries.map((_, i) => i).sort((a, b) => queries[b]!.ids.length - queries[a]!.ids.length);
  const results: Float32Array[][] = new Array(queries.length);
  let start = 0;
  while (start < order.length) {
    throwIfCancelled(signal);
    const longest = queries[order[start]!]!.ids.length;
    const size = Math.max(1, Math.floor(lm.batchTokenBudget / Math.max(1, longest)));
    const batchIndexes = order.slice(start, start + size);
    const rows = await lm.logProbs(batchIndexes.map((i) => queries[i]!));
    batchIndexes.forEach((queryIndex, k) => {
      results[queryIndex] = rows[k]!;
    });
    start += batchIndexes.length;
  }
  return results;
}

/** Answers log-likelihood requests; requests with equal contexts and one-token continuations share a pass. */
export async function runLoglikelihood(
  lm: CausalLM,
  requests: readonly LoglikelihoodRequest[],
  signal?: AbortSignal,
): Promise<LoglikelihoodResponse[]> {
  const encoded = requests.map((r) => encodePair(lm, r.context, r.continuation, lm.window, lm.eosTokenId));

  // One query per distinct context among single-token continuations; one per request otherwise.
  const queries: LogProbQuery[] = [];
  const queryOf: number[] = [];
  const sharedContexts = new Map<string, number>();
  for (const pair of encoded) {
    if (pair.continuationIds.length === 1) {
      const key = pair.contextIds.join(',');
      let q = sharedContexts.get(key);
      if (q === undefined) {
        q = queries.push({ ids: pair.contextIds, positions: [pair.contextIds.length - 1] }) - 1;
        sharedContexts.set(key, q);
      }
      queryOf.push(q);
    } else {
      const ids = [...pair.contextIds, ...pair.continuationIds];
      const positions = pair.continuationIds.map((_, j) => pair.contextIds.length - 1 + j);
      queryOf.push(queries.push({ ids, positions }) - 1);
    }
  }

  const rows = await runQueries(lm, queries, signal);
  return encoded.map((pair, i) => {
    const queryRows = rows[queryOf[i]!]!;
    let logprob = 0;
    let greedy = true;
    pair.continuationIds.forEach((token, j) => {
      const row = queryRows[j]!;
      logprob += row[token]!;
      if (argmax(row) !== token) greedy = false;
    });
    return { logprob, greedy, tokens: pair.continuationIds.length, truncatedTokens: pair.truncatedTokens };
  });
}

/** One sample in progress. */
interface SampleState {
  request: number;
  tokens: number[];
  done: boolean;
  random: UniformSource;
}

/**
 * Answers generation requests token by token. At each step every distinct (prompt, prefix) among the
 * unfinished samples gets one query, so runs that agree so far share the work; each sample still
 * draws from its own random stream, so the outputs equal those of running every sample alone.
 */
export async function runGenerate(
  lm: CausalLM,
  requests: readonly GenerateRequest[],
  signal?: AbortSignal,
): Promise<GenerateResponse[]> {
  const prompts = requests.map((r) => {
    const ids = lm.encode(r.prompt);
    const fitted = fitPrompt(ids.length > 0 ? ids : [lm.eosTokenId], r.maxNewTokens, lm.window);
    return { ids: fitted, truncated: Math.max(0, ids.length - fitted.length) };
  });
  const samples: SampleState[] = requests.flatMap((r, request) =>
    r.samples.map((s) => ({ request, tokens: [], done: r.maxNewTokens <= 0, random: itemStream(s.seed, 0, s.streamKey) })),
  );

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
    active.forEach((s, k) => {
      const request = requests[s.request]!;
      const token = chooseToken(rows[queryOfSample[k]!]![0]!, request.sampler, s.random);
      if (token === lm.eosTokenId) {
        s.done = true;
        return;
      }
      s.tokens.push(token);
      if (s.tokens.length >= request.maxNewTokens || hitsStop(lm.decode(s.tokens), request.until)) s.done = true;
    });
  }

  return requests.map((r, request) => {
    const own = samples.filter((s) => s.request === request);
    return {
      outputs: own.map((s) => cutAtStop(lm.decode(s.tokens), r.until)),
      tokenIds: own.map((s) => s.tokens),
      truncatedTokens: prompts[request]!.truncated,
    };
  });
}

function hitsStop(text: string, until: readonly string[]): boolean {
  return until.some((stop) => stop !== '' && text.includes(stop));
}

/** Cuts the text before the first stop string it contains. */
export function cutAtStop(text: string, until: readonly string[]): string {
  let end = text.length;
  for (const stop of until) {
    if (stop === '') continue;
    const at = text.indexOf(stop);
    if (at >= 0 && at < end) end = at;
  }
  return text.slice(0, end);
}
