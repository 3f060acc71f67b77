/**
 * What the results view draws: per model, its identity, where it ran and each task's figures.
 * Full runs (with per-item records), runs restored from IndexedDB, runs decoded from a permalink and
 * published logs all have this shape.
 */
import { MMLU_CATEGORIES, MMLU_SUBJECTS, subjectCategory } from '../../datasets/mmluSubjects';
import { TASK_IDS, type TaskId } from '../../engine/tasks/task';
import { reportName } from '../../engine/results';
import type { ExecutionInfo, Figure, ModelRef, Protocol, TaskResult } from '../../engine/types';

/** A task's result without its per-item records. */
export type ViewTask = Omit<TaskResult, 'items'>;

/** One model's results as the view needs them. */
export interface ViewRun {
  model: ModelRef;
  execution: ExecutionInfo;
  tasks: ViewTask[];
  startedAt: string;
  durationMs: number;
}

/** Endpoint of a series read from a published log rather than run here. */
export const PUBLISHED_ENDPOINT = 'published';

/** Whether the series came from a published log. */
export function isPublished(run: ViewRun): boolean {
  return run.model.endpoint === PUBLISHED_ENDPOINT;
}

/** Name of a series in the legend and the tables: the repository's name, marked when published. */
export function seriesName(run: ViewRun): string {
  return isPublished(run) ? `${run.model.repo} (published)` : reportName(run.model);
}

/** How the rows are ordered. */
export type SortKey = 'name' | 'a' | 'b' | 'difference';

/** One row of the chart and the table: a subject (MMLU) or a figure (other tasks), across the models. */
export interface FigureRow {
  key: string;
  name: string;
  /** MMLU category; null for other tasks. */
  category: string | null;
  /** Figure per model, in run order; null where a model has none for the row. */
  figures: (Figure | null)[];
}

/** A run's result for a task under a protocol, if it has one. */
export function taskOf(run: ViewRun, taskId: TaskId, protocol: Protocol): ViewTask | null {
  return run.tasks.find((t) => t.task === taskId && t.protocol === protocol) ?? null;
}

/** Tasks present in any of the runs, in the workbench's order. */
export function tasksOf(runs: readonly ViewRun[]): TaskId[] {
  const present = new Set(runs.flatMap((r) => r.tasks.map((t) => t.task)));
  return TASK_IDS.filter((id) => present.has(id));
}

/** Protocols a task has in any of the runs, study first. */
export function protocolsOf(runs: readonly ViewRun[], taskId?: TaskId): Protocol[] {
  const present = new Set(runs.flatMap((r) => r.tasks.filter((t) => taskId === undefined || t.task === taskId).map((t) => t.protocol)));
  return (['study', 'harness'] as const).filter((p) => present.has(p));
}

/**
 * Returns a task's figure for one subject. The engine reports a run of a single subject with only
 * the whole-task figure, which then is that subject's figure.
 */
function subjectFigure(task: ViewTask | null, subject: string): Figure | null {
  if (!task) return null;
  const own = task.figures.find((f) => f.subset === subject);
  if (own) return own;
  const single = task.subsets.length === 1 && task.subsets[0] === subject;
  return single ? (task.figures.find((f) => f.subset === null) ?? null) : null;
}

/** MMLU: one row per subject. Other tasks: one row per figure label (metrics, directions). */
export function figureRows(runs: readonly ViewRun[], taskId: TaskId, protocol: Protocol): FigureRow[] {
  const tasks = runs.map((r) => taskOf(r, taskId, protocol));
  if (taskId === 'mmlu') {
    const subjects = [...new Set(tasks.flatMap((t) => t?.subsets ?? []))];
    return subjects.map((subject) => ({
      key: subject,
      name: MMLU_SUBJECTS[subject]?.name ?? subject.replaceAll('_', ' '),
      category: subjectCategory(subject),
      figures: tasks.map((t) => subjectFigure(t, subject)),
    }));
  }
  const labels = [...new Set(tasks.flatMap((t) => t?.figures.map((f) => f.label) ?? []))];
  return labels.map((label) => ({
    key: label,
    name: label,
    category: null,
    figures: tasks.map((t) => t?.figures.find((f) => f.label === label) ?? null),
  }));
}

/** The headline figure of each run: all of MMLU, or the task's first figure that covers every item; null when it has none. */
export function overallFigures(runs: readonly ViewRun[], taskId: TaskId, protocol: Protocol): (Figure | null)[] {
  return runs.map((r) => {
    const task = taskOf(r, taskId, protocol);
    if (!task) return null;
    if (taskId === 'translation') return null;
    return task.figures.find((f) => f.subset === null) ?? null;
  });
}

function difference(row: FigureRow): number {
  const [a, b] = row.figures;
  return a && b ? a.value - b.value : Number.NEGATIVE_INFINITY;
}

/** Sorts rows by name (ascending), by model A or B (descending) or by A − B (descending). */
export function sortRows(rows: readonly FigureRow[], sort: SortKey): FigureRow[] {
  const byName = (x: FigureRow, y: FigureRow): number => x.name.localeCompare(y.name);
  const value = (row: FigureRow, index: number): number => row.figures[index]?.value ?? Number.NEGATIVE_INFINITY;
  const compare: Record<SortKey, (x: FigureRow, y: FigureRow) => number> = {
    name: byName,
    a: (x, y) => value(y, 0) - value(x, 0) || byName(x, y),
    b: (x, y) => value(y, 1) - value(x, 1) || byName(x, y),
    difference: (x, y) => difference(y) - difference(x) || byName(x, y),
  };
  return [...rows].sort(compare[sort]);
}

/** Rows split by MMLU category, in the categories' fixed order; empty groups are left out. */
export function groupRows(rows: readonly FigureRow[]): { category: string; rows: FigureRow[] }[] {
  return MMLU_CATEGORIES.map((category) => ({ category, rows: rows.filter((r) => r.category === category) })).filter((g) => g.rows.length > 0);
}
