/**
 * The self-check: scores the reference cases of referenceLogprobs.json with the bundled tiny models and
 * compares the log-likelihoods with PyTorch's. referenceLogprobs.json holds PyTorch 1.13 sums of
 * continuation log-probabilities for 16 (context, continuation) cases per model, with the token ids fed;
 * it was computed from the models' training checkpoints when the models were made (MIT-licensed).
 */
import type { CausalLM } from '../engine/lm';
import { runLoglikelihood } from '../engine/runner';
import reference from './referenceLogprobs.json';

/** The bundled models the reference covers. */
export const REFERENCE_MODELS = ['tiny-frozen', 'tiny-trainable'] as const;
export type ReferenceModel = (typeof REFERENCE_MODELS)[number];

/** Largest difference from PyTorch that counts as a match. */
export const SELF_CHECK_TOLERANCE = 1e-4;

interface ReferenceCase {
  id: string;
  context: string;
  continuation: string;
  results: Record<ReferenceModel, { sum_logprob: number; num_tokens: number; greedy: boolean }>;
}

/** One case of the self-check. */
export interface SelfCheckCase {
  id: string;
  expected: number;
  actual: number;
  difference: number;
  greedyMatches: boolean;
  passed: boolean;
}

/** Scores every reference case with `lm` (which must be the named bundled model) and compares. */
export async function runSelfCheck(lm: CausalLM, model: ReferenceModel): Promise<SelfCheckCase[]> {
  const cases = reference.cases as unknown as ReferenceCase[];
  const responses = await runLoglikelihood(
    lm,
    cases.map((c) => ({ kind: 'loglikelihood', context: c.context, continuation: c.continuation })),
  );
  return cases.map((c, i) => {
    const expected = c.results[model];
    const response = responses[i]!;
    const difference = Math.abs(response.logprob - expected.sum_logprob);
    const greedyMatches = response.greedy === expected.greedy && response.tokens === expected.num_tokens;
    return { id: c.id, expected: expected.sum_logprob, actual: response.logprob, difference, greedyMatches, passed: difference <= SELF_CHECK_TOLERANCE && greedyMatches };
  });
}
