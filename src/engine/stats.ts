/**
 * Summary statistics of the two protocols. Inputs and outputs share one scale (the callers use 0–100).
 */

/** Arithmetic mean, summed in order. Throws a RangeError on an empty list. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('mean of an empty list');
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Population standard deviation (divides by n), as the study's σ. Throws on an empty list. */
export function populationStd(values: readonly number[]): number {
  const m = mean(values);
  let squares = 0;
  for (const v of values) squares += (v - m) ** 2;
  return Math.sqrt(squares / values.length);
}

/** Sample standard deviation (divides by n − 1); 0 for a single value. Throws on an empty list. */
export function sampleStd(values: readonly number[]): number {
  const m = mean(values);
  if (values.length === 1) return 0;
  let squares = 0;
  for (const v of values) squares += (v - m) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}

/** The study's figures of a set of run scores: mean, population σ and ci95 = 1.96·σ/√runs. */
export function studyFigures(runScores: readonly number[]): { mean: number; std: number; ci95: number } {
  const std = populationStd(runScores);
  return { mean: mean(runScores), std, ci95: (1.96 * std) / Math.sqrt(runScores.length) };
}

/** lm-evaluation-harness's figures of per-item scores: mean, sample σ, stderr = σ/√n, ci95 = 1.96·stderr. */
export function harnessFigures(itemScores: readonly number[]): {
  mean: number;
  std: number;
  stderr: number;
  ci95: number;
} {
  const std = sampleStd(itemScores);
  const stderr = std / Math.sqrt(itemScores.length);
  return { mean: mean(itemScores), std, stderr, ci95: 1.96 * stderr };
}

/**
 * Pools subgroup standard errors the way lm-evaluation-harness aggregates a group such as all of MMLU:
 * pooled variance = Σ (nᵢ − 1)·nᵢ·seᵢ² / (Σ nᵢ − k), and the group's stderr = √(pooled variance / Σ nᵢ).
 * Throws a RangeError when the lists differ in length or hold no more items than groups.
 */
export function pooledStderr(stderrs: readonly number[], sizes: readonly number[]): number {
  if (stderrs.length !== sizes.length) {
    throw new RangeError(`${stderrs.length} standard errors but ${sizes.length} sizes`);
  }
  let numerator = 0;
  let total = 0;
  for (let i = 0; i < sizes.length; i++) {
    const n = sizes[i]!;
    numerator += (n - 1) * stderrs[i]! ** 2 * n;
    total += n;
  }
  if (total <= sizes.length) {
    throw new RangeError(`pooling needs more items (${total}) than groups (${sizes.length})`);
  }
  return Math.sqrt(numerator / (total - sizes.length) / total);
}

/** Size-weighted mean of subgroup means, as the pooled figure of a group. */
export function weightedMean(values: readonly number[], sizes: readonly number[]): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i]! * sizes[i]!;
    total += sizes[i]!;
  }
  if (total === 0) throw new RangeError('weighted mean over zero items');
  return sum / total;
}
