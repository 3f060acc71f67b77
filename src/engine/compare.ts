/**
 * Statistics of a comparison between two models scored on the same items: the difference of a
 * figure with its 95% interval, McNemar's exact test on the items where the models disagree, and
 * Holm's adjustment for the many subjects tested at once. All differences are on the 0–100 scale.
 */
import { mcnemarExact, type McNemarResult } from './metrics/mcnemar';
import { mean, populationStd, sampleStd } from './stats';

/** The normal quantile of a two-sided 95% interval, as in every figure of the workbench. */
const Z95 = 1.96;

/** Significance level the notes and the Bonferroni threshold refer to. */
export const ALPHA = 0.05;

/** How a difference's interval was computed. */
export type DifferenceMethod =
  /** Mean of the per-item differences (right = 1, wrong = 0) ± 1.96 · sample σ of the differences / √items. */
  | 'paired-items'
  /** Difference of the mean run scores ± √(ciA² + ciB²), each ci = 1.96 · population σ of the run scores / √runs. */
  | 'runs'
  /** Difference of two figures ± √(ciA² + ciB²) from their own intervals, when no per-item data pairs them. */
  | 'unpaired';

/** A difference A − B with its 95% interval, 0–100 scale. */
export interface Difference {
  /** A − B. */
  value: number;
  /** Half-width of the 95% interval. */
  ci95: number;
  low: number;
  high: number;
  method: DifferenceMethod;
}

function difference(value: number, ci95: number, method: DifferenceMethod): Difference {
  return { value, ci95, low: value - ci95, high: value + ci95, method };
}

/**
 * Computes the paired difference of two models' right-or-wrong scores on the same items: the mean of
 * d_i = a_i − b_i (each 0 or 1) with the normal interval 1.96 · s_d / √n, where s_d is the sample
 * standard deviation (n − 1) of the d_i. Returned on the 0–100 scale.
 * Throws a RangeError when the lists differ in length, are empty, or hold values other than 0 and 1.
 */
export function pairedItemDifference(a: readonly number[], b: readonly number[]): Difference {
  if (a.length !== b.length) throw new RangeError(`model A has ${a.length} items but model B has ${b.length}; pair the same items`);
  if (a.length === 0) throw new RangeError('a paired difference needs at least one item');
  const differences = a.map((x, i) => {
    const y = b[i]!;
    if ((x !== 0 && x !== 1) || (y !== 0 && y !== 1)) throw new RangeError(`item ${i} has scores ${x} and ${y}; each must be 0 or 1`);
    return 100 * (x - y);
  });
  const ci95 = (Z95 * sampleStd(differences)) / Math.sqrt(differences.length);
  return difference(mean(differences), ci95, 'paired-items');
}

/**
 * Computes the difference of two models' mean run scores under the study protocol, with the
 * half-width √(ciA² + ciB²) where each ci is the study's 1.96 · population σ / √runs. The runs of
 * the two models are treated as independent: run r of A and run r of B share a seed but sample
 * different models, so their noise is not paired.
 * Throws a RangeError when either list is empty.
 */
export function runScoreDifference(runScoresA: readonly number[], runScoresB: readonly number[]): Difference {
  if (runScoresA.length === 0 || runScoresB.length === 0) throw new RangeError('a run-score difference needs at least one run of each model');
  const ciA = (Z95 * populationStd(runScoresA)) / Math.sqrt(runScoresA.length);
  const ciB = (Z95 * populationStd(runScoresB)) / Math.sqrt(runScoresB.length);
  return difference(mean(runScoresA) - mean(runScoresB), Math.hypot(ciA, ciB), 'runs');
}

/** Computes the difference of two figures from their own 95% half-widths, as if independent: √(ciA² + ciB²). */
export function unpairedDifference(a: { value: number; ci95: number }, b: { value: number; ci95: number }): Difference {
  return difference(a.value - b.value, Math.hypot(a.ci95, b.ci95), 'unpaired');
}

/**
 * Reduces study counts of correct runs to one right-or-wrong per item: right when a strict majority
 * of the `nRuns` runs got it right (with an even number of runs, a tie counts as wrong).
 */
export function majorityCorrect(correctRuns: readonly number[], nRuns: number): number[] {
  return correctRuns.map((n) => (2 * n > nRuns ? 1 : 0));
}

/**
 * Returns the smallest two-sided p-value McNemar's exact test can give with `discordant` items on
 * which the models disagree: 2 · 0.5^discordant, at most 1. Below 6 discordant items it is above 0.05.
 */
export function minimumMcNemarP(discordant: number): number {
  return Math.min(1, 2 * 0.5 ** discordant);
}

/** Whether `discordant` disagreeing items are too few for any outcome to reach p < ALPHA. */
export function tooFewDiscordant(discordant: number): boolean {
  return minimumMcNemarP(discordant) >= ALPHA;
}

/**
 * Adjusts p-values for multiple comparisons by Holm's step-down method: with the m p-values sorted
 * ascending, the k-th (from 1) becomes max over j ≤ k of min(1, (m − j + 1) · p_(j)). Returns the
 * adjusted values in input order. Throws a RangeError for a value outside 0–1.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-value ${i} is ${p}; p-values must be from 0 to 1`);
  });
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p || x.i - y.i);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, i }, k) => {
    running = Math.max(running, Math.min(1, (m - k) * p));
    adjusted[i] = running;
  });
  return adjusted;
}

/** The Bonferroni threshold: ALPHA divided by the number of tests, or ALPHA for one test or none. */
export function bonferroniThreshold(tests: number): number {
  return ALPHA / Math.max(1, tests);
}

/** McNemar's exact test on two right-or-wrong lists, with the note on too few disagreements. */
export interface PairedTest extends McNemarResult {
  /** b + c: the items on which exactly one model is right. */
  discordant: number;
  /** True when even the most lopsided split of the discordant items cannot reach p < ALPHA. */
  tooFew: boolean;
}

/** Runs McNemar's exact test on 0/1 lists of the same items. Throws as mcnemarExact does. */
export function pairedTest(a: readonly number[], b: readonly number[]): PairedTest {
  const result = mcnemarExact(a, b);
  const discordant = result.b + result.c;
  return { ...result, discordant, tooFew: tooFewDiscordant(discordant) };
}
