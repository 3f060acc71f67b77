import { describe, expect, it } from 'vitest';
import { harnessFigures, mean, pooledStderr, populationStd, sampleStd, studyFigures, weightedMean } from './stats';

describe('study statistics', () => {
  it('divides σ by n and ci95 by √runs', () => {
    const figures = studyFigures([10, 20, 30]);
    expect(figures.mean).toBe(20);
    expect(figures.std).toBeCloseTo(Math.sqrt(200 / 3), 12);
    expect(figures.ci95).toBeCloseTo((1.96 * Math.sqrt(200 / 3)) / Math.sqrt(3), 12);
  });

  it('gives σ 0 for identical runs', () => {
    expect(populationStd([5, 5, 5])).toBe(0);
  });
});

describe('harness statistics', () => {
  it('uses the sample σ over √items as the standard error', () => {
    const figures = harnessFigures([100, 0, 100, 100]);
    expect(figures.mean).toBe(75);
    expect(figures.std).toBeCloseTo(50, 12);
    expect(figures.stderr).toBeCloseTo(25, 12);
    expect(figures.ci95).toBeCloseTo(49, 12);
  });

  it('gives a single item a standard error of 0', () => {
    expect(sampleStd([1])).toBe(0);
  });

  it('pools subgroup standard errors as lm-evaluation-harness does', () => {
    // Groups of sizes 4 and 6 with stderrs 0.25 and 0.2: Σ(n-1)·n·se² = 3·4·0.0625 + 5·6·0.04 = 1.95;
    // divided by (10 - 2) and by 10, then the square root.
    expect(pooledStderr([0.25, 0.2], [4, 6])).toBeCloseTo(Math.sqrt(1.95 / 8 / 10), 15);
  });

  it('rejects pooling without spare degrees of freedom', () => {
    expect(() => pooledStderr([0, 0], [1, 1])).toThrow(RangeError);
  });

  it('weights subgroup means by their sizes', () => {
    expect(weightedMean([50, 100], [1, 3])).toBe(87.5);
    expect(mean([1, 2, 3, 4])).toBe(2.5);
  });
});
