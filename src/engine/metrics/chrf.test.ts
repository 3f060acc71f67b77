import { describe, expect, it } from 'vitest';
import { chrfFromStatistics, chrfSignature, chrfStatistics, corpusChrf, formatChrf } from './chrf';
import { expectClose, metricCases } from './testdata/metricCases';

describe('corpusChrf', () => {
  for (const testCase of metricCases.chrf) {
    it(`matches sacreBLEU on ${testCase.name}`, () => {
      const result = corpusChrf(testCase.hypotheses, testCase.references);
      const { expected } = testCase;

      expectClose(result.score, expected.score, 'score');
      expect(result.stats).toEqual(expected.stats);
      expect(result.signature).toBe(expected.signature);
      expect(formatChrf(result)).toBe(expected.formatted);
    });
  }

  it('counts code points, not UTF-16 units', () => {
    const result = corpusChrf(['😀a'], [['😀a']], { charOrder: 2 });
    expect(result.stats).toEqual([
      [2, 2, 2],
      [1, 1, 1],
    ]);
  });

  it('keeps white space when asked', () => {
    const result = corpusChrf(['a b'], [['a b']], { charOrder: 1, whitespace: true });
    expect(result.stats).toEqual([[3, 3, 3]]);
    expect(result.signature).toContain('space:yes');
  });

  it('rejects reference streams of another length', () => {
    expect(() => corpusChrf(['a', 'b'], [['a']])).toThrow(/references\[0\] has 1 segments/);
  });

  it('rejects invalid orders and beta', () => {
    expect(() => corpusChrf(['a'], [['a']], { charOrder: 0 })).toThrow(RangeError);
    expect(() => corpusChrf(['a'], [['a']], { charOrder: 2.5 })).toThrow(RangeError);
    expect(() => corpusChrf(['a'], [['a']], { beta: 0 })).toThrow(RangeError);
  });

  it('agrees with statistics summed by the caller', () => {
    const { hypotheses, references } = metricCases.chrf[0] ?? { hypotheses: [], references: [] };
    const segments = chrfStatistics(hypotheses, references);
    expect(chrfFromStatistics(segments).score).toBe(corpusChrf(hypotheses, references).score);
  });
});

describe('chrF++ word n-grams', () => {
  it('split one punctuation character off a word', () => {
    // Characters without spaces: "ab." against "ab". Words: "a", "b", "." against "a", "b".
    const options = { charOrder: 2, wordOrder: 1 };
    const result = corpusChrf(['a b.'], [['a b']], options);
    expect(result.stats).toEqual([
      [3, 2, 2],
      [2, 1, 1],
      [3, 2, 2],
    ]);
    const precision = (2 / 3 + 1 / 2 + 2 / 3) / 3;
    const recall = 1;
    expectClose(result.score, 100 * ((5 * precision * recall) / (4 * precision + recall)), 'score');
    expect(formatChrf(result, options)).toMatch(/^chrF2\+ = /);
    expect(chrfSignature(options, 1)).toBe('nrefs:1|case:mixed|eff:yes|nc:2|nw:1|space:no|version:2.6.0');
  });

  it('split only the last punctuation of a bracketed word', () => {
    const result = corpusChrf(['(hi)'], [['( hi )']], { charOrder: 1, wordOrder: 1 });
    // Hypothesis words are "(hi" and ")", reference words "(", "hi" and ")". Only ")" matches.
    expect(result.stats).toEqual([
      [4, 4, 4],
      [2, 3, 1],
    ]);
  });
});

describe('chrF eps smoothing', () => {
  it('averages per-order F-scores', () => {
    // "ab" against "abc": order 1 has P = 1, R = 2/3, order 2 has P = 1, R = 1/2.
    const smoothed = corpusChrf(['ab'], [['abc']], { charOrder: 2, epsSmoothing: true });
    const f1 = (5 * (2 / 3)) / (4 + 2 / 3);
    const f2 = (5 * (1 / 2)) / (4 + 1 / 2);
    expectClose(smoothed.score, (100 * (f1 + f2)) / 2, 'smoothed score');
    expect(smoothed.signature).toContain('eff:no');

    const averaged = corpusChrf(['ab'], [['abc']], { charOrder: 2 });
    const recall = (2 / 3 + 1 / 2) / 2;
    expectClose(averaged.score, 100 * ((5 * recall) / (4 + recall)), 'default score');
  });
});
