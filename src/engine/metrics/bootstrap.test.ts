import { describe, expect, it } from 'vitest';
import { bleuFromStatistics, bleuStatistics } from './bleu';
import { bootstrap, mulberry32, pairedBootstrap } from './bootstrap';
import { metricCases } from './testdata/metricCases';

const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;

describe('mulberry32', () => {
  it('produces the reference stream', () => {
    // Values from an independent Python port with explicit 32-bit masking.
    const zero = mulberry32(0);
    expect([zero(), zero(), zero(), zero()]).toEqual([1144304738, 1416247, 958946056, 627933444]);
    const other = mulberry32(12345);
    expect([other(), other(), other(), other()]).toEqual([4207900869, 1317490944, 2079646450, 3513001552]);
    const top = mulberry32(0xffffffff);
    expect([top(), top()]).toEqual([3850105811, 813802916]);
  });

  it('rejects seeds outside 32 bits', () => {
    expect(() => mulberry32(-1)).toThrow(RangeError);
    expect(() => mulberry32(2 ** 32)).toThrow(RangeError);
    expect(() => mulberry32(0.5)).toThrow(RangeError);
  });
});

describe('bootstrap', () => {
  const items = Array.from({ length: 100 }, (_, i) => i);

  it('repeats exactly for the same seed', () => {
    const first = bootstrap(items, mean, { resamples: 200, seed: 7 });
    const second = bootstrap(items, mean, { resamples: 200, seed: 7 });
    const other = bootstrap(items, mean, { resamples: 200, seed: 8 });
    expect(second).toEqual(first);
    expect(other.standardError).not.toBe(first.standardError);
  });

  it('approximates the standard error of a mean', () => {
    // Population standard deviation of 0..99 over sqrt(100): about 2.887.
    const result = bootstrap(items, mean, { resamples: 4000, seed: 1 });
    expect(result.estimate).toBe(49.5);
    expect(result.standardError).toBeGreaterThan(2.887 * 0.93);
    expect(result.standardError).toBeLessThan(2.887 * 1.07);
    expect(result.low).toBeLessThan(result.estimate);
    expect(result.high).toBeGreaterThan(result.estimate);
  });

  it('gives a zero-width interval for constant items', () => {
    const result = bootstrap([3, 3, 3], mean, { resamples: 50, seed: 0 });
    expect(result).toEqual({ estimate: 3, standardError: 0, low: 3, high: 3, resamples: 50 });
  });

  it('resamples corpus BLEU from segment statistics', () => {
    const { hypotheses, references } = metricCases.bleu[2] ?? { hypotheses: [], references: [] };
    const stats = bleuStatistics(hypotheses, references);
    const result = bootstrap(stats, (sample) => bleuFromStatistics(sample).score, { resamples: 100, seed: 3 });
    expect(result.estimate).toBeCloseTo(metricCases.bleu[2]?.expected.score ?? Number.NaN, 10);
    expect(result.standardError).toBeGreaterThan(0);
    expect(result.low).toBeLessThanOrEqual(result.high);
  });

  it('rejects bad inputs', () => {
    expect(() => bootstrap([], mean, { resamples: 10, seed: 0 })).toThrow(/at least one item/);
    expect(() => bootstrap([1], mean, { resamples: 1, seed: 0 })).toThrow(/at least 2/);
    expect(() => bootstrap([1, 2], () => Number.NaN, { resamples: 10, seed: 0 })).toThrow(/metric returned NaN/);
  });
});

describe('pairedBootstrap', () => {
  const accuracy = (sample: readonly number[]): number => mean(sample);

  it('finds no difference between identical systems', () => {
    const scores = [1, 0, 1, 1, 0, 1, 0, 0, 1, 1];
    const result = pairedBootstrap(scores, scores, accuracy, { resamples: 300, seed: 11 });
    expect(result.difference).toBe(0);
    expect(result.standardError).toBe(0);
    expect(result.pValue).toBe(1);
  });

  it('finds a difference that every resample shows', () => {
    const better = Array.from({ length: 40 }, () => 1);
    const worse = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 1 : 0));
    const result = pairedBootstrap(better, worse, accuracy, { resamples: 500, seed: 5 });
    expect(result.difference).toBe(0.5);
    expect(result.pValue).toBeLessThan(0.01);
    expect(result.low).toBeGreaterThan(0);
  });

  it('uses the same indices for both systems', () => {
    // B is A plus a constant, so every resampled difference equals that constant.
    const a = [0.1, 0.7, 0.4, 0.9, 0.2];
    const b = a.map((value) => value + 0.25);
    const result = pairedBootstrap(a, b, accuracy, { resamples: 100, seed: 2 });
    expect(result.standardError).toBeLessThan(1e-12);
    expect(result.low).toBeCloseTo(-0.25, 12);
    expect(result.high).toBeCloseTo(-0.25, 12);
  });

  it('rejects systems with different item counts', () => {
    expect(() => pairedBootstrap([1], [1, 0], accuracy, { resamples: 10, seed: 0 })).toThrow(/1 items but itemsB has 2/);
  });
});
