/**
 * The results of an evaluation as the app stores, exports and shares them: per model, what it was,
 * where it ran, and each task's figures and per-item records.
 */
import { formatTaskReport } from './report';
import type { ExecutionInfo, ModelRef, TaskResult } from './types';

/** One model's part of an evaluation. */
export interface ModelRun {
  model: ModelRef;
  execution: ExecutionInfo;
  tasks: TaskResult[];
  /** ISO 8601 time the model's first item started. */
  startedAt: string;
  /** Wall time of the scoring, milliseconds. */
  durationMs: number;
}

/** A results file: the format name and version first, so a reader can refuse what it does not know. */
export interface ResultsFile {
  format: 'lm-eval-workbench-results';
  version: 1;
  createdAt: string;
  runs: ModelRun[];
}

/** Name a model goes by in the report: the repository's name, as the study printed `best_bvv_ru`. */
export function reportName(model: ModelRef): string {
  return model.repo.split('/').pop() ?? model.repo;
}

/** Formats the study's text report of every task of every model: each task's `#` line, then a line per figure. */
export function reportLines(runs: readonly { model: ModelRef; tasks: readonly Pick<TaskResult, 'protocol' | 'source' | 'figures'>[] }[]): string[] {
  return runs.flatMap((run) => run.tasks.flatMap((task) => formatTaskReport(reportName(run.model), task)));
}
