/**
 * Every task definition by id.
 */
import type { BoolqItem, ChoiceItem, SquadItem, TranslationItem } from '../../datasets/items';
import { arcChallengeTask, arcEasyTask, commonsenseQaTask } from './arc';
import { boolqTask } from './boolq';
import { mmluTask } from './mmlu';
import { squadTask } from './squad';
import type { TaskDefinition, TaskId } from './task';
import { translationTask } from './translation';

/** The definition of each task, typed by its items. */
export interface TaskDefinitions {
  mmlu: TaskDefinition<ChoiceItem>;
  arc_easy: TaskDefinition<ChoiceItem>;
  arc_challenge: TaskDefinition<ChoiceItem>;
  commonsense_qa: TaskDefinition<ChoiceItem>;
  boolq: TaskDefinition<BoolqItem>;
  squad_v2: TaskDefinition<SquadItem>;
  translation: TaskDefinition<TranslationItem>;
}

export const TASKS: TaskDefinitions = {
  mmlu: mmluTask,
  arc_easy: arcEasyTask,
  arc_challenge: arcChallengeTask,
  commonsense_qa: commonsenseQaTask,
  boolq: boolqTask,
  squad_v2: squadTask,
  translation: translationTask,
};

/** Display name of a task. */
export function taskName(id: TaskId): string {
  return TASKS[id].name;
}
