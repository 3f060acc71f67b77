/**
 * The study's text report: one line per figure, `{model} {label}: {mean:.2f}% ± {ci95:.2f}% (σ={std:.2f}%)`.
 * The workbench writes this format for every protocol and reads it back, so the study's published logs
 * can be drawn beside a new run. Each task's lines follow a `#` line that names the protocol and the
 * data (such as the translation corpus). A reader of the format skips it, since it contains no figure.
 */
import { formatFixed } from '../util/pyFormat';
import type { Figure, TaskResult } from './types';

/** Formats one report line exactly as the study's notebook printed it (Python `.2f` rounding). */
export function formatReportLine(model: string, figure: Pick<Figure, 'label' | 'value' | 'ci95' | 'std'>): string {
  const mean = formatFixed(figure.value, 2);
  const ci95 = formatFixed(figure.ci95, 2);
  const std = formatFixed(figure.std, 2);
  return `${model} ${figure.label}: ${mean}% ± ${ci95}% (σ=${std}%)`;
}

/** Formats the report of one model: the subset lines first, then the whole-task lines, in `figures` order. */
export function formatReport(model: string, figures: readonly Figure[]): string[] {
  return figures.map((figure) => formatReportLine(model, figure));
}

/** Formats a task's report: the line naming its protocol and data, then one line per figure. */
export function formatTaskReport(model: string, task: Pick<TaskResult, 'protocol' | 'source' | 'figures'>): string[] {
  return [`# ${task.protocol} protocol, ${task.source}`, ...formatReport(model, task.figures)];
}

/** A figure read back from a report line. */
export interface ParsedReportLine {
  model: string;
  /** The label as printed, such as `MMLU [anatomy]` or `BLEU [en-ru]`. */
  label: string;
  /** The task part of the label (`MMLU`, `ARC-e`, `BLEU`, ...). */
  task: string;
  /** The bracketed part of the label, or null. */
  subset: string | null;
  value: number;
  ci95: number;
  std: number;
}

const LINE_PATTERN =
  /^(\S+) ([A-Za-z][\w-]*)(?: \[([^\]]+)\])?: (-?\d+(?:\.\d+)?)% ± (-?\d+(?:\.\d+)?)% \(σ=(-?\d+(?:\.\d+)?)%\)$/;

/**
 * Parses one report line; returns null for lines that are not figures (such as
 * `model Total parameters:     0.5B`) so a whole log can be read line by line.
 */
export function parseReportLine(line: string): ParsedReportLine | null {
  const match = LINE_PATTERN.exec(line.trim());
  if (!match) return null;
  const [, model, task, subset, value, ci95, std] = match;
  return {
    model: model!,
    label: subset === undefined ? task! : `${task} [${subset}]`,
    task: task!,
    subset: subset ?? null,
    value: Number(value),
    ci95: Number(ci95),
    std: Number(std),
  };
}
