import { describe, expect, it } from 'vitest';
import type { ChoiceItemRecord } from '../../engine/types';
import { answerSummary, choiceLabels } from './answers';

const chosenThird: ChoiceItemRecord = {
  kind: 'choice', itemId: 'anatomy/0', subset: 'anatomy', gold: 2, chosen: 2, correct: true, logprobs: [-4, -3, -1, -2], normChosen: null, greedy: [],
};

describe('choiceLabels', () => {
  it('labels MMLU choices A–D without the question', () => {
    expect(choiceLabels('mmlu', null)).toEqual(['A', 'B', 'C', 'D']);
    expect(answerSummary({ kind: 'choice', record: chosenThird }, choiceLabels('mmlu', null)).text).toBe('C');
  });

  it('leaves other tasks unlabelled without the question', () => {
    expect(choiceLabels('arc_easy', null)).toBeNull();
    expect(answerSummary({ kind: 'choice', record: chosenThird }, choiceLabels('arc_easy', null)).text).toBe('choice 3');
  });
});
