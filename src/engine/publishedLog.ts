/**
 * Reads a log in the study's report format (one `{model} {label}: {mean}% ± {ci95}% (σ={std}%)` line
 * per figure) into per-task figures, so published numbers can be drawn beside a new run.
 */
import { DatasetFormatError } from '../datasets/errors';
import { parseReportLine } from './report';
import type { TaskId } from './tasks/task';
import type { Figure } from './types';

/** The task each report label stands for. */
const TASK_OF_LABEL: Record<string, TaskId> = {
  MMLU: 'mmlu',
  'ARC-e': 'arc_easy',
  'ARC-c': 'arc_challenge',
  'C-SENSE': 'commonsense_qa',
  BoolQ: 'boolq',
  SQUAD: 'squad_v2',
  BLEU: 'translation',
};

/** One task's figures read from a log, in the log's order. */
export interface LoggedTask {
  task: TaskId;
  subsets: string[];
  figures: Figure[];
}

/** A log read whole: the model it names and its figures by task. */
export interface PublishedLog {
  model: string;
  tasks: LoggedTask[];
  /** Lines that were neither figures nor empty, such as `model Total parameters: 0.5B`. */
  otherLines: string[];
}

/**
 * Parses a log. `itemCounts(task, subset)` gives the number of items behind a figure when it is known
 * (the log does not say); 0 otherwise. Throws a DatasetFormatError naming the file and line when the
 * log holds no figure, names two models, or uses a label of no known task.
 */
export function parsePublishedLog(text: string, file: string, itemCounts: (task: TaskId, subset: string | null) => number = () => 0): PublishedLog {
  let model: string | null = null;
  const tasks = new Map<TaskId, LoggedTask>();
  const otherLines: string[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const parsed = parseReportLine(line);
    if (!parsed) {
      otherLines.push(line);
      return;
    }
    if (model !== null && parsed.model !== model) {
      throw new DatasetFormatError(file, index + 1, 'model', `names model ${parsed.model}, but earlier lines name ${model}; a log holds one model`);
    }
    model = parsed.model;
    const task = TASK_OF_LABEL[parsed.task];
    if (!task) throw new DatasetFormatError(file, index + 1, 'label', `unknown task "${parsed.task}"; known: ${Object.keys(TASK_OF_LABEL).join(', ')}`);
    const entry = tasks.get(task) ?? { task, subsets: [], figures: [] };
    if (parsed.subset !== null && !entry.subsets.includes(parsed.subset)) entry.subsets.push(parsed.subset);
    entry.figures.push({
      label: parsed.label,
      task,
      subset: parsed.subset,
      metric: task === 'translation' ? 'bleu' : 'acc',
      value: parsed.value,
      std: parsed.std,
      ci95: parsed.ci95,
      stderr: null,
      intervalMethod: 'runs-ci95',
      nItems: itemCounts(task, parsed.subset),
      runScores: null,
    });
    tasks.set(task, entry);
  });
  if (model === null) throw new DatasetFormatError(file, null, null, 'holds no report line of the form "{model} {label}: 12.34% ± 0.56% (σ=0.78%)"');
  return { model, tasks: [...tasks.values()], otherLines };
}
