import { describe, expect, it } from 'vitest';
import { mcnemarExact, mcnemarExactPValue } from './mcnemar';
import { expectClose, metricCases } from './testdata/metricCases';

describe('mcnemarExact', () => {
  for (const testCase of metricCases.mcnemar) {
    it(`matches the exact test on ${testCase.name}`, () => {
      const result = mcnemarExact(testCase.correct_a, testCase.correct_b);
      const { expected } = testCase;

      expect(result.n).toBe(expected.n);
      expect(result.bothCorrect).toBe(expected.both_correct);
      expect(result.b).toBe(expected.b);
      expect(result.c).toBe(expected.c);
      expect(result.bothWrong).toBe(expected.both_wrong);
      expect(result.statistic).toBe(expected.statistic);
      expectClose(result.pValue, expected.p_value, 'p_value');
      expectClose(result.pValue, expected.p_value_statsmodels, 'p_value_statsmodels');
    });
  }

  it('accepts booleans', () => {
    const result = mcnemarExact([true, true, false, false], [true, false, true, false]);
    expect([result.bothCorrect, result.b, result.c, result.bothWrong]).toEqual([1, 1, 1, 1]);
  });

  it('rejects vectors of different lengths', () => {
    expect(() => mcnemarExact([1, 0], [1])).toThrow(/2 items but correctB has 1/);
  });

  it('rejects values other than 0 and 1', () => {
    expect(() => mcnemarExact([1, 2], [1, 0])).toThrow(/correctA\[1\] must be 0, 1, true or false, got 2/);
  });
});

describe('mcnemarExactPValue', () => {
  // Reference values: 2 * sum(C(b + c, i) for i <= min(b, c)) / 2^(b + c) as an exact fraction,
  // rounded once to a double (Python's float(Fraction)).
  const references: ReadonlyArray<readonly [number, number, number]> = [
    [0, 100, 1.5777218104420236e-30],
    [1, 200, 1.2570490861279506e-58],
    [30, 400, 1.0530385491952926e-83],
    [500, 1500, 1.474397522976895e-115],
    [10, 900, 2.386026047926643e-251],
    [900, 12, 3.7629571216340766e-248],
    [5000, 5400, 9.116949314540886e-5],
    [4000, 4100, 0.2713310871439329],
  ];
  for (const [b, c, expected] of references) {
    it(`keeps full precision for b=${b}, c=${c}`, () => {
      expectClose(mcnemarExactPValue(b, c), expected, `p(${b}, ${c})`);
    });
  }

  it('returns the exact double for a single-term tail', () => {
    expect(mcnemarExactPValue(0, 100)).toBe(2 ** -99);
    expect(mcnemarExactPValue(1, 200)).toBe(404 * 2 ** -201);
  });

  it('underflows to 0 only below the double range', () => {
    expect(mcnemarExactPValue(3, 2000)).toBe(0);
  });

  it('caps the p-value at 1', () => {
    expect(mcnemarExactPValue(7, 7)).toBe(1);
    expect(mcnemarExactPValue(0, 0)).toBe(1);
  });

  it('rejects negative or fractional counts', () => {
    expect(() => mcnemarExactPValue(-1, 3)).toThrow(RangeError);
    expect(() => mcnemarExactPValue(1.5, 3)).toThrow(RangeError);
  });
});
