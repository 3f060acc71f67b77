/**
 * The prompt of a question as the model saw it, rebuilt with the task's own prompt functions, and
 * the gold answer in words. The study's prompt is shown before truncation to the model's window:
 * a prompt longer than the window loses tokens from its start.
 */
import type { ChoiceItem } from '../../datasets/items';
import { arcHarnessContext, commonsenseQaHarnessContext, labelledChoicesPrompt } from '../../engine/tasks/arc';
import { boolqHarnessContext, boolqStudyPrompt } from '../../engine/tasks/boolq';
import { mmluHarnessContext, mmluStudyPrompt } from '../../engine/tasks/mmlu';
import { squadHarnessPrompt, squadStudyPrompt } from '../../engine/tasks/squad';
import type { TaskId } from '../../engine/tasks/task';
import { translationHarnessPrompt, translationStudyPrompt } from '../../engine/tasks/translation';
import type { ProtocolSettings } from '../../engine/types';
import type { ExplorerItem } from './itemSource';

/** A question as shown: its text in short, the prompt, the scored continuations (harness ranking) and the gold answer. */
export interface ShownQuestion {
  /** The question (or source sentence) alone. */
  text: string;
  /** The whole prompt, few-shot examples included. */
  prompt: string;
  /** The continuations whose log-likelihoods the harness compares; null for generation. */
  continuations: string[] | null;
  /** Labels of the choices, for multiple-choice items; null otherwise. */
  labels: string[] | null;
  gold: string;
}

function choiceQuestion(taskId: TaskId, item: ChoiceItem, settings: ProtocolSettings, dev: readonly ChoiceItem[]): ShownQuestion {
  const labels = item.choices.map((choice) => choice.label);
  const goldChoice = item.choices[item.answer];
  const gold = goldChoice ? `${goldChoice.label}) ${goldChoice.text}` : `choice ${item.answer}`;
  const base = { text: item.question, labels, gold };
  if (settings.protocol === 'study') {
    return { ...base, prompt: taskId === 'mmlu' ? mmluStudyPrompt(item) : labelledChoicesPrompt(item), continuations: null };
  }
  if (taskId === 'mmlu') {
    return { ...base, prompt: mmluHarnessContext(item, dev.slice(0, settings.numFewshot)), continuations: labels.map((label) => ` ${label}`) };
  }
  if (taskId === 'commonsense_qa') return { ...base, prompt: commonsenseQaHarnessContext(item), continuations: labels.map((label) => ` ${label}`) };
  return { ...base, prompt: arcHarnessContext(item), continuations: item.choices.map((choice) => ` ${choice.text}`) };
}

/** Rebuilds the prompt of an item under the run's protocol settings; `dev` holds MMLU's few-shot pool of the item's subject. */
export function shownQuestion(taskId: TaskId, entry: ExplorerItem, settings: ProtocolSettings, dev: readonly ChoiceItem[] = []): ShownQuestion {
  const study = settings.protocol === 'study';
  switch (entry.kind) {
    case 'choice':
      return choiceQuestion(taskId, entry.item, settings, dev);
    case 'boolq': {
      const { item } = entry;
      return {
        text: item.question,
        prompt: study ? boolqStudyPrompt(item) : boolqHarnessContext(item),
        continuations: study ? null : [' no', ' yes'],
        labels: study ? null : ['no', 'yes'],
        gold: item.answer ? 'true' : 'false',
      };
    }
    case 'squad': {
      const { item } = entry;
      return {
        text: item.question,
        prompt: study ? squadStudyPrompt(item) : squadHarnessPrompt(item),
        continuations: null,
        labels: null,
        gold: item.answers.length > 0 ? item.answers.join(' | ') : '(unanswerable)',
      };
    }
    case 'translation': {
      const { item } = entry;
      return { text: item.source, prompt: study ? translationStudyPrompt(item) : translationHarnessPrompt(item), continuations: null, labels: null, gold: item.reference };
    }
  }
}
