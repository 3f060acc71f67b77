/**
 * The pairwise comparison of the series on screen: for each pair of models (A vs B, A vs C, …) and
 * each row of the results table, the difference with its 95% interval and McNemar's exact test on
 * the items where the two disagree, with Holm-adjusted p-values across the rows of the pair.
 * It works on full runs (per-item records) and on runs opened from a link (per-item correctness).
 */
import {
  bonferroniThreshold,
  holmAdjust,
  majorityCorrect,
  pairedItemDifference,
  pairedTest,
  runScoreDifference,
  unpairedDifference,
  type Difference,
  type PairedTest,
} from '../../engine/compare';
import type { TaskId } from '../../engine/tasks/task';
import type { Figure, Protocol, TaskResult } from '../../engine/types';
import { itemCorrectnessOf, pairItemCorrectness, type SharedTask } from '../../share/view';
import { figureRows, overallFigures, taskOf, type ViewRun } from '../results/viewModel';

/** One row of a pair's comparison: a subject, or a figure of another task. */
export interface ComparisonRow {
  key: string;
  name: string;
  /** Items of the row, from model A's figure. */
  nItems: number;
  a: Figure;
  b: Figure;
  difference: Difference;
  /** McNemar's exact test; null when the row has no per-item right-or-wrong data for both models. */
  test: PairedTest | null;
  /** Holm-adjusted p-value across the tested rows of the pair (not the overall row); null without a test. */
  holmP: number | null;
}

/** The comparison of series `a` and `b` (indices into the runs on screen). */
export interface PairComparison {
  a: number;
  b: number;
  rows: ComparisonRow[];
  /** The whole-task row (all of MMLU); null for tasks whose rows are their figures. */
  overall: ComparisonRow | null;
  /** Rows with a McNemar test, the m of Holm's and Bonferroni's corrections. */
  tests: number;
  /** ALPHA / tests. */
  bonferroni: number;
  /** Why rows have no paired test, when they do not; null when every row has one. */
  unpairedReason: string | null;
}

/** The task's per-item correctness, derived from records or carried by a link. */
function sharedTaskOf(run: ViewRun, taskId: TaskId, protocol: Protocol): SharedTask | null {
  const task = taskOf(run, taskId, protocol);
  if (!task) return null;
  if ('items' in task) {
    const full = task as TaskResult;
    const { items: _items, ...rest } = full;
    const correctness = itemCorrectnessOf(full);
    return correctness ? { ...rest, itemCorrectness: correctness } : rest;
  }
  return task as SharedTask;
}

/** Per-item correctness of the row's items: one subset's slice, or every item for the whole task. */
function sliceOf(task: SharedTask, values: readonly number[], figure: Figure): number[] | null {
  if (figure.metric !== 'acc') return null;
  if (figure.subset === null) return [...values];
  const sizes = task.itemCorrectness?.subsetSizes ?? [];
  const index = task.subsets.indexOf(figure.subset);
  if (index < 0) return null;
  const start = sizes.slice(0, index).reduce((sum, n) => sum + n, 0);
  return values.slice(start, start + (sizes[index] ?? 0));
}

/** Right (1) or wrong (0) per item: the harness's own score, the study's majority over runs. */
function rightOrWrong(task: SharedTask, correctRuns: readonly number[]): number[] {
  return task.settings.protocol === 'study' ? majorityCorrect(correctRuns, task.settings.nRuns) : [...correctRuns];
}

function rowDifference(a: Figure, b: Figure, sliceA: number[] | null, sliceB: number[] | null, protocol: Protocol): Difference {
  if (protocol === 'study' && a.runScores && b.runScores && a.runScores.length > 0 && b.runScores.length > 0) {
    return runScoreDifference(a.runScores, b.runScores);
  }
  if (protocol === 'harness' && sliceA && sliceB && sliceA.length > 0 && sliceA.length === sliceB.length) {
    return pairedItemDifference(sliceA, sliceB);
  }
  return unpairedDifference(a, b);
}

interface PairInput {
  taskA: SharedTask | null;
  taskB: SharedTask | null;
  protocol: Protocol;
}

function compareRow(key: string, name: string, a: Figure, b: Figure, input: PairInput, paired: { a: number[]; b: number[] } | null): ComparisonRow {
  const { taskA, taskB, protocol } = input;
  const sliceA = paired && taskA ? sliceOf(taskA, paired.a, a) : null;
  const sliceB = paired && taskB ? sliceOf(taskB, paired.b, b) : null;
  const canTest = sliceA !== null && sliceB !== null && sliceA.length > 0 && sliceA.length === sliceB.length;
  return {
    key,
    name,
    nItems: a.nItems,
    a,
    b,
    difference: rowDifference(a, b, sliceA, sliceB, protocol),
    test: canTest ? pairedTest(sliceA, sliceB) : null,
    holmP: null,
  };
}

/**
 * Compares series `a` and `b` of `runs` on a task under a protocol. Rows follow the results table
 * (subjects for MMLU, figures otherwise); a row where either model has no figure is left out.
 */
export function comparePair(runs: readonly ViewRun[], a: number, b: number, taskId: TaskId, protocol: Protocol): PairComparison {
  const pairRuns = [runs[a]!, runs[b]!];
  const taskA = sharedTaskOf(pairRuns[0]!, taskId, protocol);
  const taskB = sharedTaskOf(pairRuns[1]!, taskId, protocol);
  const pairing = taskA && taskB ? pairItemCorrectness(taskA, taskB) : { ok: false as const, reason: 'One of the two has no result for this task.' };
  const paired = pairing.ok && taskA && taskB ? { a: rightOrWrong(taskA, pairing.a), b: rightOrWrong(taskB, pairing.b) } : null;
  const input: PairInput = { taskA, taskB, protocol };

  const rows = figureRows(pairRuns, taskId, protocol).flatMap((row) => {
    const [fa, fb] = row.figures;
    return fa && fb ? [compareRow(row.key, row.name, fa, fb, input, paired)] : [];
  });
  const [overallA, overallB] = taskId === 'mmlu' ? overallFigures(pairRuns, taskId, protocol) : [null, null];
  const overall = overallA && overallB ? compareRow('overall', 'All of MMLU', overallA, overallB, input, paired) : null;

  const tested = rows.filter((row) => row.test !== null);
  const adjusted = holmAdjust(tested.map((row) => row.test!.pValue));
  tested.forEach((row, i) => {
    row.holmP = adjusted[i]!;
  });
  const untested = rows.some((row) => row.test === null);
  let unpairedReason: string | null = null;
  if (!pairing.ok) unpairedReason = pairing.reason;
  else if (untested) unpairedReason = 'Rows of metrics other than accuracy (acc_norm, BLEU, chrF, SQuAD F1) have no right-or-wrong per item, so they get no McNemar test and an unpaired interval.';
  return { a, b, rows, overall, tests: tested.length, bonferroni: bonferroniThreshold(tested.length), unpairedReason };
}

/** Every pair (i, j) with i < j of `count` series, in order: A–B, A–C, …, B–C, … */
export function seriesPairs(count: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < count; i++) for (let j = i + 1; j < count; j++) pairs.push([i, j]);
  return pairs;
}
