/**
 * The results file: every run on screen with its figures and per-item data (format
 * `lm-eval-workbench-results`, version 2). For the first model, it also has the blocks of an
 * lm-evaluation-harness 0.4 results file (`results`, `configs`, `versions`, `n-shot`, `n-samples`,
 * `config`), so tools that read those files find the harness-protocol figures where they expect them.
 * Reading treats the file as hostile: it caps the size, validates every field and rejects records
 * that disagree with their task, with a message that names the field.
 */
import type { ModelRun } from '../engine/results';
import type { Figure, ItemRecord, TaskResult } from '../engine/types';
import { describePath, deepestIssue } from './schema';
import { RESULTS_FILE_LIMITS, resultsFileSchema, type ParsedFileTask } from './resultsFileSchema';
import type { SharedRun, SharedTask } from './view';

/** The format name of a results file. */
export const RESULTS_FORMAT = 'lm-eval-workbench-results';
/** The version this code writes; it reads versions 1 and 2. */
export const RESULTS_FILE_VERSION = 2;

/** A run as a file contains it: with per-item records (a run here), per-item correctness (a link) or neither (a published log). */
export type FileRun = ModelRun | SharedRun;

/** Reason a file cannot be read, for tests and the app to branch on. */
export type ResultsFileErrorCode = 'empty' | 'too-large' | 'csv' | 'not-json' | 'harness-only' | 'wrong-format' | 'newer-version' | 'invalid-data';

/** A file that cannot be read, with a message the user can act on. */
export class ResultsFileError extends Error {
  constructor(readonly code: ResultsFileErrorCode, message: string) {
    super(message);
    this.name = 'ResultsFileError';
  }
}

/** Returns the harness's task name of a figure: `mmlu_{subject}` for an MMLU subject, `squadv2`, `translation_{direction}`. */
function harnessTaskName(task: string, figure: Figure): string {
  if (task === 'mmlu') return figure.subset === null ? 'mmlu' : `mmlu_${figure.subset}`;
  if (task === 'squad_v2') return 'squadv2';
  if (task === 'translation') return `translation_${figure.subset ?? 'all'}`;
  return task;
}

/** Accuracy metrics are fractions in the harness's files; BLEU, chrF and SQuAD scores are points. */
function harnessScale(metric: string): number {
  return metric === 'acc' || metric === 'acc_norm' ? 0.01 : 1;
}

/** Builds the lm-evaluation-harness blocks of the first run's harness-protocol results. */
function harnessBlocks(run: FileRun | undefined): Record<string, unknown> {
  const results: Record<string, Record<string, string | number>> = {};
  const configs: Record<string, unknown> = {};
  const versions: Record<string, number> = {};
  const nShot: Record<string, number> = {};
  const nSamples: Record<string, { original: number; effective: number }> = {};
  for (const task of run?.tasks ?? []) {
    if (task.settings.protocol !== 'harness') continue;
    for (const figure of task.figures) {
      const name = harnessTaskName(task.task, figure);
      const scale = harnessScale(figure.metric);
      results[name] ??= { alias: name };
      results[name][`${figure.metric},none`] = figure.value * scale;
      results[name][`${figure.metric}_stderr,none`] = (figure.stderr ?? figure.ci95 / 1.96) * scale;
      const generative = task.task === 'squad_v2' || task.task === 'translation';
      configs[name] = { task: name, num_fewshot: task.settings.numFewshot, output_type: generative ? 'generate_until' : 'multiple_choice', metric_list: [{ metric: figure.metric }] };
      versions[name] = 1;
      nShot[name] = task.settings.numFewshot;
      nSamples[name] = { original: figure.nItems, effective: figure.nItems };
    }
  }
  const model = run?.model;
  const config = model
    ? { model: 'lm-eval-workbench', model_args: `pretrained=${model.repo},revision=${model.revision},dtype=${model.dtype}`, model_revision: model.commit, device: run.execution.device, batch_size: null }
    : null;
  return { results, configs, versions, 'n-shot': nShot, 'n-samples': nSamples, config };
}

/** Writes the results file of `runs` as JSON text. */
export function encodeResultsFile(runs: readonly FileRun[], createdAt: string = new Date().toISOString()): string {
  const file = { format: RESULTS_FORMAT, version: RESULTS_FILE_VERSION, createdAt, ...harnessBlocks(runs[0]), runs };
  return JSON.stringify(file, null, 1);
}

function invalid(path: string, reason: string, name: string): ResultsFileError {
  return new ResultsFileError('invalid-data', `${name} is invalid at ${path}: ${reason}. Export the file again from the workbench, or ask its sender for a new one.`);
}

function checkRecord(record: ItemRecord, task: ParsedFileTask, path: string, name: string): void {
  const subsets = new Set(task.subsets);
  if (subsets.size > 0 && !subsets.has(record.subset)) throw invalid(`${path}.subset`, `"${record.subset}" is not one of the task's subsets`, name);
  if (record.kind === 'choice') {
    if (record.chosen >= record.logprobs.length || record.gold >= record.logprobs.length) {
      throw invalid(path, `chosen ${record.chosen} or gold ${record.gold} is past its ${record.logprobs.length} choices`, name);
    }
    if (record.correct !== (record.chosen === record.gold)) throw invalid(`${path}.correct`, 'disagrees with chosen and gold', name);
  }
  if (record.kind === 'generation') {
    const runs = task.settings.protocol === 'study' ? task.settings.nRuns : 1;
    const lengths = [record.outputs.length, record.answers.length, record.correct.length, record.scores?.length ?? runs];
    if (lengths.some((n) => n !== runs)) throw invalid(path, `has ${lengths.join(', ')} outputs, answers, marks and scores for ${runs} runs`, name);
  }
}

