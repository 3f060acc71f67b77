/**
 * Generation token by token, shared by every plan: prompts fitted to the window, one sample state
 * per (request, sample) with its own random stream, and the stop rules (end-of-text token, a stop
 * string in the decoded output, or `maxNewTokens`). The plans differ only in how they compute each
 * sample's next-token distribution; since a sample's draws depend on nothing else, every plan gives
 * the same outputs up to the floating-point noise of the forward passes.
 */
import type { CausalLM } from './lm';
import { itemStream, type UniformSource } from './random';
import type { GenerateRequest, GenerateResponse } from './requests';
import { chooseToken } from './sampler';
import { fitPrompt } from './tokens';

/** A prompt's ids after left truncation, and the tokens dropped. */
export interface FittedPrompt {
  ids: number[];
  truncated: number;
}

/** One sample in progress. */
export interface SampleState {
  /** Index of the request the sample belongs to. */
  request: number;
  tokens: number[];
  done: boolean;
  random: UniformSource;
}

/** Encodes and fits each request's prompt (an empty prompt becomes the end-of-text token). */
export function fitPrompts(lm: CausalLM, requests: readonly GenerateRequest[]): FittedPrompt[] {
  return requests.map((r) => {
    const ids = lm.encode(r.prompt);
    const fitted = fitPrompt(ids.length > 0 ? ids : [lm.eosTokenId], r.maxNewTokens, lm.window);
    return { ids: fitted, truncated: Math.max(0, ids.length - fitted.length) };
  });
}

/** The samples of every request, in request order, each on the stream of its (seed, stream key). */
export function newSamples(requests: readonly GenerateRequest[]): SampleState[] {
  return requests.flatMap((r, request) =>
    r.samples.map((s) => ({ request, tokens: [], done: r.maxNewTokens <= 0, random: itemStream(s.seed, 0, s.streamKey) })),
  );
}

/**
 * Draws the sample's next token from `logProbs` with its own stream and applies the stop rules.
 * Returns the token when the sample goes on and needs another distribution, null when it is done.
 */
export function advanceSample(lm: CausalLM, sample: SampleState, request: GenerateRequest, logProbs: Float32Array): number | null {
  const token = chooseToken(logProbs, request.sampler, sample.random);
  if (token === lm.eosTokenId) {
    sample.done = true;
    return null;
  }
  sample.tokens.push(token);
  if (sample.tokens.length >= request.maxNewTokens || hitsStop(lm.decode(sample.tokens), request.until)) {
    sample.done = true;
    return null;
  }
  return token;
}

/** The responses: each sample's decoded output, cut before the first stop string. */
export function collectResponses(
  lm: CausalLM,
  requests: readonly GenerateRequest[],
  prompts: readonly FittedPrompt[],
  samples: readonly SampleState[],
): GenerateResponse[] {
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
