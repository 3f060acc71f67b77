/**
 * The figures of runs as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted where needed),
 * one row per figure. Text fields that a spreadsheet would read as a formula get a leading apostrophe.
 */
import type { Figure, ModelRef, ProtocolSettings } from '../engine/types';

/** The columns, in order. */
export const FIGURE_CSV_COLUMNS = [
  'model', 'endpoint', 'revision', 'commit', 'dtype', 'task', 'protocol', 'settings', 'label', 'subset', 'metric',
  'value', 'ci95', 'std', 'stderr', 'n_items', 'interval_method', 'run_scores',
] as const;

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/** A text field, kept from being read as a formula (=, +, -, @, tab or carriage return first). */
function textField(value: string): string {
  return quote(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
}

function numberField(value: number | null): string {
  return value === null ? '' : String(value);
}

function describe(settings: ProtocolSettings): string {
  if (settings.protocol === 'harness') return `num_fewshot=${settings.numFewshot}`;
  return `runs=${settings.nRuns};temperature=${settings.temperature};top_k=${settings.topK ?? 'none'};seed=${settings.seed};greedy=${settings.greedy}`;
}

/** A run's identity and figures, as the CSV needs them. */
export interface CsvRun {
  model: ModelRef;
  tasks: readonly { task: string; protocol: string; settings: ProtocolSettings; figures: readonly Figure[] }[];
}

/** Writes one CSV row per figure of every task of every run, with a header row. */
export function figuresCsv(runs: readonly CsvRun[]): string {
  const lines = [FIGURE_CSV_COLUMNS.join(',')];
  for (const run of runs) {
    for (const task of run.tasks) {
      for (const figure of task.figures) {
        lines.push(
          [
            textField(run.model.repo), textField(run.model.endpoint), textField(run.model.revision), textField(run.model.commit), textField(run.model.dtype),
            textField(task.task), textField(task.protocol), textField(describe(task.settings)), textField(figure.label), textField(figure.subset ?? ''),
            textField(figure.metric), numberField(figure.value), numberField(figure.ci95), numberField(figure.std), numberField(figure.stderr),
            numberField(figure.nItems), textField(figure.intervalMethod), textField(figure.runScores?.join(' ') ?? ''),
          ].join(','),
        );
      }
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
