import { describe, expect, it } from 'vitest';
import { subjectFromFileName } from './mmlu';

describe('subjectFromFileName', () => {
  it.each([
    ['abstract_algebra_test.csv', 'abstract_algebra'],
    ['data/test/anatomy_dev.csv', 'anatomy'],
    ['physics2_test.csv', 'physics2'],
    ['中文历史_test.csv', '中文历史'],
    ['my-subject_val.jsonl', 'my-subject'],
    ['questions.csv', 'questions'],
    ['_test.csv', 'mmlu'],
  ])('reads %s as %s', (file, subject) => {
    expect(subjectFromFileName(file)).toBe(subject);
  });
});
