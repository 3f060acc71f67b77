import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_HUB_DIR } from '../cli/nodeRepos';
import { MMLU_SUBJECT_IDS, MMLU_SUBJECTS } from './mmluSubjects';

describe('MMLU subject list', () => {
  it('equals the bundled dataset mapping', () => {
    const info = JSON.parse(readFileSync(join(BUNDLED_HUB_DIR, 'api/datasets/bundled/mmlu/revision/main'), 'utf8'));
    const bundled = JSON.parse(readFileSync(join(BUNDLED_HUB_DIR, 'datasets/bundled/mmlu/resolve', info.sha, 'mapping.json'), 'utf8'));
    expect(MMLU_SUBJECTS).toEqual(bundled);
  });

  it('has 57 subjects', () => {
    expect(MMLU_SUBJECT_IDS).toHaveLength(57);
  });
});

describe('MMLU test sizes', () => {
  it('sum to 14,042 and match the bundled files', async () => {
    const { MMLU_SUBJECT_SIZES } = await import('./mmluSubjects');
    expect(Object.values(MMLU_SUBJECT_SIZES).reduce((a, b) => a + b, 0)).toBe(14042);
    const { loadBundledTaskForTest } = await import('../testing/tinyModels');
    const task = await loadBundledTaskForTest({ taskId: 'mmlu', protocol: 'harness', limit: null, subsets: null });
    const counts: Record<string, number> = {};
    for (const id of task.itemIds) counts[id.split('/')[0]!] = (counts[id.split('/')[0]!] ?? 0) + 1;
    expect(counts).toEqual(MMLU_SUBJECT_SIZES);
  });
});
