/**
 * The closed set of requests a task can make of a model. A task turns its items into requests; the
 * runner decides the order, the batching and the reuse of shared contexts.
 */
import type { SamplerSpec } from './sampler';

/** Log-likelihood of `continuation` after `context` (the harness's multiple-choice primitive). */
export interface LoglikelihoodRequest {
  kind: 'loglikelihood';
  context: string;
  continuation: string;
}

/** One sample wanted from a generation request: where its random stream starts. */
export interface SampleSpec {
  /** Seed of the run the sample belongs to (the study's `seed + r`). */
  seed: number;
  /** Separates the streams of different items that share a seed, such as the item id. */
  streamKey: string;
}

/** Generation of up to `maxNewTokens` tokens after `prompt`, once per entry of `samples`. */
export interface GenerateRequest {
  kind: 'generate';
  prompt: string;
  maxNewTokens: number;
  /** Generation stops at the first of these strings; the output ends before it. */
  until: readonly string[];
  sampler: SamplerSpec;
  samples: readonly SampleSpec[];
}

export type Request = LoglikelihoodRequest | GenerateRequest;

/** The answer to a log-likelihood request. */
export interface LoglikelihoodResponse {
  /** Sum of the continuation tokens' log-probabilities, natural log. */
  logprob: number;
  /** Whether every continuation token was the most likely one at its position. */
  greedy: boolean;
  /** Continuation tokens scored. */
  tokens: number;
  /** Context tokens dropped from the left to fit the window. */
  truncatedTokens: number;
}

/** The answer to a generation request: one decoded output per sample. */
export interface GenerateResponse {
  outputs: string[];
  /** Generated token ids per sample, without the end-of-text token. */
  tokenIds: number[][];
  /** Prompt tokens dropped from the left to fit the window. */
  truncatedTokens: number;
}
