import { describe, expect, it } from 'vitest';
import { loadBundledTaskForTest, loadTinyModel } from '../testing/tinyModels';
import { evaluateTask } from './evaluate';
import type { CausalLM } from './lm';
import { naiveModel } from './naive';
import type { GenerateRequest } from './requests';
import { runGenerate } from './runner';
import type { TaskId } from './tasks/task';
import { DEFAULT_STUDY_SETTINGS, type GenerationItemRecord, type GreedyItemRecord, type ProtocolSettings } from './types';

const STUDY = { ...DEFAULT_STUDY_SETTINGS, nRuns: 10, seed: 77 };

async function evaluate(lm: CausalLM, taskId: TaskId, limit: number, settings: ProtocolSettings, subsets: string[] | null = null) {
  const task = await loadBundledTaskForTest({ taskId, protocol: settings.protocol, limit, subsets });
  return evaluateTask(lm, task, settings, limit);
}

function outputsOfRun(items: readonly unknown[], run: number): string[] {
  return items.map((item) => (item as GenerationItemRecord).outputs[run]!);
}

describe('study generation with ten runs', () => {
  it.each([
    ['arc_challenge', 4],
    ['translation', 1],
  ] as const)('gives %s each run’s answers alone', async (taskId, limit) => {
    const lm = await loadTinyModel('tiny-trainable');
    const together = await evaluate(lm, taskId, limit, STUDY);
    for (let r = 0; r < STUDY.nRuns; r++) {
      const alone = await evaluate(lm, taskId, limit, { ...STUDY, nRuns: 1, seed: STUDY.seed + r });
      expect(outputsOfRun(alone.items, 0)).toEqual(outputsOfRun(together.items, r));
    }
  });

  it('draws the tokens of the naive plan', async () => {
    const lm = await loadTinyModel('tiny-frozen');
    const prompts = ['Translate from English to Russian:\nGood morning, my lord.\nAnswer:', 'Translate from Chinese to English:\n你好\nAnswer:'];
    const requests: GenerateRequest[] = prompts.map((prompt, i) => ({
      kind: 'generate', prompt, maxNewTokens: 24, until: [], sampler: { kind: 'sample', temperature: 1, topK: null },
      samples: Array.from({ length: 10 }, (_, r) => ({ seed: 3 + r, streamKey: `item-${i}` })),
    }));
    const shared = await runGenerate(lm, requests);
    const naive = await runGenerate(naiveModel(lm), requests);
    for (const [i, response] of shared.entries()) expect(response.tokenIds).toEqual(naive[i]!.tokenIds);
  });

  it('costs MMLU at most 1.2 times the passes of one run', async () => {
    const lm = await loadTinyModel('tiny-frozen');
    const subjects = ['anatomy', 'astronomy'];
    const before = { ...lm.counters };
    await evaluate(lm, 'mmlu', 5, { ...STUDY, nRuns: 1 }, subjects);
    const oneRun = lm.counters.forwardPasses - before.forwardPasses;
    const middle = { ...lm.counters };
    await evaluate(lm, 'mmlu', 5, STUDY, subjects);
    const tenRuns = lm.counters.forwardPasses - middle.forwardPasses;
    expect(oneRun).toBeGreaterThan(0);
    expect(tenRuns).toBeLessThanOrEqual(1.2 * oneRun);
    expect(lm.counters.sequences - middle.sequences).toBe(10);
  });
});

describe('greedy generation until a stop string', () => {
  it.each([
    ['squad_v2', 4],
    ['translation', 1],
  ] as const)('gives %s the outputs of the naive plan', async (taskId, limit) => {
    const lm = await loadTinyModel('tiny-frozen');
    const settings = { protocol: 'harness', numFewshot: 0 } as const;
    const batched = await evaluate(lm, taskId, limit, settings);
    const naive = await evaluate(naiveModel(lm), taskId, limit, settings);
    const outputs = (items: readonly unknown[]) => items.map((item) => (item as GreedyItemRecord).output);
    expect(outputs(batched.items)).toEqual(outputs(naive.items));
    expect(batched.items.length).toBe(naive.items.length);
  });

  it('batches prompts and drops finished rows', async () => {
    const lm = await loadTinyModel('tiny-frozen');
    const sources = ['Good morning, my lord.', 'The king is dead.', 'Where is the horse?', 'I love thee.', 'Come hither, boy.'];
    const maxNewTokens = 40;
    const requests: GenerateRequest[] = sources.map((source) => ({
      kind: 'generate', prompt: `English phrase: ${source}\nRussian phrase:`, maxNewTokens, until: ['\n'], sampler: { kind: 'greedy' },
      samples: [{ seed: 0, streamKey: '' }],
    }));
    const before = { ...lm.counters };
    const responses = await runGenerate(lm, requests);

    // A row takes part in one pass per token drawn: its tokens, plus the end-of-text token if it drew one.
    const passesOfRow = responses.map((r) => {
      const tokens = r.tokenIds[0]!;
      const stopped = tokens.length >= maxNewTokens || lm.decode(tokens).includes('\n');
      return tokens.length + (stopped ? 0 : 1);
    });
    expect(lm.counters.forwardPasses - before.forwardPasses).toBe(Math.max(...passesOfRow));
    expect(lm.counters.sequences - before.sequences).toBe(passesOfRow.reduce((a, b) => a + b, 0));
  });
});
