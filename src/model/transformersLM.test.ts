import { describe, expect, it } from 'vitest';
import { runLoglikelihood } from '../engine/runner';
import { encodePair } from '../engine/tokens';
import { loadTinyModel, type TinyModelName } from '../testing/tinyModels';
import reference from './referenceLogprobs.json';

interface ReferenceCase {
  id: string;
  context: string;
  continuation: string;
  input_ids: number[];
  continuation_token_ids: number[];
  results: Record<TinyModelName, { sum_logprob: number; num_tokens: number; greedy: boolean }>;
}

const cases = reference.cases as unknown as ReferenceCase[];

describe.each(['tiny-frozen', 'tiny-trainable'] as const)('%s on onnxruntime-node', (name) => {
  it.each(cases.map((c) => [c.id, c] as const))('feeds the reference ids for %s', async (_id, c) => {
    const lm = await loadTinyModel(name);
    const pair = encodePair(lm, c.context, c.continuation, lm.window, lm.eosTokenId);
    expect([...pair.contextIds, ...pair.continuationIds]).toEqual(c.input_ids);
    expect(pair.continuationIds).toEqual(c.continuation_token_ids);
  });

  it.each(cases.map((c) => [c.id, c] as const))('matches the PyTorch log-likelihood of %s within 1e-4', async (_id, c) => {
    const lm = await loadTinyModel(name);
    const [response] = await runLoglikelihood(lm, [{ kind: 'loglikelihood', context: c.context, continuation: c.continuation }]);
    const expected = c.results[name];
    expect(Math.abs(response!.logprob - expected.sum_logprob)).toBeLessThan(1e-4);
    expect(response!.tokens).toBe(expected.num_tokens);
    expect(response!.greedy).toBe(expected.greedy);
  });

  it('scores a batch the same as one request at a time', async () => {
    const lm = await loadTinyModel(name);
    const requests = cases.map((c) => ({ kind: 'loglikelihood' as const, context: c.context, continuation: c.continuation }));
    const together = await runLoglikelihood(lm, requests);
    for (const [i, request] of requests.entries()) {
      const [alone] = await runLoglikelihood(lm, [request]);
      expect(Math.abs(together[i]!.logprob - alone!.logprob)).toBeLessThan(1e-4);
    }
  });
});
