/**
 * The generated test repositories (scripts/onnx/testHub.ts) score like the bundled tiny-frozen model:
 * its fp32 graph with external data and its plain input_ids → logits export give PyTorch's
 * log-likelihoods within 1e-4, and its 4-bit variant stays within the measured quantization error.
 */
import { describe, expect, it } from 'vitest';
import { evaluateTask } from '../engine/evaluate';
import { runLoglikelihood } from '../engine/runner';
import type { ChoiceItemRecord } from '../engine/types';
import { loadBundledTaskForTest, loadTinyModel } from '../testing/tinyModels';
import { loadTestHubModel, TEST_REPOS } from '../testing/testHubModels';
import reference from './referenceLogprobs.json';

interface ReferenceCase {
  id: string;
  context: string;
  continuation: string;
  results: Record<'tiny-frozen', { sum_logprob: number; num_tokens: number; greedy: boolean }>;
}

const cases = reference.cases as unknown as ReferenceCase[];
const requests = cases.map((c) => ({ kind: 'loglikelihood' as const, context: c.context, continuation: c.continuation }));

/**
 * Largest difference from PyTorch per continuation token for the q4 variant. Measured with
 * onnxruntime-node 1.30 on this generator's output: 0.50 nats per token on `ru` (14 byte-level
 * tokens, 6.97 in total), at most 0.19 on the English cases. Rounding every weight of a 128-wide
 * model to 16 levels moves each logit by up to about 2.6, so differences of this size are the
 * quantization itself; the MatMulNBits layout is checked separately against the dequantized
 * weights (scripts/onnx/onnxTransforms.test.ts), within 1e-4.
 */
const Q4_TOLERANCE_PER_TOKEN = 0.6;

describe('fp32 graph with external data in two files', () => {
  it.each(cases.map((c) => [c.id, c] as const))('matches PyTorch within 1e-4 on %s', async (_id, c) => {
    const lm = await loadTestHubModel(TEST_REPOS.variants, 'fp32');
    const [response] = await runLoglikelihood(lm, [requests[cases.indexOf(c)]!]);
    expect(Math.abs(response!.logprob - c.results['tiny-frozen'].sum_logprob)).toBeLessThan(1e-4);
    expect(response!.tokens).toBe(c.results['tiny-frozen'].num_tokens);
    expect(response!.greedy).toBe(c.results['tiny-frozen'].greedy);
  });
});

describe('q4 variant with MatMulNBits weights', () => {
  it('stays within the quantization tolerance per token', async () => {
    const lm = await loadTestHubModel(TEST_REPOS.variants, 'q4');
    const responses = await runLoglikelihood(lm, requests);
    for (const [i, c] of cases.entries()) {
      const expected = c.results['tiny-frozen'];
      const difference = Math.abs(responses[i]!.logprob - expected.sum_logprob);
      expect(difference, c.id).toBeLessThanOrEqual(Q4_TOLERANCE_PER_TOKEN * expected.num_tokens);
      expect(responses[i]!.tokens, c.id).toBe(expected.num_tokens);
    }
  });

  it('keeps at least 14 of 16 greedy flags', async () => {
    const lm = await loadTestHubModel(TEST_REPOS.variants, 'q4');
    const responses = await runLoglikelihood(lm, requests);
    const same = cases.filter((c, i) => responses[i]!.greedy === c.results['tiny-frozen'].greedy).length;
    expect(same).toBeGreaterThanOrEqual(14);
  });

  it('differs from fp32 at all', async () => {
    // Guards against the loader silently picking the fp32 graph for the q4 variant.
    const [q4] = await runLoglikelihood(await loadTestHubModel(TEST_REPOS.variants, 'q4'), [requests[1]!]);
    expect(Math.abs(q4!.logprob - cases[1]!.results['tiny-frozen'].sum_logprob)).toBeGreaterThan(1e-3);
  });
});

// The first export's config.json names the onnxruntime backend; the second is chosen by the caller.
describe.each([
  ['input_ids and attention_mask', TEST_REPOS.raw, 'auto'],
  ['input_ids only', TEST_REPOS.rawIdsOnly, 'onnxruntime'],
] as const)('plain export with %s on the onnxruntime backend', (_label, repo, backend) => {
  it('matches PyTorch within 1e-4 on every reference case', async () => {
    const lm = await loadTestHubModel(repo, 'fp32', backend);
    const responses = await runLoglikelihood(lm, requests);
    for (const [i, c] of cases.entries()) {
      const expected = c.results['tiny-frozen'];
      expect(Math.abs(responses[i]!.logprob - expected.sum_logprob), c.id).toBeLessThan(1e-4);
      expect(responses[i]!.tokens, c.id).toBe(expected.num_tokens);
      expect(responses[i]!.greedy, c.id).toBe(expected.greedy);
    }
  });

  it('has no key/value cache and counts its passes', async () => {
    const lm = await loadTestHubModel(repo, 'fp32', backend);
    const before = lm.counters.forwardPasses;
    await runLoglikelihood(lm, requests.slice(0, 2));
    expect(lm.cached).toBeUndefined();
    expect(lm.counters.forwardPasses).toBeGreaterThan(before);
  });
});

describe('plain export without workbench_backend', () => {
  it('names the backend to pick when loaded on auto', async () => {
    await expect(loadTestHubModel(TEST_REPOS.rawIdsOnly)).rejects.toThrow('pick the onnxruntime backend');
  });
});

describe('MMLU harness on both backends', () => {
  const SUBJECTS = ['abstract_algebra', 'anatomy', 'astronomy'];
  const LIMIT = 8;

  it('gives the plain export the figures of the cache graph', async () => {
    const task = await loadBundledTaskForTest({ taskId: 'mmlu', protocol: 'harness', limit: LIMIT, subsets: SUBJECTS });
    const settings = { protocol: 'harness' as const, numFewshot: 0 };
    const viaTransformers = await evaluateTask(await loadTinyModel('tiny-frozen'), task, settings, LIMIT);
    const viaOrt = await evaluateTask(await loadTestHubModel(TEST_REPOS.raw), task, settings, LIMIT);

    expect(viaOrt.figures.map((f) => [f.label, f.value, f.std])).toEqual(viaTransformers.figures.map((f) => [f.label, f.value, f.std]));
    expect(viaOrt.items).toHaveLength(SUBJECTS.length * LIMIT);
    for (const [i, item] of (viaOrt.items as ChoiceItemRecord[]).entries()) {
      const other = viaTransformers.items[i] as ChoiceItemRecord;
      expect(item.chosen, item.itemId).toBe(other.chosen);
      for (const [k, logprob] of item.logprobs.entries()) expect(Math.abs(logprob - other.logprobs[k]!), item.itemId).toBeLessThan(1e-4);
    }
  });
});
