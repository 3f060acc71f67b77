/**
 * ARC-Easy and ARC-Challenge, and CommonsenseQA, which the study prompts the same way.
 */
import type { ChoiceItem } from '../../datasets/items';
import { accuracyFigures, meanScoreFigures } from '../figures';
import { pythonStrip } from '../text';
import type { ChoiceItemRecord, ItemRecord } from '../types';
import { judgeLetter, scoreByStudyGeneration, scoreChoicesByLoglikelihood } from './scoring';
import type { TaskDefinition, TaskId } from './task';

/** Builds the study's prompt for a labelled multiple-choice question: one `{label}) {text}` line per choice. */
export function labelledChoicesPrompt(item: ChoiceItem): string {
  const options = item.choices.map((choice) => `${choice.label}) ${choice.text}\n`).join('');
  return `Question: ${item.question}\nOptions:\n${options}Answer:`;
}

/** Builds the harness's ARC context: the question and the `Answer:` cue. The choices are the continuations. */
export function arcHarnessContext(item: ChoiceItem): string {
  return `Question: ${item.question}\nAnswer:`;
}

/** Builds the harness's CommonsenseQA context: the trimmed question and one `{label}. {text}` line per choice. */
export function commonsenseQaHarnessContext(item: ChoiceItem): string {
  const options = item.choices.map((choice) => `${choice.label}. ${choice.text}\n`).join('');
  return `Question: ${pythonStrip(item.question)}\n${options}Answer:`;
}

function normScores(record: ItemRecord): number[] {
  const choice = record as ChoiceItemRecord;
  return [choice.normChosen === choice.gold ? 100 : 0];
}

/** The study scores two new tokens; the first character of the trimmed, upper-cased output must be the answer label. */
function scoreLabelledStudy(...[chunk, settings, context]: Parameters<TaskDefinition<ChoiceItem>['scoreStudy']>) {
  return scoreByStudyGeneration(chunk, settings, context, (item) => ({
    prompt: labelledChoicesPrompt(item), maxNewTokens: 2, gold: item.choices[item.answer]!.label,
  }), judgeLetter);
}

function arcTask(id: TaskId, name: string, label: string): TaskDefinition<ChoiceItem> {
  return {
    id,
    name,
    label,
    scoreStudy: scoreLabelledStudy,
    scoreHarness: (chunk, _settings, context) =>
      scoreChoicesByLoglikelihood(chunk, context, (item) => ({
        context: arcHarnessContext(item),
        continuations: item.choices.map((choice) => ` ${choice.text}`),
        gold: item.answer,
        normTexts: item.choices.map((choice) => choice.text),
      })),
    figures: (protocol, subsets, records) =>
      protocol === 'study'
        ? accuracyFigures(label, id, protocol, subsets, records)
        : [
            ...accuracyFigures(label, id, protocol, subsets, records),
            ...meanScoreFigures(`${label} [acc_norm]`, id, 'acc_norm', protocol, subsets, records, normScores),
          ],
  };
}

export const arcEasyTask = arcTask('arc_easy', 'ARC-Easy', 'ARC-e');
export const arcChallengeTask = arcTask('arc_challenge', 'ARC-Challenge', 'ARC-c');

export const commonsenseQaTask: TaskDefinition<ChoiceItem> = {
  id: 'commonsense_qa',
  name: 'CommonsenseQA',
  label: 'C-SENSE',
  scoreStudy: scoreLabelledStudy,
  scoreHarness: (chunk, _settings, context) =>
    scoreChoicesByLoglikelihood(chunk, context, (item) => ({
      context: commonsenseQaHarnessContext(item),
      continuations: item.choices.map((choice) => ` ${choice.label}`),
      gold: item.answer,
    })),
  figures: (protocol, subsets, records) => accuracyFigures('C-SENSE', 'commonsense_qa', protocol, subsets, records),
};
