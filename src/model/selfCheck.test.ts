import { describe, expect, it } from 'vitest';
import { loadTinyModel } from '../testing/tinyModels';
import { REFERENCE_MODELS, runSelfCheck } from './selfCheck';

describe.each(REFERENCE_MODELS)('self-check of %s on onnxruntime-node', (model) => {
  it('passes every reference case', async () => {
    const cases = await runSelfCheck(await loadTinyModel(model), model);
    expect(cases).toHaveLength(16);
    for (const c of cases) expect(c, c.id).toMatchObject({ passed: true });
  });
});
