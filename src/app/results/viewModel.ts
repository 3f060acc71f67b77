/**
 * What the results view draws: per model, its identity, where it ran and each task's figures.
 * Full runs (with per-item records), runs restored from IndexedDB and runs decoded from a permalink
 * all have this shape.
 */
import { MMLU_CATEGORIES, MMLU_SUBJECTS, subjectCategory } from '../../datasets/mmluSubjects';
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

/** How the subjects are ordered. */
export type SortKey = 'name' | 'a' | 'b' | 'difference';

/** One subject across the compared models. */
export interface SubjectRow {
  subject: string;
  name: string;
  category: string;
  /** Figure per model, in run order; null where a model has no figure for the subject. */
  figures: (Figure | null)[];
}

/** The MMLU task of a run under a protocol, if it has one. */
export function mmluTask(run: ViewRun, protocol: Protocol): ViewTask | null {
  return run.tasks.find((t) => t.task === 'mmlu' && t.protocol === protocol) ?? null;
}

/** Protocols present in any of the runs, study first. */
export function protocolsOf(runs: readonly ViewRun[]): Protocol[] {
  const present = new Set(runs.flatMap((r) => r.tasks.map((t) => t.protocol)));
  return (['study', 'harness'] as const).filter((p) => present.has(p));
}

/** Per-subject rows of MMLU under a protocol, for every subject any model has. */
export function subjectRows(runs: readonly ViewRun[], protocol: Protocol): SubjectRow[] {
  const tasks = runs.map((r) => mmluTask(r, protocol));
  const subjects = [...new Set(tasks.flatMap((t) => t?.subsets ?? []))];
  return subjects.map((subject) => ({
    subject,
    name: MMLU_SUBJECTS[subject]?.name ?? subject.replaceAll('_', ' '),
    category: subjectCategory(subject),
    figures: tasks.map((t) => t?.figures.find((f) => f.subset === subject) ?? null),
  }));
}

/** The whole-MMLU figure of each run under a protocol. */
export function overallFigures(runs: readonly ViewRun[], protocol: Protocol): (Figure | null)[] {
  return runs.map((r) => mmluTask(r, protocol)?.figures.find((f) => f.subset === null) ?? null);
}

function difference(row: SubjectRow): number {
  const [a, b] = row.figures;
  return a && b ? a.value - b.value : Number.NEGATIVE_INFINITY;
}

/** Sorts rows by name (ascending), by model A or B (descending) or by A − B (descending). */
export function sortRows(rows: readonly SubjectRow[], sort: SortKey): SubjectRow[] {
  const byName = (x: SubjectRow, y: SubjectRow): number => x.name.localeCompare(y.name);
  const value = (row: SubjectRow, index: number): number => row.figures[index]?.value ?? Number.NEGATIVE_INFINITY;
  const compare: Record<SortKey, (x: SubjectRow, y: SubjectRow) => number> = {
    name: byName,
    a: (x, y) => value(y, 0) - value(x, 0) || byName(x, y),
    b: (x, y) => value(y, 1) - value(x, 1) || byName(x, y),
    difference: (x, y) => difference(y) - difference(x) || byName(x, y),
  };
  return [...rows].sort(compare[sort]);
}

/** Rows split by MMLU category, in the categories' fixed order; empty groups are left out. */
export function groupRows(rows: readonly SubjectRow[]): { category: string; rows: SubjectRow[] }[] {
  return MMLU_CATEGORIES.map((category) => ({ category, rows: rows.filter((r) => r.category === category) })).filter((g) => g.rows.length > 0);
}
