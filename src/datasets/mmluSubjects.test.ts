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
