/**
 * MMLU: the prompt templates of both protocols, the requests they make and how responses are scored.
 */
import type { ChoiceItem } from '../../datasets/items';
import { accuracyFigures } from '../figures';
import type { LoglikelihoodRequest } from '../requests';
import { pythonStrip } from '../text';
import { judgeLetter, scoreByStudyGeneration, scoreChoicesByLoglikelihood } from './scoring';
import type { TaskDefinition } from './task';

/** Label of MMLU in the study's report. */
export const MMLU_LABEL = 'MMLU';

/** Builds the study's prompt: options on one line, single spaces. */
export function mmluStudyPrompt(item: ChoiceItem): string {
  const [a, b, c, d] = item.choices.map((choice) => choice.text);
  return `Question: ${item.question}\nOptions: A) ${a} B) ${b} C) ${c} D) ${d}\nAnswer:`;
}

/** Builds lm-evaluation-harness's question block: question trimmed, one choice per line, `Answer:` cue. */
export function mmluHarnessQuestion(item: ChoiceItem): string {
  const [a, b, c, d] = item.choices.map((choice) => choice.text);
  return `${pythonStrip(item.question)}\nA. ${a}\nB. ${b}\nC. ${c}\nD. ${d}\nAnswer:`;
}

/** Builds the harness's description line for a subject, underscores as spaces. */
export function mmluDescription(subject: string): string {
  return `The following are multiple choice questions (with answers) about ${subject.replaceAll('_', ' ')}.\n\n`;
}

/**
 * Builds the harness context: the description, then each few-shot example followed by its answer
 * letter and a blank line, then the question. `fewshot` contains the first k dev items of the subject.
 */
export function mmluHarnessContext(item: ChoiceItem, fewshot: readonly ChoiceItem[]): string {
  const examples = fewshot.map((shot) => `${mmluHarnessQuestion(shot)} ${shot.choices[shot.answer]!.label}\n\n`).join('');
  return `${mmluDescription(item.subset)}${examples}${mmluHarnessQuestion(item)}`;
}

/** Builds the four log-likelihood requests of an item: `" A"` … `" D"` after the context. */
export function mmluHarnessRequests(item: ChoiceItem, fewshot: readonly ChoiceItem[]): LoglikelihoodRequest[] {
  const context = mmluHarnessContext(item, fewshot);
  return item.choices.map((choice) => ({ kind: 'loglikelihood', context, continuation: ` ${choice.label}` }));
}

export const mmluTask: TaskDefinition<ChoiceItem> = {
  id: 'mmlu',
  name: 'MMLU',
  label: MMLU_LABEL,
  scoreStudy: (chunk, settings, context) =>
    scoreByStudyGeneration(chunk, settings, context, (item) => ({
      prompt: mmluStudyPrompt(item), maxNewTokens: 1, gold: item.choices[item.answer]!.label,
    }), judgeLetter),
  scoreHarness: (chunk, settings, context) =>
    scoreChoicesByLoglikelihood(chunk, context, (item) => ({
      context: mmluHarnessContext(item, context.fewshot(item, settings.numFewshot)),
      continuations: item.choices.map((choice) => ` ${choice.label}`),
      gold: item.answer,
    })),
  figures: (protocol, subsets, records) => accuracyFigures(MMLU_LABEL, 'mmlu', protocol, subsets, records),
};
