/**
 * Content of a permalink: the compared runs without their per-item records, per-item correctness
 * to recompute paired tests from, and the settings of the view.
 */
import { hashString } from '../engine/random';
import type { ModelRun } from '../engine/results';
import type { ItemRecord, TaskResult } from '../engine/types';

/**
 * Correct runs per item, in item order: the items of `subsets[0]` first, then those of `subsets[1]`,
 * and so on, each subset in the order of the task's `items`.
 */
export interface ItemCorrectness {
  /** Per item, how many runs got it right: 0 or 1 under the harness protocol, 0..nRuns under the study protocol. */
  correctRuns: number[];
  /** Number of items of each subset, in `subsets` order; sums to `correctRuns.length`. */
  subsetSizes: number[];
  /** FNV-1a hash of the item ids in item order, 8 lowercase hex digits, to check that two runs scored the same items. */
  itemIdsHash: string;
}

/** A task's result without its per-item records. */
export interface SharedTask extends Omit<TaskResult, 'items'> {
  /** Per-item correctness; absent when the run scored no items or the link left it out. */
  itemCorrectness?: ItemCorrectness;
  /** True when the per-item correctness was left out to keep the link under MAX_PERMALINK_CHARS. */
  itemsDropped?: boolean;
}

/** A model's run without per-item records. */
export interface SharedRun extends Omit<ModelRun, 'tasks'> {
  tasks: SharedTask[];
}

/** Settings of the results view at the time the link was made. */
export interface SharedViewSettings {
  protocol?: 'study' | 'harness';
  sort?: 'name' | 'a' | 'b' | 'difference';
  groupByCategory?: boolean;
  /** The task shown, such as `mmlu` or `arc_challenge`. */
  task?: string;
}

/** The content of a permalink, format version 1. */
export interface SharedView {
  version: 1;
  /** ISO 8601 time the link was made. */
  createdAt: string;
  runs: SharedRun[];
  view?: SharedViewSettings;
}

/** Copies the view settings that a link stores and leaves out any other field. */
export function pickViewSettings(view: SharedViewSettings): SharedViewSettings {
  const picked: SharedViewSettings = {};
  if (view.protocol !== undefined) picked.protocol = view.protocol;
  if (view.sort !== undefined) picked.sort = view.sort;
  if (view.groupByCategory !== undefined) picked.groupByCategory = view.groupByCategory;
  if (view.task !== undefined) picked.task = view.task;
  return picked;
}

/**
 * Number of runs that got a record right: harness records have one run, study records one per run.
 * Null for greedy generations (SQuAD v2 and translation under the harness protocol), which corpus
 * metrics score as a whole rather than item by item.
 */
function correctRunCount(record: ItemRecord): number | null {
  if (record.kind === 'choice') return record.correct ? 1 : 0;
  if (record.kind === 'greedy') return null;
  return record.correct.filter(Boolean).length;
}

/**
 * Derives a task's per-item correctness from its records, grouped by subset in `subsets` order.
 * Returns undefined for a task without records or with greedy-generation records. Throws a RangeError for a record whose subset is
 * not in `subsets`.
 */
export function itemCorrectnessOf(task: TaskResult): ItemCorrectness | undefined {
  if (task.items.length === 0) return undefined;
  const bySubset = new Map<string, ItemRecord[]>(task.subsets.map((subset) => [subset, []]));
  for (const record of task.items) {
    const list = bySubset.get(record.subset);
    if (list === undefined) {
      throw new RangeError(`item ${record.itemId} of ${task.task} has subset ${record.subset}, which is not in its subsets`);
    }
    list.push(record);
  }
  const ordered = task.subsets.flatMap((subset) => bySubset.get(subset)!);
  const correctRuns = ordered.map(correctRunCount);
  if (correctRuns.some((n) => n === null)) return undefined;
  return {
    correctRuns: correctRuns as number[],
    subsetSizes: task.subsets.map((subset) => bySubset.get(subset)!.length),
    itemIdsHash: hashString(ordered.map((record) => record.itemId).join('\n')).toString(16).padStart(8, '0'),
  };
}

/**
 * Builds the shareable form of full results: every field of each run except the per-item records,
 * which become per-item correctness. Fields of `view` other than those of SharedViewSettings are
 * left out. `createdAt` defaults to now.
 * Throws a RangeError for a record whose subset is not in its task's subsets.
 */
export function toSharedView(
  runs: readonly ModelRun[],
  view?: SharedViewSettings,
  createdAt: string = new Date().toISOString(),
): SharedView {
  const sharedRuns = runs.map((run): SharedRun => ({
    model: { ...run.model },
    execution: { ...run.execution },
    startedAt: run.startedAt,
    durationMs: run.durationMs,
    tasks: run.tasks.map((task): SharedTask => {
      const { items, ...rest } = task;
      const shared: SharedTask = structuredClone(rest);
      const itemCorrectness = itemCorrectnessOf(task);
      if (itemCorrectness !== undefined) shared.itemCorrectness = itemCorrectness;
      return shared;
    }),
  }));
  const shared: SharedView = { version: 1, createdAt, runs: sharedRuns };
  if (view !== undefined) shared.view = pickViewSettings(view);
  return shared;
}

/** Per-item correctness of two runs of one task, item by item, or why it cannot be paired. */
export type PairedCorrectness =
  | { ok: true; a: readonly number[]; b: readonly number[] }
  | { ok: false; reason: string };

/**
 * Pairs the per-item correctness of two runs of the same task for a paired test (McNemar,
 * paired bootstrap). Pairing needs both runs' data and the same items in the same order, which
 * the subset sizes and the item-id hash check.
 */
export function pairItemCorrectness(a: SharedTask, b: SharedTask): PairedCorrectness {
  if (a.itemsDropped || b.itemsDropped) {
    return { ok: false, reason: 'The link left out the per-item results to stay short enough, so paired tests cannot be recomputed. Open the results file for them.' };
  }
  const left = a.itemCorrectness;
  const right = b.itemCorrectness;
  if (left === undefined || right === undefined) {
    return { ok: false, reason: 'The link has no per-item results for this task, so paired tests cannot be recomputed.' };
  }
  const sameList = (x: readonly unknown[], y: readonly unknown[]) => x.length === y.length && x.every((value, i) => value === y[i]);
  const sameItems = sameList(a.subsets, b.subsets) && sameList(left.subsetSizes, right.subsetSizes) && left.itemIdsHash === right.itemIdsHash;
  if (a.task !== b.task || a.protocol !== b.protocol || !sameItems) {
    return { ok: false, reason: 'The two runs scored different items, so they cannot be compared item by item.' };
  }
  return { ok: true, a: left.correctRuns, b: right.correctRuns };
}
