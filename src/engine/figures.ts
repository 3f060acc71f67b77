/**
 * Figures from per-item records: one per subset and one pooled over the whole task, under the rules
 * of each protocol, plus bootstrap figures for corpus metrics.
 */
import { bootstrap } from './metrics/bootstrap';
import { harnessFigures, pooledStderr, studyFigures, weightedMean } from './stats';
import type { Figure, ItemRecord, Protocol } from './types';

/** Resamples of the bootstrap behind corpus-metric intervals. */
export const BOOTSTRAP_RESAMPLES = 1000;
/** Seed of those resamples, fixed so that a figure's interval is reproducible. */
export const BOOTSTRAP_SEED = 1234;

/** Per-run scores of a record on the 0–100 scale; harness records have one run. */
export type ScoresOf = (record: ItemRecord) => number[];

/** Scores of right-or-wrong records: 100 for right, 0 for wrong, per run. */
export function correctnessScores(record: ItemRecord): number[] {
  if (record.kind === 'choice') return [record.correct ? 100 : 0];
  if (record.kind === 'generation') return record.correct.map((c) => (c ? 100 : 0));
  throw new RangeError(`record ${record.itemId} is a greedy generation; it has no right-or-wrong score`);
}

interface FigureHead {
  label: string;
  task: string;
  subset: string | null;
  metric: string;
}

/** Study figure of a set of records: each run's mean score, then mean, population σ and ci95 over runs. */
function studyFigure(head: FigureHead, records: readonly ItemRecord[], scoresOf: ScoresOf): Figure {
  const perRecord = records.map(scoresOf);
  const runs = perRecord[0]!.length;
  const runScores = Array.from({ length: runs }, (_, r) => perRecord.reduce((sum, scores) => sum + scores[r]!, 0) / records.length);
  const { mean, std, ci95 } = studyFigures(runScores);
  return { ...head, value: mean, std, ci95, stderr: null, intervalMethod: 'runs-ci95', nItems: records.length, runScores };
}

/** Harness figure of a set of records: the mean score with the standard error of the per-item scores. */
function harnessFigure(head: FigureHead, records: readonly ItemRecord[], scoresOf: ScoresOf): Figure {
  const { mean, std, stderr, ci95 } = harnessFigures(records.map((record) => scoresOf(record)[0]!));
  return { ...head, value: mean, std, ci95, stderr, intervalMethod: 'stderr-ci95', nItems: records.length, runScores: null };
}

/**
 * Pools the figures of disjoint subsets into the figure of their union, as the whole of MMLU or one
 * of its categories. Study: each run's score is the size-weighted mean of the subsets' run scores
 * (the score over all their items), then mean, population σ and ci95 over runs. Harness: the
 * size-weighted mean with lm-evaluation-harness's pooled standard error. Throws a RangeError on an
 * empty list.
 */
export function poolFigures(label: string, parts: readonly Figure[]): Figure {
  const first = parts[0];
  if (!first) throw new RangeError(`no figures to pool for ${label}`);
  const sizes = parts.map((f) => f.nItems);
  const nItems = sizes.reduce((a, b) => a + b, 0);
  const base = { ...first, label, subset: null, nItems };
  const runs = first.runScores?.length ?? 0;
  if (first.intervalMethod === 'runs-ci95' && parts.every((f) => f.runScores?.length === runs)) {
    const runScores = Array.from({ length: runs }, (_, r) => weightedMean(parts.map((f) => f.runScores![r]!), sizes));
    const { mean, std, ci95 } = studyFigures(runScores);
    return { ...base, value: mean, std, ci95, stderr: null, runScores };
  }
  const value = weightedMean(parts.map((f) => f.value), sizes);
  // A single item per subset leaves no degrees of freedom; lm-evaluation-harness would divide by zero.
  const stderr = nItems > parts.length ? pooledStderr(parts.map((f) => f.stderr ?? 0), sizes) : 0;
  return { ...base, value, std: stderr * Math.sqrt(nItems), ci95: 1.96 * stderr, stderr, runScores: null };
}

/**
 * Figures of a mean per-item score: one per subset in `subsets` order (labelled `{label} [{subset}]`),
 * then the whole task (`{label}`) pooled over all items. A task whose items share one subset reports
 * only the whole-task line. `metric` names the score (`acc`, `acc_norm`, `bleu`).
 * Throws a RangeError when there are no records.
 */
export function meanScoreFigures(
  label: string,
  task: string,
  metric: string,
  protocol: Protocol,
  subsets: readonly string[],
  records: readonly ItemRecord[],
  scoresOf: ScoresOf,
): Figure[] {
  if (records.length === 0) throw new RangeError(`no items were scored for ${label}`);
  const make = protocol === 'study' ? studyFigure : harnessFigure;
  if (subsets.length <= 1) return [make({ label, task, subset: null, metric }, records, scoresOf)];

  const bySubset = new Map<string, ItemRecord[]>();
  for (const record of records) {
    const list = bySubset.get(record.subset) ?? [];
    list.push(record);
    bySubset.set(record.subset, list);
  }
  const parts = subsets
    .filter((s) => bySubset.has(s))
    .map((s) => make({ label: `${label} [${s}]`, task, subset: s, metric }, bySubset.get(s)!, scoresOf));
  return [...parts, poolFigures(label, parts)];
}

/** Accuracy figures: meanScoreFigures of right-or-wrong records under the metric name `acc`. */
export function accuracyFigures(
  label: string,
  task: string,
  protocol: Protocol,
  subsets: readonly string[],
  records: readonly ItemRecord[],
): Figure[] {
  return meanScoreFigures(label, task, 'acc', protocol, subsets, records, correctnessScores);
}

/**
 * A corpus metric's figure with a seeded bootstrap interval: `value` is the metric of all items;
 * `stderr` is the standard deviation of the metric over BOOTSTRAP_RESAMPLES resamples of the items.
 * `compute` returns the metric on the 0–100 scale.
 */
export function bootstrapFigure<T>(head: FigureHead, items: readonly T[], compute: (sample: readonly T[]) => number): Figure {
  const value = compute(items);
  const { standardError } = bootstrap(items, compute, { resamples: BOOTSTRAP_RESAMPLES, seed: BOOTSTRAP_SEED });
  return {
    ...head, value, std: standardError * Math.sqrt(items.length), ci95: 1.96 * standardError, stderr: standardError,
    intervalMethod: 'bootstrap-ci95', nItems: items.length, runScores: null,
  };
}
