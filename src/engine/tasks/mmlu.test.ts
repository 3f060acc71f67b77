import { describe, expect, it } from 'vitest';
import type { ChoiceItem } from '../../datasets/items';
import { mmluHarnessContext, mmluHarnessRequests, mmluStudyPrompt } from './mmlu';
import { studyAnswerLetter, studyRequest } from './scoring';
import { DEFAULT_STUDY_SETTINGS } from '../types';

const labelled = (texts: string[]) => texts.map((text, k) => ({ label: 'ABCD'[k]!, text }));

// The first question of abstract_algebra's test file, with white space around it to show the trimming.
const item: ChoiceItem = {
  id: 'abstract_algebra/0',
  subset: 'abstract_algebra',
  question: ' Find the degree for the given field extension Q(sqrt(2), sqrt(3), sqrt(18)) over Q.\n',
  choices: labelled(['0', '4', '2', '6']),
  answer: 1,
};
const shot: ChoiceItem = { id: 'abstract_algebra/dev0', subset: 'abstract_algebra', question: 'Q1?', choices: labelled(['a', 'b', 'c', 'd']), answer: 3 };

describe('MMLU prompts', () => {
  it('builds the study prompt with the options on one line', () => {
    expect(mmluStudyPrompt(item)).toBe(
      'Question:  Find the degree for the given field extension Q(sqrt(2), sqrt(3), sqrt(18)) over Q.\n\n' +
        'Options: A) 0 B) 4 C) 2 D) 6\nAnswer:',
    );
  });

  it('builds the zero-shot harness context with the subject description', () => {
    expect(mmluHarnessContext(item, [])).toBe(
      'The following are multiple choice questions (with answers) about abstract algebra.\n\n' +
        'Find the degree for the given field extension Q(sqrt(2), sqrt(3), sqrt(18)) over Q.\n' +
        'A. 0\nB. 4\nC. 2\nD. 6\nAnswer:',
    );
  });

  it('puts each few-shot example with its answer letter before the question', () => {
    expect(mmluHarnessContext(item, [shot])).toBe(
      'The following are multiple choice questions (with answers) about abstract algebra.\n\n' +
        'Q1?\nA. a\nB. b\nC. c\nD. d\nAnswer: D\n\n' +
        'Find the degree for the given field extension Q(sqrt(2), sqrt(3), sqrt(18)) over Q.\n' +
        'A. 0\nB. 4\nC. 2\nD. 6\nAnswer:',
    );
  });

  it('asks for " A" to " D" after the context', () => {
    expect(mmluHarnessRequests(item, []).map((r) => r.continuation)).toEqual([' A', ' B', ' C', ' D']);
  });

  it('asks the study for one token per run with seeds seed + r', () => {
    const request = studyRequest(item, { prompt: mmluStudyPrompt(item), maxNewTokens: 1, gold: 'B' }, { ...DEFAULT_STUDY_SETTINGS, nRuns: 3, seed: 100 });
    expect(request.maxNewTokens).toBe(1);
    expect(request.samples.map((s) => s.seed)).toEqual([100, 101, 102]);
    expect(request.sampler).toEqual({ kind: 'sample', temperature: 1, topK: null });
  });
});

describe('studyAnswerLetter', () => {
  it('reads the first character of the trimmed, upper-cased output', () => {
    expect(studyAnswerLetter(' b) 4')).toBe('B');
    expect(studyAnswerLetter('\u0085 c')).toBe('C');
    expect(studyAnswerLetter('   ')).toBe('');
  });
});
