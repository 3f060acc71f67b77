/**
 * Figures in a link. Each number is rounded to 4 decimal places on its 0–100 scale (at most 6
 * significant digits), or to more digits where 4 would change the 2-decimal text of the study's
 * report line. A figure that the protocol's rules recompute from counts is stored as those counts:
 *
 * - `h`: a harness subset figure of 0/1 item scores, as the number of items right;
 * - `p`: a harness group figure, pooled from the task's subset figures before it;
 * - `s`: a study figure, as the number of items each run got right.
 *
 * The encoder uses a compact form only when decoding it gives exactly the rounded figure,
 * and stores every number (`x`) otherwise, so the choice never changes what the link shows.
 */
import { studyFigures } from '../engine/stats';
import type { Figure } from '../engine/types';
import { formatFixed } from '../util/pyFormat';
import { PERMALINK_LIMITS, WireProblem, type ExplicitWireFigure, type WireFigure } from './schema';
import type { SharedTask } from './view';

/**
 * Rounds a 0–100 figure to 4 decimals, or to the fewest significant digits (7 to 17) that keep its
 * 2-decimal report text, when 4 decimals would round the other way. Non-finite values pass through.
 */
export function roundFigure(value: number): number {
  if (!Number.isFinite(value)) return value;
  const reportText = formatFixed(value, 2);
  const rounded = Math.round(value * 1e4) / 1e4;
  if (formatFixed(rounded, 2) === reportText) return rounded;
  for (let digits = 7; digits <= 17; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (formatFixed(candidate, 2) === reportText) return candidate;
  }
  return value;
}

/** The task fields that figures refer to. */
export interface FigureContext {
  task: string;
  subsets: readonly string[];
  /** Label of the whole-task figure; subset figures default to `{labelBase} [{subset}]`. */
  labelBase: string;
}

/** Running sums over a metric's subset figures, summed in the order of `pooledStderr` in engine/stats.ts. */
interface Pool {
  weightedSum: number;
  items: number;
  /** Σ (nᵢ − 1)·nᵢ·seᵢ², the numerator of the pooled variance. */
  varianceSum: number;
  parts: number;
}

/** The numbers of a decoded figure before rounding. */
type Numbers = Pick<Figure, 'intervalMethod' | 'nItems' | 'value' | 'std' | 'ci95' | 'stderr' | 'runScores'>;

/**
 * Decoder of the figures of one task, in order. Each subset figure adds its unrounded numbers to the
 * pool of its metric, as the engine pools them, and a later `p` figure is computed from that pool.
 */
export class FigureReader {
  private readonly pools = new Map<string, Pool>();

  constructor(
    private readonly context: FigureContext,
    private readonly path: string,
  ) {}

  /** Decodes one figure. With `commit` false, the pools stay as they were (the encoder's trial). */
  read(wire: WireFigure, index: number, commit = true): Figure {
    const path = `${this.path}.figures[${index}]`;
    const [, label, task, metric, subsetIndex] = wire;
    let subset: string | null = null;
    if (subsetIndex >= 0) {
      const name = this.context.subsets[subsetIndex];
      if (name === undefined) throw new WireProblem(`${path}.subset`, `index ${subsetIndex} is past the task's ${this.context.subsets.length} subsets`);
      subset = name;
    }
    const numbers = this.numbers(wire, metric, path);
    if (wire[0] !== 'x') checkRecomputed(numbers, path);
    if (commit && subset !== null) this.addToPool(metric, numbers);
    return {
      label: label === 0 ? defaultLabel(this.context.labelBase, subset) : label,
      task: task === 0 ? this.context.task : task,
      subset,
      metric,
      value: roundFigure(numbers.value),
      std: roundFigure(numbers.std),
      ci95: roundFigure(numbers.ci95),
      stderr: numbers.stderr === null ? null : roundFigure(numbers.stderr),
      intervalMethod: numbers.intervalMethod,
      nItems: numbers.nItems,
      runScores: numbers.runScores === null ? null : numbers.runScores.map(roundFigure),
    };
  }

