import { describe, expect, it } from 'vitest';
import type { CausalLM } from './lm';
import { loadBundledTaskForTest, loadTinyModel } from '../testing/tinyModels';
import { evaluateTask, type EvaluateHooks } from './evaluate';
import { DEFAULT_STUDY_SETTINGS, type GenerationItemRecord, type ProtocolSettings } from './types';

const SUBJECTS = ['abstract_algebra', 'anatomy', 'astronomy'];

/** Runs MMLU on the subjects with the first `limit` questions of each. */
async function evaluateMmlu(lm: CausalLM, config: { limit: number | null; settings: ProtocolSettings }, hooks: EvaluateHooks = {}) {
  const task = await loadBundledTaskForTest({ taskId: 'mmlu', protocol: config.settings.protocol, limit: config.limit, subsets: SUBJECTS });
  return evaluateTask(lm, task, config.settings, config.limit, hooks);
}

describe('evaluateMmlu under the harness protocol', () => {
  it('runs one sequence per question', async () => {
    const lm = await loadTinyModel('tiny-frozen');
    const before = lm.counters.sequences;
    const result = await evaluateMmlu(lm, { limit: 10, settings: { protocol: 'harness', numFewshot: 0 } });
    expect(lm.counters.sequences - before).toBe(30);
    expect(result.items).toHaveLength(30);
  });

  it('reports each subject, then MMLU pooled over all questions', async () => {
    const lm = await loadTinyModel('tiny-frozen');
    const result = await evaluateMmlu(lm, { limit: 10, settings: { protocol: 'harness', numFewshot: 0 } });
    expect(result.figures.map((f) => f.label)).toEqual([
      'MMLU [abstract_algebra]', 'MMLU [anatomy]', 'MMLU [astronomy]', 'MMLU',
    ]);
    const right = result.items.filter((r) => r.kind === 'choice' && r.correct).length;
    expect(result.figures[3]!.value).toBeCloseTo((100 * right) / 30, 10);
    for (const record of result.items) {
      if (record.kind !== 'choice') throw new Error('expected choice records');
      expect(record.chosen).toBe(record.logprobs.indexOf(Math.max(...record.logprobs)));
    }
  });

  it('resumes without scoring finished items again', async () => {
    const lm = await loadTinyModel('tiny-trainable');
    const config = { limit: 8, settings: { protocol: 'harness' as const, numFewshot: 1 } };
    const whole = await evaluateMmlu(lm, config);
    const before = lm.counters.sequences;
    const resumed = await evaluateMmlu(lm, config, { done: whole.items.slice(0, 20) });
    expect(lm.counters.sequences - before).toBe(4);
    expect(resumed.figures).toEqual(whole.figures);
  });

  it('stops when cancelled', async () => {
    const lm = await loadTinyModel('tiny-frozen');
    const controller = new AbortController();
    const run = evaluateMmlu(lm, { limit: null, settings: { protocol: 'harness', numFewshot: 0 } }, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done >= 16) controller.abort();
      },
    });
    await expect(run).rejects.toThrow('cancelled');
  });
});

describe('evaluateMmlu under the study protocol', () => {
  const settings = { ...DEFAULT_STUDY_SETTINGS, nRuns: 10, seed: 77 };

  it('runs one sequence per question for all ten runs', async () => {
    const lm = await loadTinyModel('tiny-trainable');
    const before = lm.counters.sequences;
    await evaluateMmlu(lm, { limit: 5, settings });
    expect(lm.counters.sequences - before).toBe(15);
  });

  it('gives each run the same answers as running it alone with its seed', async () => {
    const lm = await loadTinyModel('tiny-trainable');
    const together = await evaluateMmlu(lm, { limit: 5, settings });
    for (const r of [0, 4, 9]) {
      const alone = await evaluateMmlu(lm, { limit: 5, settings: { ...settings, nRuns: 1, seed: 77 + r } });
      const answersTogether = together.items.map((i) => (i as GenerationItemRecord).outputs[r]);
      const answersAlone = alone.items.map((i) => (i as GenerationItemRecord).outputs[0]);
      expect(answersAlone).toEqual(answersTogether);
      expect(alone.figures.at(-1)!.value).toBeCloseTo(together.figures.at(-1)!.runScores![r]!, 10);
    }
  });

  it('repeats a run exactly with the same seed', async () => {
    const lm = await loadTinyModel('tiny-frozen');
    const first = await evaluateMmlu(lm, { limit: 5, settings });
    const second = await evaluateMmlu(lm, { limit: 5, settings });
    expect(second.items).toEqual(first.items);
  });

  it('gives σ = 0 when decoding greedily', async () => {
    const lm = await loadTinyModel('tiny-frozen');
    const result = await evaluateMmlu(lm, { limit: 5, settings: { ...settings, greedy: true, nRuns: 3 } });
    for (const figure of result.figures) expect(figure.std).toBe(0);
  });
});
