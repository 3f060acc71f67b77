/**
 * Figures of accuracy-type metrics from per-item records: one per subset and one pooled over the
 * whole task, under the rules of each protocol.
 */
import { harnessFigures, pooledStderr, studyFigures, weightedMean } from './stats';
import type { Figure, ItemRecord } from './types';

/** Whether each run got the item right (harness: one entry). */
function correctness(record: ItemRecord): boolean[] {
  return record.kind === 'choice' ? [record.correct] : record.correct;
}

/** Study figure of a set of items: per-run accuracy, then mean, population σ and ci95 over runs. */
function studyFigure(label: string, task: string, subset: string | null, records: readonly ItemRecord[]): Figure {
  const runs = correctness(records[0]!).length;
  const runScores = Array.from({ length: runs }, (_, r) => {
    let right = 0;
    for (const record of records) if (correctness(record)[r]) right++;
    return (100 * right) / records.length;
  });
  const { mean: value, std, ci95 } = studyFigures(runScores);
  return {
    label, task, subset, metric: 'acc', value, std, ci95, stderr: null,
    intervalMethod: 'runs-ci95', nItems: records.length, runScores,
  };
}

/** Harness figure of one subset: accuracy with the standard error of the per-item scores. */
function harnessFigure(label: string, task: string, subset: string | null, records: readonly ItemRecord[]): Figure {
  const scores = records.map((record) => (correctness(record)[0] ? 100 : 0));
  const { mean: value, std, stderr, ci95 } = harnessFigures(scores);
  return {
    label, task, subset, metric: 'acc', value, std, ci95, stderr,
    intervalMethod: 'stderr-ci95', nItems: records.length, runScores: null,
  };
}

/**
 * Pools the figures of disjoint subsets into the figure of their union, as the whole of MMLU or one
 * of its categories. Study: each run's score is the size-weighted mean of the subsets' run scores
 * (the accuracy over all their items), then mean, population σ and ci95 over runs. Harness: the
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
 * Accuracy figures of a task with subsets: one per subset in `subsets` order (labelled
 * `{label} [{subset}]`), then the whole task (`{label}`), pooled over all items.
 * Subsets without records are skipped. Throws a RangeError when there are no records at all.
 */
export function accuracyFigures(
  label: string,
  task: string,
  protocol: 'study' | 'harness',
  subsets: readonly string[],
  records: readonly ItemRecord[],
): Figure[] {
  if (records.length === 0) throw new RangeError(`no items were scored for ${label}`);
  const bySubset = new Map<string, ItemRecord[]>();
  for (const record of records) {
    const list = bySubset.get(record.subset) ?? [];
    list.push(record);
    bySubset.set(record.subset, list);
  }
  const present = subsets.filter((s) => bySubset.has(s));
  const make = protocol === 'study' ? studyFigure : harnessFigure;
  const parts = present.map((s) => make(`${label} [${s}]`, task, s, bySubset.get(s)!));
  if (present.length <= 1 && subsets.length <= 1) {
    // A task without subsets reports only its own line.
    return [make(label, task, null, records)];
  }
  return [...parts, poolFigures(label, parts)];
}