/** Checks that a task's records, figures and per-item correctness agree with each other. */
function checkTask(task: ParsedFileTask, path: string, name: string): void {
  if (task.settings.protocol !== task.protocol) throw invalid(`${path}.settings.protocol`, `is ${task.settings.protocol} in a ${task.protocol} task`, name);
  if (new Set(task.subsets).size !== task.subsets.length) throw invalid(`${path}.subsets`, 'lists a subset twice', name);
  const items = task.items ?? [];
  const seen = new Set<string>();
  items.forEach((record, i) => {
    if (seen.has(record.itemId)) throw invalid(`${path}.items[${i}].itemId`, `"${record.itemId}" appears twice`, name);
    seen.add(record.itemId);
    checkRecord(record as ItemRecord, task, `${path}.items[${i}]`, name);
  });
  task.figures.forEach((figure, f) => {
    if (task.items && figure.nItems > items.length) throw invalid(`${path}.figures[${f}].nItems`, `is ${figure.nItems}, more than the task's ${items.length} records`, name);
  });
  const correctness = task.itemCorrectness;
  if (correctness) {
    const total = correctness.subsetSizes.reduce((sum, n) => sum + n, 0);
    if (total !== correctness.correctRuns.length) throw invalid(`${path}.itemCorrectness.subsetSizes`, `add up to ${total} items, but correctRuns has ${correctness.correctRuns.length}`, name);
    const max = task.settings.protocol === 'study' ? task.settings.nRuns : 1;
    const over = correctness.correctRuns.findIndex((n) => n > max);
    if (over >= 0) throw invalid(`${path}.itemCorrectness.correctRuns[${over}]`, `is ${correctness.correctRuns[over]}, more than ${max} runs`, name);
  }
}

function parseJson(text: string, name: string): unknown {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed === '') throw new ResultsFileError('empty', `${name} is empty. Choose the .json file that the workbench's "Results file" button saved.`);
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) {
    const firstLine = trimmed.split('\n', 1)[0]!;
    if (firstLine.includes(',')) {
      throw new ResultsFileError('csv', `${name} looks like CSV (its first line is "${firstLine.slice(0, 60)}"). The CSV export contains figures only and cannot be opened again; choose the .json results file instead.`);
    }
  }
  try {
    return JSON.parse(trimmed);
  } catch (error) {
    throw new ResultsFileError('not-json', `${name} is not JSON (${(error as Error).message}). Choose the .json file that the workbench's "Results file" button saved.`);
  }
}

function checkFormat(json: unknown, name: string): void {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new ResultsFileError('wrong-format', `${name} is JSON but not a results file: its top level is ${Array.isArray(json) ? 'a list' : String(json === null ? 'null' : typeof json)}, not an object.`);
  }
  const { format, version, results } = json as Record<string, unknown>;
  if (format === undefined && results !== undefined) {
    throw new ResultsFileError('harness-only', `${name} looks like an lm-evaluation-harness results file: it has figures but no per-item data or model details. Open it in the harness's tools, or import a file the workbench exported.`);
  }
  if (format !== RESULTS_FORMAT) {
    throw new ResultsFileError('wrong-format', `${name} is not a workbench results file: its "format" is ${JSON.stringify(format)?.slice(0, 80) ?? 'missing'}, not "${RESULTS_FORMAT}".`);
  }
  if (typeof version === 'number' && Number.isInteger(version) && version > RESULTS_FILE_VERSION) {
    throw new ResultsFileError('newer-version', `${name} was written by a newer workbench (results file version ${version}; this one reads up to ${RESULTS_FILE_VERSION}). Open it in an up-to-date workbench.`);
  }
}

/**
 * Reads and validates a results file's text. `name` is the file's name for messages. Throws a
 * ResultsFileError whose code names the problem. Strings such as model names are returned as they
 * were written, markup included, so the app must render them as text.
 */
export function decodeResultsFile(text: string, name = 'The file'): FileRun[] {
  if (text.length > RESULTS_FILE_LIMITS.chars) {
    throw new ResultsFileError('too-large', `${name} has ${text.length} characters, more than the ${RESULTS_FILE_LIMITS.chars} a results file may have.`);
  }
  const json = parseJson(text, name);
  checkFormat(json, name);
  const parsed = resultsFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = deepestIssue(parsed.error.issues[0]!);
    throw invalid(describePath(issue.path, json), issue.message, name);
  }
  parsed.data.runs.forEach((run, r) => run.tasks.forEach((task, t) => checkTask(task, `runs[${r}].tasks[${t}]`, name)));
  return parsed.data.runs.map((run) => ({
    ...run,
    tasks: run.tasks.map((task) => (task.items ? ({ ...task, items: task.items } as TaskResult) : (task as SharedTask))),
  })) as FileRun[];
}
