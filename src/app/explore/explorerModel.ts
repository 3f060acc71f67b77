/**
 * The explorer's rows: one per question, with each model's answer. Full runs give the records
 * (chosen choice and log-probabilities, sampled outputs, greedy output); a share link gives how many
 * runs got each question right, matched to the questions through the item ids rebuilt on the page.
 */
import { hashString } from '../../engine/random';
import type { TaskId } from '../../engine/tasks/task';
import type { ChoiceItemRecord, GenerationItemRecord, GreedyItemRecord, ItemRecord, Protocol, ProtocolSettings, TaskResult } from '../../engine/types';
import type { SharedTask } from '../../share/view';
import { taskOf, type ViewRun } from '../results/viewModel';

/** One model's answer to a question. */
export type ModelAnswer =
  | { kind: 'choice'; record: ChoiceItemRecord }
  | { kind: 'generation'; record: GenerationItemRecord }
  | { kind: 'greedy'; record: GreedyItemRecord }
  /** From a link: only how many of `nRuns` runs got the question right. */
  | { kind: 'correctness'; correctRuns: number; nRuns: number };

/** A question and every model's answer, in series order; null where a model has no answer. */
export interface ExplorerRow {
  itemId: string;
  subset: string;
  answers: (ModelAnswer | null)[];
  /** True when at least two models answered differently. */
  disagree: boolean;
}

/** The most frequent of a list of answers; the first one seen on ties. */
export function mostFrequent(values: readonly string[]): string {
  const counts = new Map<string, number>();
  let best = values[0] ?? '';
  for (const value of values) {
    const count = (counts.get(value) ?? 0) + 1;
    counts.set(value, count);
    if (count > (counts.get(best) ?? 0)) best = value;
  }
  return best;
}

/** What two answers are compared by: the choice, the usual sampled answer, the output, or right-or-wrong by majority. */
function answerKey(answer: ModelAnswer): string {
  switch (answer.kind) {
    case 'choice':
      return String(answer.record.chosen);
    case 'generation':
      return mostFrequent(answer.record.answers);
    case 'greedy':
      return answer.record.output.trim();
    case 'correctness':
      return 2 * answer.correctRuns > answer.nRuns ? 'right' : 'wrong';
  }
}

function disagreeing(answers: readonly (ModelAnswer | null)[]): boolean {
  const keys = new Set(answers.flatMap((answer) => (answer ? [answerKey(answer)] : [])));
  return keys.size > 1;
}

function toAnswer(record: ItemRecord): ModelAnswer {
  if (record.kind === 'choice') return { kind: 'choice', record };
  if (record.kind === 'generation') return { kind: 'generation', record };
  return { kind: 'greedy', record };
}

/** Whether every series with this task has its per-item records (full runs, not a link or a published log). */
export function hasRecords(runs: readonly ViewRun[], taskId: TaskId, protocol: Protocol): boolean {
  const tasks = runs.map((run) => taskOf(run, taskId, protocol)).filter((task) => task !== null);
  return tasks.length > 0 && tasks.every((task) => 'items' in task);
}

/** Rows from full runs, in the first run's item order, then any item only a later run has. */
export function recordRows(runs: readonly ViewRun[], taskId: TaskId, protocol: Protocol): ExplorerRow[] {
  const maps = runs.map((run) => {
    const task = taskOf(run, taskId, protocol);
    return task && 'items' in task ? new Map((task as TaskResult).items.map((record) => [record.itemId, record])) : null;
  });
  const order: { itemId: string; subset: string }[] = [];
  const seen = new Set<string>();
  for (const map of maps) {
    for (const record of map?.values() ?? []) {
      if (seen.has(record.itemId)) continue;
      seen.add(record.itemId);
      order.push({ itemId: record.itemId, subset: record.subset });
    }
  }
  return order.map(({ itemId, subset }) => {
    const answers = maps.map((map) => {
      const record = map?.get(itemId);
      return record ? toAnswer(record) : null;
    });
    return { itemId, subset, answers, disagree: disagreeing(answers) };
  });
}

/** The FNV-1a hash of item ids as a link stores it: 8 lowercase hex digits. */
export function itemIdsHash(ids: readonly string[]): string {
  return hashString(ids.join('\n')).toString(16).padStart(8, '0');
}

/**
 * Rows from a link's per-item correctness, for the item ids `ids` rebuilt from the bundled data in
 * run order. A series whose hash does not match `ids` (other data, or no per-item data) gets no answers.
 */
export function linkRows(runs: readonly ViewRun[], taskId: TaskId, protocol: Protocol, ids: readonly string[], subsetOf: (id: string) => string): ExplorerRow[] {
  const hash = itemIdsHash(ids);
  const columns = runs.map((run) => {
    const task = taskOf(run, taskId, protocol) as SharedTask | null;
    const correctness = task?.itemCorrectness;
    if (!task || !correctness || correctness.itemIdsHash !== hash || correctness.correctRuns.length !== ids.length) return null;
    const nRuns = task.settings.protocol === 'study' ? task.settings.nRuns : 1;
    return { correctRuns: correctness.correctRuns, nRuns };
  });
  return ids.map((itemId, i) => {
    const answers = columns.map((column): ModelAnswer | null => (column ? { kind: 'correctness', correctRuns: column.correctRuns[i]!, nRuns: column.nRuns } : null));
    return { itemId, subset: subsetOf(itemId), answers, disagree: disagreeing(answers) };
  });
}

/** The settings of the task in the first series that has it; null when none has. */
export function settingsOf(runs: readonly ViewRun[], taskId: TaskId, protocol: Protocol): { settings: ProtocolSettings; subsets: string[]; limit: number | null } | null {
  for (const run of runs) {
    const task = taskOf(run, taskId, protocol);
    if (task) return { settings: task.settings, subsets: task.subsets, limit: task.limit };
  }
  return null;
}
