import { describe, expect, it } from 'vitest';
import {
  bonferroniThreshold,
  holmAdjust,
  majorityCorrect,
  minimumMcNemarP,
  pairedItemDifference,
  pairedTest,
  runScoreDifference,
  tooFewDiscordant,
  unpairedDifference,
} from './compare';

describe('McNemar on paired lists', () => {
  // Hand-computed binomial tails: p = 2 · Σ_{i ≤ min(b, c)} C(b + c, i) / 2^(b + c).
  const cases: ReadonlyArray<{ b: number; c: number; p: number; why: string }> = [
    { b: 1, c: 5, p: 0.21875, why: '2 · (1 + 6) / 64' },
    { b: 0, c: 6, p: 0.03125, why: '2 · 1 / 64' },
    { b: 2, c: 8, p: 0.109375, why: '2 · (1 + 10 + 45) / 1024' },
    { b: 3, c: 3, p: 1, why: 'the tail passes 1/2, so the p-value is capped at 1' },
    { b: 0, c: 5, p: 0.0625, why: '2 · 1 / 32' },
  ];
  for (const { b, c, p, why } of cases) {
    it(`gives ${p} for b=${b}, c=${c} (${why})`, () => {
      // Two items both right and one both wrong around the discordant ones.
      const a = [1, 1, 0, ...Array<number>(b).fill(1), ...Array<number>(c).fill(0)];
      const other = [1, 1, 0, ...Array<number>(b).fill(0), ...Array<number>(c).fill(1)];
      const test = pairedTest(a, other);
      expect(test.b).toBe(b);
      expect(test.c).toBe(c);
      expect(test.bothCorrect).toBe(2);
      expect(test.bothWrong).toBe(1);
      expect(test.discordant).toBe(b + c);
      expect(test.pValue).toBeCloseTo(p, 15);
    });
  }

  it('flags fewer than 6 discordant items', () => {
    expect(tooFewDiscordant(5)).toBe(true);
    expect(tooFewDiscordant(6)).toBe(false);
    expect(pairedTest([1, 1, 1, 1, 1], [0, 0, 0, 0, 0]).tooFew).toBe(true);
  });

  it('gives the smallest reachable p-value', () => {
    expect(minimumMcNemarP(0)).toBe(1);
    expect(minimumMcNemarP(1)).toBe(1);
    expect(minimumMcNemarP(5)).toBe(0.0625);
    expect(minimumMcNemarP(6)).toBe(0.03125);
  });
});

describe('Holm adjustment', () => {
  it('matches the textbook example of four p-values', () => {
    // Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, max(0.06, 0.04·1) = 0.06.
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    expect(adjusted[0]).toBeCloseTo(0.03, 12);
    expect(adjusted[1]).toBeCloseTo(0.06, 12);
    expect(adjusted[2]).toBeCloseTo(0.06, 12);
    expect(adjusted[3]).toBeCloseTo(0.02, 12);
  });

  it('caps adjusted values at 1', () => {
    expect(holmAdjust([0.5, 0.6, 0.9])).toEqual([1, 1, 1]);
  });

  it('keeps ties in input order', () => {
    expect(holmAdjust([0.02, 0.02])).toEqual([0.04, 0.04]);
  });

  it('returns nothing for no tests', () => {
    expect(holmAdjust([])).toEqual([]);
  });

  it('rejects a p-value above 1', () => {
    expect(() => holmAdjust([0.1, 1.5])).toThrow(/p-value 1 is 1.5/);
  });

  it('divides alpha for Bonferroni', () => {
    expect(bonferroniThreshold(57)).toBeCloseTo(0.05 / 57, 15);
    expect(bonferroniThreshold(0)).toBe(0.05);
  });
});

describe('paired item difference', () => {
  it('matches a five-item example computed by hand', () => {
    // d = [1, 0, 0, 1, −1]; mean 0.2; Σ(d − 0.2)² = 0.64 + 0.04 + 0.04 + 0.64 + 1.44 = 2.8;
    // s² = 2.8 / 4 = 0.7; half-width = 1.96 · √0.7 / √5 = 0.7333649...
    const result = pairedItemDifference([1, 1, 0, 1, 0], [0, 1, 0, 0, 1]);
    expect(result.value).toBeCloseTo(20, 12);
    expect(result.ci95).toBeCloseTo(100 * 1.96 * Math.sqrt(0.7 / 5), 10);
    expect(result.ci95).toBeCloseTo(73.33649, 4);
    expect(result.low).toBeCloseTo(20 - 73.33649, 4);
    expect(result.method).toBe('paired-items');
  });

  it('has a zero-width interval when the models agree on every item', () => {
    const result = pairedItemDifference([1, 0, 1], [1, 0, 1]);
    expect(result.value).toBe(0);
    expect(result.ci95).toBe(0);
  });

  it('rejects lists of different lengths', () => {
    expect(() => pairedItemDifference([1, 0], [1])).toThrow(/2 items but model B has 1/);
  });

  it('rejects a count above 1', () => {
    expect(() => pairedItemDifference([2], [1])).toThrow(/item 0 has scores 2 and 1/);
  });
});

describe('run-score difference', () => {
  it('adds the two study intervals in quadrature', () => {
    // A: runs 40, 50 → mean 45, population σ 5, ci 1.96·5/√2. B: 30, 30 → mean 30, σ 0.
    const result = runScoreDifference([40, 50], [30, 30]);
    expect(result.value).toBe(15);
    expect(result.ci95).toBeCloseTo((1.96 * 5) / Math.SQRT2, 12);
    expect(result.method).toBe('runs');
  });

  it('rejects a model without runs', () => {
    expect(() => runScoreDifference([], [1])).toThrow(/at least one run/);
  });
});

describe('majority over runs', () => {
  it('counts an item right in more than half of the runs', () => {
    expect(majorityCorrect([0, 1, 2, 3], 3)).toEqual([0, 0, 1, 1]);
  });

  it('counts a tie as wrong', () => {
    expect(majorityCorrect([2, 3], 4)).toEqual([0, 1]);
  });
});

describe('unpaired difference', () => {
  it('combines the figures\' half-widths', () => {
    const result = unpairedDifference({ value: 60, ci95: 3 }, { value: 50, ci95: 4 });
    expect(result.value).toBe(10);
    expect(result.ci95).toBe(5);
    expect(result.method).toBe('unpaired');
  });
});
