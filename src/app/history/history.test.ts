import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChoiceItemRecord } from '../../engine/types';
import { deleteRunValues, setRunValues } from '../../hub/store';
import { syntheticMmluRun } from '../../share/syntheticRuns';
import type { RunParams } from '../../worker/protocol';
import type { RunConfig } from '../runs/runStore';
import { deleteHistory, listHistory, readHistory, readNewest, saveToHistory } from './historyStore';
import { discardJournal, readInterruptedRun, RunJournal } from './runJournal';

const PARAMS: RunParams = {
  runId: 'run-1',
  models: [{ endpoint: 'bundled', repo: 'bundled/tiny-frozen', revision: 'main', dtype: 'fp32' }],
  context: { bundledUrl: 'http://127.0.0.1/hub', token: 'secret-token' },
  device: 'wasm',
  tasks: [{ taskId: 'mmlu', subsets: ['anatomy'], limit: 3 }],
  protocols: [{ protocol: 'harness', numFewshot: 0 }],
};
const CONFIG = { limit: 3 } as unknown as RunConfig;

function record(itemId: string, correct: boolean): ChoiceItemRecord {
  return { kind: 'choice', itemId, subset: 'anatomy', gold: 0, chosen: correct ? 0 : 1, correct, logprobs: [-1, -2, -3, -4], normChosen: null, greedy: [] };
}

describe('run journal', () => {
  beforeEach(async () => {
    await discardJournal();
  });

  it('returns saved records by model, task and protocol', async () => {
    const journal = await RunJournal.begin(PARAMS, CONFIG);
    journal.append(0, 'mmlu:harness', [record('anatomy/0', true), record('anatomy/1', false)]);
    journal.append(1, 'mmlu:harness', [record('anatomy/0', false)]);
    expect(await journal.flush()).toBeNull();

    const saved = await readInterruptedRun();
    expect(saved!.head.runId).toBe('run-1');
    expect(saved!.head.status).toBe('running');
    expect(Object.keys(saved!.done).sort()).toEqual(['0:mmlu:harness', '1:mmlu:harness']);
    expect(saved!.done['0:mmlu:harness']!.map((r) => r.itemId)).toEqual(['anatomy/0', 'anatomy/1']);
    expect(saved!.savedItems).toBe(3);
  });

  it('keeps the access token out of storage', async () => {
    await RunJournal.begin(PARAMS, CONFIG);
    const saved = await readInterruptedRun();
    expect(JSON.stringify(saved)).not.toContain('secret-token');
  });

  it('counts an item saved twice once', async () => {
    const journal = await RunJournal.begin(PARAMS, CONFIG);
    journal.append(0, 'mmlu:harness', [record('anatomy/0', true)]);
    journal.append(0, 'mmlu:harness', [record('anatomy/0', true), record('anatomy/1', true)]);
    await journal.flush();
    const saved = await readInterruptedRun();
    expect(saved!.done['0:mmlu:harness']).toHaveLength(2);
    expect(saved!.savedItems).toBe(2);
  });

  it('keeps each model\'s backend for a resume', async () => {
    const models: RunParams['models'] = [
      { endpoint: 'http://127.0.0.1:8000', repo: 'org/plain', revision: 'main', dtype: 'fp32', backend: 'onnxruntime' },
      { endpoint: 'bundled', repo: 'bundled/tiny-frozen', revision: 'main', dtype: 'fp32', backend: 'transformers.js' },
    ];
    await RunJournal.begin({ ...PARAMS, models }, CONFIG);
    const saved = await readInterruptedRun();
    expect(saved!.head.params.models.map((m) => m.backend)).toEqual(['onnxruntime', 'transformers.js']);
  });

  it('drops a run stopped before any record', async () => {
    const journal = await RunJournal.begin(PARAMS, CONFIG);
    await journal.stop();
    expect(await readInterruptedRun()).toBeNull();
  });

  it('keeps a stopped run with records', async () => {
    const journal = await RunJournal.begin(PARAMS, CONFIG);
    journal.append(0, 'mmlu:harness', [record('anatomy/0', true)]);
    await journal.stop();
    const saved = await readInterruptedRun();
    expect(saved!.head.status).toBe('stopped');
    expect(saved!.savedItems).toBe(1);
  });

  it('appends to a resumed journal', async () => {
    const first = await RunJournal.begin(PARAMS, CONFIG);
    first.append(0, 'mmlu:harness', [record('anatomy/0', true)]);
    await first.stop();
    const stopped = await readInterruptedRun();
    expect(stopped!.head.status).toBe('stopped');

    const second = await RunJournal.resume(stopped!);
    second.append(0, 'mmlu:harness', [record('anatomy/1', true)]);
    await second.flush();
    const saved = await readInterruptedRun();
    expect(saved!.head.status).toBe('running');
    expect(saved!.done['0:mmlu:harness']!.map((r) => r.itemId)).toEqual(['anatomy/0', 'anatomy/1']);
  });

  it('leaves nothing after close', async () => {
    const journal = await RunJournal.begin(PARAMS, CONFIG);
    journal.append(0, 'mmlu:harness', [record('anatomy/0', true)]);
    await journal.close();
    expect(await readInterruptedRun()).toBeNull();
  });
});

describe('history', () => {
  beforeEach(async () => {
    await deleteHistory((await listHistory()).map((entry) => entry.id));
  });

  it('lists saved runs newest first', async () => {
    const older = [syntheticMmluRun({ repo: 'org/old', protocol: 'harness', seed: 1, limit: 1 })];
    const newer = [syntheticMmluRun({ repo: 'org/new', protocol: 'harness', seed: 2, limit: 1 })];
    await saveToHistory('a', older);
    await saveToHistory('b', newer);
    const entries = await listHistory();
    expect(entries.map((entry) => entry.id)).toEqual(['b', 'a']);
    expect(entries[0]!.models).toEqual(['org/new']);
    expect(entries[0]!.items).toBe(57);
    expect(await readNewest()).toEqual(newer);
  });

  it('deletes a run and its results', async () => {
    await saveToHistory('a', [syntheticMmluRun({ repo: 'org/a', protocol: 'harness', seed: 1, limit: 1 })]);
    await deleteHistory(['a']);
    expect(await listHistory()).toEqual([]);
    expect(await readHistory('a')).toBeNull();
  });

  it('moves a result of the single-key format into the history', async () => {
    const runs = [syntheticMmluRun({ repo: 'org/legacy', protocol: 'harness', seed: 3, limit: 1 })];
    await setRunValues([['last-results', { savedAt: '2026-01-01T00:00:00.000Z', runs }]]);
    expect(await readNewest()).toEqual(runs);
    expect((await listHistory())[0]!.id).toBe('legacy-2026-01-01T00:00:00.000Z');
    await deleteRunValues(['last-results']);
  });
});
