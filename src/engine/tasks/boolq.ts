/**
 * BoolQ: a passage and a yes/no question. The study defined the task but published no figure for it.
 */
import type { BoolqItem } from '../../datasets/items';
import { accuracyFigures } from '../figures';
import { scoreByStudyGeneration, scoreChoicesByLoglikelihood, studyAnswerLetter } from './scoring';
import type { TaskDefinition } from './task';

/** Builds the study's prompt. */
export function boolqStudyPrompt(item: BoolqItem): string {
  return `Context: ${item.passage}\nQuestion: ${item.question}\nAnswer (True/False):`;
}

/** Builds the harness's context. The continuations are `" no"` and `" yes"`. */
export function boolqHarnessContext(item: BoolqItem): string {
  return `${item.passage}\nQuestion: ${item.question}?\nAnswer:`;
}

export const boolqTask: TaskDefinition<BoolqItem> = {
  id: 'boolq',
  name: 'BoolQ',
  label: 'BoolQ',
  scoreStudy: (chunk, settings, context) =>
    scoreByStudyGeneration(chunk, settings, context, (item) => ({
      prompt: boolqStudyPrompt(item), maxNewTokens: 1, gold: item.answer ? 'T' : 'F',
    }), (output, gold) => {
      // Right when the first character of the trimmed, upper-cased output is T for true, F for false.
      const answer = studyAnswerLetter(output);
      return { answer, correct: answer === gold };
    }),
  scoreHarness: (chunk, _settings, context) =>
    scoreChoicesByLoglikelihood(chunk, context, (item) => ({
      context: boolqHarnessContext(item),
      continuations: [' no', ' yes'],
      gold: item.answer ? 1 : 0,
    })),
  figures: (protocol, subsets, records) => accuracyFigures('BoolQ', 'boolq', protocol, subsets, records),
};
