import { describe, expect, it } from 'vitest';
import { formatFixed } from './pyFormat';

describe('formatFixed', () => {
  it('rounds exact ties half to even like Python', () => {
    // Python: format(0.125, '.2f') == '0.12', format(0.375, '.2f') == '0.38'
    expect(formatFixed(0.125, 2)).toBe('0.12');
    expect(formatFixed(0.375, 2)).toBe('0.38');
    expect(formatFixed(12.125, 2)).toBe('12.12');
    expect(formatFixed(2.5, 0)).toBe('2');
    expect(formatFixed(3.5, 0)).toBe('4');
    expect(formatFixed(-0.125, 2)).toBe('-0.12');
  });

  it('rounds non-ties by the exact binary value', () => {
    // 1.005 is stored as 1.00499999999999989..., so both Python and toFixed give 1.00.
    expect(formatFixed(1.005, 2)).toBe('1.00');
    // 0.135 is stored as 0.13500000000000000888..., so it rounds up.
    expect(formatFixed(0.135, 2)).toBe('0.14');
    expect(formatFixed(22.29, 2)).toBe('22.29');
    expect(formatFixed(100, 2)).toBe('100.00');
  });

  it('keeps the sign of negative values that round to zero', () => {
    // Python: format(-0.001, '.2f') == '-0.00'
    expect(formatFixed(-0.001, 2)).toBe('-0.00');
    expect(formatFixed(0, 2)).toBe('0.00');
  });

  it('prints non-finite values as Python does', () => {
    expect(formatFixed(Number.NaN, 2)).toBe('nan');
    expect(formatFixed(Number.POSITIVE_INFINITY, 2)).toBe('inf');
  });

  it('rejects digits outside 0..20', () => {
    expect(() => formatFixed(1, 21)).toThrow(RangeError);
  });
});