  private numbers(wire: WireFigure, metric: string, path: string): Numbers {
    switch (wire[0]) {
      case 'x': {
        const [, , , , , nItems, intervalMethod, value, std, ci95, stderr, runScores] = wire;
        return { intervalMethod, nItems, value, std, ci95, stderr, runScores: runScores === null ? null : [...runScores] };
      }
      case 'h': {
        const [, , , , , nItems, correct] = wire;
        if (correct > nItems) throw new WireProblem(`${path}.correctItems`, `is ${correct}, more than the figure's ${nItems} items`);
        return harnessCountNumbers(correct, nItems);
      }
      case 'p': {
        const pool = this.pools.get(metric);
        if (pool === undefined) throw new WireProblem(`${path}.form`, `is a pooled figure, but no subset figure of metric ${metric} comes before it`);
        return pooledNumbers(pool);
      }
      case 's': {
        const [, , , , , nItems, correctPerRun] = wire;
        const invalid = correctPerRun.findIndex((right) => right > nItems);
        if (invalid >= 0) throw new WireProblem(`${path}.correctItemsPerRun[${invalid}]`, `is ${correctPerRun[invalid]}, more than the figure's ${nItems} items`);
        const runScores = correctPerRun.map((right) => (100 * right) / nItems);
        const { mean, std, ci95 } = studyFigures(runScores);
        return { intervalMethod: 'runs-ci95', nItems, value: mean, std, ci95, stderr: null, runScores };
      }
    }
  }

  private addToPool(metric: string, numbers: Numbers): void {
    const pool = this.pools.get(metric) ?? { weightedSum: 0, items: 0, varianceSum: 0, parts: 0 };
    const n = numbers.nItems;
    pool.weightedSum += numbers.value * n;
    pool.items += n;
    pool.varianceSum += (n - 1) * (numbers.stderr ?? 0) ** 2 * n;
    pool.parts += 1;
    this.pools.set(metric, pool);
  }
}

/**
 * Rejects a compact figure whose recomputed numbers leave the ranges the schema sets for stored ones,
 * as a hostile link can make pooled figures do.
 */
function checkRecomputed(numbers: Numbers, path: string): void {
  const values = [numbers.value, numbers.std, numbers.ci95, numbers.stderr ?? 0, ...(numbers.runScores ?? [])];
  if (!values.every((x) => Number.isFinite(x) && x >= 0 && x <= 100)) {
    throw new WireProblem(path, 'recomputes to a figure outside 0–100');
  }
  if (numbers.nItems > PERMALINK_LIMITS.itemsPerTask) {
    throw new WireProblem(path, `pools ${numbers.nItems} items, more than ${PERMALINK_LIMITS.itemsPerTask}`);
  }
}

function defaultLabel(labelBase: string, subset: string | null): string {
  return subset === null ? labelBase : `${labelBase} [${subset}]`;
}

/** Computes the harness figures of `correct` item scores of 100 and the rest 0: mean, sample σ, σ/√n and 1.96·σ/√n. */
function harnessCountNumbers(correct: number, nItems: number): Numbers {
  const value = (100 * correct) / nItems;
  const squares = correct * (100 - value) ** 2 + (nItems - correct) * value ** 2;
  const std = nItems === 1 ? 0 : Math.sqrt(squares / (nItems - 1));
  const stderr = std / Math.sqrt(nItems);
  return { intervalMethod: 'stderr-ci95', nItems, value, std, ci95: 1.96 * stderr, stderr, runScores: null };
}

/**
 * Computes lm-evaluation-harness's group figure as the engine does: the size-weighted mean, and the pooled stderr
 * √(Σ (nᵢ − 1)·nᵢ·seᵢ² / (Σ nᵢ − k) / Σ nᵢ), or 0 when there are no more items than subsets.
 */
function pooledNumbers(pool: Pool): Numbers {
  const value = pool.items === 0 ? 0 : pool.weightedSum / pool.items;
  const stderr = pool.items > pool.parts ? Math.sqrt(pool.varianceSum / (pool.items - pool.parts) / pool.items) : 0;
  return {
    intervalMethod: 'stderr-ci95', nItems: pool.items, value, std: stderr * Math.sqrt(pool.items),
    ci95: 1.96 * stderr, stderr, runScores: null,
  };
}

