/**
 * Published logs as series of the comparison: the study's bundled logs and any file in their format.
 */
import { MMLU_SUBJECT_SIZES } from '../../datasets/mmluSubjects';
import { parsePublishedLog } from '../../engine/publishedLog';
import { DEFAULT_STUDY_SETTINGS } from '../../engine/types';
import { PUBLISHED_ENDPOINT, type ViewRun } from '../results/viewModel';

/** The study's logs bundled with the app under public/published-results. */
export const BUNDLED_LOGS = [
  'abs-bvv-1', 'abs-bvv-2', 'abs-bvv-3', 'abs-bvv-4', 'abs-bvv-5', 'abs-bvv-6',
  'best_bvv_moe', 'best_bvv_ru', 'best_bvv_unfrozen_ru', 'best_bvv_unfrozen_zh', 'best_bvv_zh',
  'max_bvv_moe', 'max_bvv_ru', 'max_bvv_zh', 'nemo_bvv_moe', 'nemo_bvv_ru', 'nemo_bvv_zh',
  'pro_bvv_en', 'pro_bvv_ru', 'pro_bvv_unfrozen', 'pro_bvv_zh',
] as const;

/** URL of a bundled log. */
export function bundledLogUrl(name: string): string {
  return new URL(`published-results/_models_benchmarking_${name}.txt`, document.baseURI).href;
}

/**
 * Turns a log into a series: the study protocol with its 10 runs (temperature and seed unknown), MMLU
 * subject sizes from the test split, `source` naming where the log came from.
 * Throws a DatasetFormatError naming the file and line of a malformed log.
 */
export function seriesFromLog(text: string, file: string, source: string): ViewRun {
  const log = parsePublishedLog(text, file, (task, subset) => {
    if (task !== 'mmlu') return 0;
    if (subset === null) return Object.values(MMLU_SUBJECT_SIZES).reduce((a, b) => a + b, 0);
    return MMLU_SUBJECT_SIZES[subset] ?? 0;
  });
  // An MMLU line beside a few subject lines covers those subjects only, not the whole test split.
  for (const task of log.tasks) {
    if (task.task !== 'mmlu' || task.subsets.length === 0 || task.subsets.length >= Object.keys(MMLU_SUBJECT_SIZES).length) continue;
    const covered = task.subsets.reduce((sum, subject) => sum + (MMLU_SUBJECT_SIZES[subject] ?? 0), 0);
    for (const figure of task.figures) if (figure.subset === null) figure.nItems = covered;
  }
  return {
    model: { endpoint: PUBLISHED_ENDPOINT, repo: log.model, revision: source, commit: '', dtype: '' },
    execution: { device: 'published', reason: `Published log ${file}`, backend: 'transformers.js' },
    startedAt: new Date().toISOString(),
    durationMs: 0,
    tasks: log.tasks.map((task) => ({
      task: task.task,
      source: `published log ${file}`,
      protocol: 'study',
      settings: { ...DEFAULT_STUDY_SETTINGS, nRuns: 10 },
      limit: null,
      subsets: task.subsets,
      figures: task.figures,
    })),
  };
}
