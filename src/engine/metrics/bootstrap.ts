/**
 * Seeded bootstrap over items for any metric computed from per-item data (for corpus BLEU, the
 * items can be `bleuStatistics` segments), and a paired bootstrap for the difference of two systems.
 */
import { mulberry32Uint32 } from '../random';
import { sampleStd } from '../stats';

/** Settings of a bootstrap run. */
export interface BootstrapOptions {
  /** Number of resamples, at least 2. */
  resamples: number;
  /** Seed of the resampling stream, an integer from 0 to 2^32 - 1. */
  seed: number;
}

/** A metric with its bootstrap standard error and 95% percentile interval. */
export interface BootstrapResult {
  /** The metric on all items. */
  estimate: number;
  /** Sample standard deviation (n - 1) of the resampled metric values. */
  standardError: number;
  /** 2.5th percentile of the resampled values. */
  low: number;
  /** 97.5th percentile of the resampled values. */
  high: number;
  resamples: number;
}

/** The difference `metric(A) - metric(B)` over the same resampled items. */
export interface PairedBootstrapResult {
  /** `metric(itemsA) - metric(itemsB)` on all items. */
  difference: number;
  /** Sample standard deviation (n - 1) of the resampled differences. */
  standardError: number;
  /** 2.5th percentile of the resampled differences. */
  low: number;
  /** 97.5th percentile of the resampled differences. */
  high: number;
  /**
   * Two-sided p-value for "no difference": `min(1, 2 * min(#(d <= 0), #(d >= 0)) / resamples)` over
   * the resampled differences d, the smallest level at which the percentile interval excludes 0.
   */
  pValue: number;
  resamples: number;
}

/**
 * Creates the resampling generator: mulberry32's uniform integers in [0, 2^32), the same stream for a
 * seed on every platform. Its period of 2^32 suffices for resampling indices.
 * Throws a RangeError unless `seed` is an integer from 0 to 2^32 - 1.
 */
export function mulberry32(seed: number): () => number {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`seed must be an integer from 0 to 2^32 - 1, got ${seed}`);
  }
  return mulberry32Uint32(seed);
}

/** Draws a uniform integer in [0, n) for 1 <= n <= 2^32, rejecting draws that would bias the modulo. */
function uniformIndex(next: () => number, n: number): number {
  const limit = 2 ** 32 - (2 ** 32 % n);
  for (;;) {
    const draw = next();
    if (draw < limit) return draw % n;
  }
}

function checkOptions(options: BootstrapOptions, itemCount: number): void {
  if (itemCount === 0) throw new RangeError('bootstrap needs at least one item');
  if (itemCount > 2 ** 32) throw new RangeError(`bootstrap supports at most 2^32 items, got ${itemCount}`);
  if (!Number.isInteger(options.resamples) || options.resamples < 2) {
    throw new RangeError(`resamples must be an integer of at least 2, got ${options.resamples}`);
  }
}

/** Draws `resamples` index samples of size `itemCount` with replacement and passes each to `visit`. */
function forEachResample(options: BootstrapOptions, itemCount: number, visit: (indices: number[]) => void): void {
  const next = mulberry32(options.seed);
  const indices = new Array<number>(itemCount);
  for (let r = 0; r < options.resamples; r++) {
    for (let i = 0; i < itemCount; i++) indices[i] = uniformIndex(next, itemCount);
    visit(indices);
  }
}

function finite(value: number, label: string): number {
  if (!Number.isFinite(value)) throw new RangeError(`metric returned ${value} on ${label}: it must be finite`);
  return value;
}

/** Computes the q-quantile (0 <= q <= 1) of sorted values, interpolating linearly between order statistics as numpy does by default. */
function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const lower = sorted[below] ?? Number.NaN;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)] ?? Number.NaN;
  return lower + (position - below) * (upper - lower);
}

function summarize(values: number[]): { standardError: number; low: number; high: number } {
  const sorted = [...values].sort((left, right) => left - right);
  return { standardError: sampleStd(values), low: quantile(sorted, 0.025), high: quantile(sorted, 0.975) };
}

/**
 * Estimates the standard error and 95% percentile interval of `metric` by resampling items with
 * replacement. The same seed, items and metric give the same result on every platform.
 * Throws a RangeError on no items, fewer than 2 resamples, an invalid seed, or a metric value
 * that is not finite.
 */
export function bootstrap<T>(
  items: readonly T[],
  metric: (sample: readonly T[]) => number,
  options: BootstrapOptions,
): BootstrapResult {
  checkOptions(options, items.length);
  const estimate = finite(metric(items), 'all items');
  const values: number[] = [];
  forEachResample(options, items.length, (indices) => {
    const sample = indices.map((index) => items[index] as T);
    values.push(finite(metric(sample), `resample ${values.length}`));
  });
  return { estimate, ...summarize(values), resamples: options.resamples };
}

/**
 * Bootstraps the difference `metric(A) - metric(B)` of two systems scored on the same items:
 * `itemsA[i]` and `itemsB[i]` belong to item i, and every resample draws the same indices for both.
 * Throws a RangeError when the lengths differ, and otherwise as `bootstrap`.
 */
export function pairedBootstrap<T>(
  itemsA: readonly T[],
  itemsB: readonly T[],
  metric: (sample: readonly T[]) => number,
  options: BootstrapOptions,
): PairedBootstrapResult {
  if (itemsA.length !== itemsB.length) {
    throw new RangeError(`itemsA has ${itemsA.length} items but itemsB has ${itemsB.length}`);
  }
  checkOptions(options, itemsA.length);
  const difference = finite(metric(itemsA), 'all items of A') - finite(metric(itemsB), 'all items of B');
  const differences: number[] = [];
  forEachResample(options, itemsA.length, (indices) => {
    const label = `resample ${differences.length}`;
    const valueA = finite(metric(indices.map((index) => itemsA[index] as T)), `${label} of A`);
    const valueB = finite(metric(indices.map((index) => itemsB[index] as T)), `${label} of B`);
    differences.push(valueA - valueB);
  });

  const atOrBelowZero = differences.filter((value) => value <= 0).length;
  const atOrAboveZero = differences.filter((value) => value >= 0).length;
  const pValue = Math.min(1, (2 * Math.min(atOrBelowZero, atOrAboveZero)) / options.resamples);
  return { difference, ...summarize(differences), pValue, resamples: options.resamples };
}