/** Returns the label base of a task: the whole-task figure's label, else what precedes ` [subset]` in the first figure. */
export function labelBaseOf(task: SharedTask): string {
  const whole = task.figures.find((figure) => figure.subset === null);
  if (whole !== undefined) return whole.label;
  const first = task.figures[0];
  const suffix = ` [${first?.subset ?? ''}]`;
  if (first !== undefined && first.label.endsWith(suffix)) return first.label.slice(0, -suffix.length);
  return task.task;
}

function sameFigure(a: Figure, b: Figure): boolean {
  const sameScores = a.runScores === null || b.runScores === null
    ? a.runScores === b.runScores
    : a.runScores.length === b.runScores.length && a.runScores.every((score, i) => Object.is(score, b.runScores![i]));
  return a.label === b.label && a.task === b.task && a.subset === b.subset && a.metric === b.metric
    && Object.is(a.value, b.value) && Object.is(a.std, b.std) && Object.is(a.ci95, b.ci95)
    && Object.is(a.stderr, b.stderr) && a.intervalMethod === b.intervalMethod && a.nItems === b.nItems && sameScores;
}

/** Checks that every number of a figure is one that the explicit form accepts. */
function isValidFigure(figure: Figure): boolean {
  const numbers = [figure.value, figure.std, figure.ci95, figure.stderr ?? 0, ...(figure.runScores ?? [])];
  return numbers.every((x) => Number.isFinite(x) && x >= 0 && x <= 100) && Number.isSafeInteger(figure.nItems);
}

/**
 * Lists the compact forms worth trying for a figure, most compact first. An invalid figure gets none,
 * so that the validation of the explicit form names the invalid number.
 */
function compactCandidates(figure: Figure, head: [string | 0, string | 0, string, number]): WireFigure[] {
  if (!isValidFigure(figure)) return [];
  const [label, task, metric, subsetIndex] = head;
  const n = figure.nItems;
  if (figure.intervalMethod === 'stderr-ci95' && figure.runScores === null && figure.stderr !== null) {
    if (figure.subset === null) return [['p', label, task, metric, subsetIndex]];
    if (n >= 1) return [['h', label, task, metric, subsetIndex, n, Math.round((figure.value * n) / 100)]];
  }
  if (figure.intervalMethod === 'runs-ci95' && figure.stderr === null && figure.runScores !== null && figure.runScores.length > 0 && n >= 1) {
    return [['s', label, task, metric, subsetIndex, n, figure.runScores.map((score) => Math.round((score * n) / 100))]];
  }
  return [];
}

/**
 * Encodes a task's figures, each in the most compact form that decodes to the same rounded figure.
 * Throws a WireProblem for a figure whose subset is not one of the task's subsets.
 */
export function encodeFigures(task: SharedTask, labelBase: string, path: string): WireFigure[] {
  const context: FigureContext = { task: task.task, subsets: task.subsets, labelBase };
  const reader = new FigureReader(context, path);
  return task.figures.map((figure, index) => {
    let subsetIndex = -1;
    if (figure.subset !== null) {
      subsetIndex = task.subsets.indexOf(figure.subset);
      if (subsetIndex < 0) throw new WireProblem(`${path}.figures[${index}].subset`, `${figure.subset} is not one of the task's subsets`);
    }
    const label = figure.label === defaultLabel(labelBase, figure.subset) ? 0 : figure.label;
    const taskName = figure.task === task.task ? 0 : figure.task;
    const explicit: ExplicitWireFigure = [
      'x', label, taskName, figure.metric, subsetIndex, figure.nItems, figure.intervalMethod,
      roundFigure(figure.value), roundFigure(figure.std), roundFigure(figure.ci95),
      figure.stderr === null ? null : roundFigure(figure.stderr),
      figure.runScores === null ? null : figure.runScores.map(roundFigure),
    ];
    const target = reader.read(explicit, index, false);
    const compact = compactCandidates(figure, [label, taskName, figure.metric, subsetIndex]).find((candidate) => {
      try {
        return sameFigure(reader.read(candidate, index, false), target);
      } catch (error) {
        if (error instanceof WireProblem) return false;
        throw error;
      }
    });
    const chosen = compact ?? explicit;
    reader.read(chosen, index, true);
    return chosen;
  });
}
