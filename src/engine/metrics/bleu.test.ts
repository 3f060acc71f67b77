import { describe, expect, it } from 'vitest';
import {
  bleuFromStatistics,
  bleuSignature,
  bleuStatistics,
  corpusBleu,
  formatBleu,
  preprocessForBleu,
  resolveBleuOptions,
  sentenceBleu,
  studyMeanBleu,
  STUDY_BLEU_OPTIONS,
  type BleuOptions,
  type BleuScore,
} from './bleu';
import {
  expectAllClose,
  expectClose,
  metricCases,
  type BleuCaseOptions,
  type ExpectedBleuScore,
} from './testdata/metricCases';

/** Maps a case's sacreBLEU arguments to ours. A case whose `tokenize_given` is null chose its tokenizer by language. */
function toBleuOptions(options: BleuCaseOptions): BleuOptions {
  const chosenByLanguage = options.trg_lang !== undefined && options.tokenize_given === null;
  return {
    ...(chosenByLanguage ? { trgLang: options.trg_lang } : { tokenize: options.tokenize }),
    smoothMethod: options.smooth_method,
    lowercase: options.lowercase,
    effectiveOrder: options.effective_order,
  };
}

function expectScore(actual: BleuScore, expected: ExpectedBleuScore): void {
  expectClose(actual.score, expected.score, 'score');
  expect(actual.counts).toEqual(expected.counts);
  expect(actual.totals).toEqual(expected.totals);
  expectAllClose(actual.precisions, expected.precisions, 'precisions');
  expectClose(actual.bp, expected.bp, 'bp');
  expect(actual.sysLen).toBe(expected.sys_len);
  expect(actual.refLen).toBe(expected.ref_len);
}

describe('corpusBleu', () => {
  for (const testCase of metricCases.bleu) {
    it(`matches sacreBLEU on ${testCase.name}`, () => {
      const options = toBleuOptions(testCase.options);
      const result = corpusBleu(testCase.hypotheses, testCase.references, options);
      const { expected } = testCase;

      expectScore(result, expected);
      expectClose(result.ratio, expected.ratio, 'ratio');
      expect(result.signature).toBe(expected.signature);
      expect(formatBleu(result)).toBe(expected.formatted);

      const resolved = resolveBleuOptions(options);
      expect(testCase.hypotheses.map((text) => preprocessForBleu(text, resolved))).toEqual(
        expected.tokenized_hypotheses,
      );
      expect(
        testCase.references.map((stream) => stream.map((text) => preprocessForBleu(text, resolved))),
      ).toEqual(expected.tokenized_references);
    });
  }

  it('pools n-gram counts across segments', () => {
    const hypotheses = ['a b c d e', 'f g h i j'];
    const references = [['a b c d x', 'f g h i j']];
    const pooled = corpusBleu(hypotheses, references);
    const first = corpusBleu(hypotheses.slice(0, 1), [references[0]?.slice(0, 1) ?? []]);
    expect(pooled.counts).toEqual([9, 7, 5, 3]);
    expect(pooled.totals).toEqual([10, 8, 6, 4]);
    expect(pooled.score).not.toBeCloseTo(first.score, 3);
  });

  it('rejects reference streams of another length', () => {
    expect(() => corpusBleu(['a', 'b'], [['a']])).toThrow(/references\[0\] has 1 segments but there are 2/);
    expect(() => corpusBleu(['a'], [])).toThrow(RangeError);
  });

  it('rejects languages that need MeCab', () => {
    expect(() => corpusBleu(['a'], [['a']], { trgLang: 'ja' })).toThrow(/MeCab/);
    expect(corpusBleu(['a'], [['a']], { trgLang: 'ja', tokenize: '13a' }).signature).toContain('tok:13a');
  });

  it('scores an empty corpus as 0', () => {
    const result = corpusBleu([], [[]]);
    expect(result.score).toBe(0);
    expect(result.ratio).toBe(0);
    expect(result.bp).toBe(1);
  });

  it('agrees with statistics summed by the caller', () => {
    const { hypotheses, references } = metricCases.bleu[1] ?? { hypotheses: [], references: [] };
    const stats = bleuStatistics(hypotheses, references);
    expect(bleuFromStatistics(stats).score).toBe(corpusBleu(hypotheses, references).score);
  });
});

describe('BLEU smoothing', () => {
  // Hypothesis "a b c d" against reference "a b x d": 3/4 unigrams, 1/3 bigrams, no 3- or 4-grams.
  const hypothesis = ['a b c d'];
  const references = [['a b x d']];

  it('halves exp smoothing for each order without matches', () => {
    const result = corpusBleu(hypothesis, references, { smoothMethod: 'exp' });
    expectAllClose(result.precisions, [75, 100 / 3, 100 / (2 * 2), 100 / (4 * 1)], 'precisions');
  });

  it('applies floor smoothing to orders without matches', () => {
    const result = corpusBleu(hypothesis, references, { smoothMethod: 'floor' });
    expectAllClose(result.precisions, [75, 100 / 3, (100 * 0.1) / 2, (100 * 0.1) / 1], 'precisions');
    expect(result.signature).toContain('smooth:floor[0.10]');
  });

  it('adds k to every order above 1', () => {
    const result = corpusBleu(hypothesis, references, { smoothMethod: 'add-k', smoothValue: 1 });
    expect(result.counts).toEqual([3, 2, 1, 1]);
    expect(result.totals).toEqual([4, 4, 3, 2]);
    expect(result.signature).toContain('smooth:add-k[1.00]');
  });

  it('scores 0 without smoothing when an order has no match', () => {
    const result = corpusBleu(hypothesis, references, { smoothMethod: 'none' });
    expect(result.precisions).toEqual([75, 100 / 3, 0, 0]);
    expect(result.score).toBe(0);
  });
});

describe('bleuSignature', () => {
  it('marks lower-casing and effective order', () => {
    expect(bleuSignature({ lowercase: true, effectiveOrder: true }, 2)).toBe(
      'nrefs:2|case:lc|eff:yes|tok:13a|smooth:exp|version:2.6.0',
    );
  });
});

describe('sentenceBleu', () => {
  for (const testCase of metricCases.sentence_bleu) {
    it(`matches sacreBLEU on ${testCase.name}`, () => {
      const result = sentenceBleu(testCase.hypothesis, testCase.references);
      const { expected } = testCase;

      expectScore(result, expected);
      expectClose(result.ratio, expected.ratio, 'ratio');
      expect(result.signature).toBe(expected.signature);
      expect(formatBleu(result)).toBe(expected.formatted);

      const resolved = resolveBleuOptions({ effectiveOrder: true });
      expect(preprocessForBleu(testCase.hypothesis, resolved)).toBe(expected.tokenized_hypothesis);
      expect(testCase.references.map((text) => preprocessForBleu(text, resolved))).toEqual(
        expected.tokenized_references,
      );
    });
  }

  it('lets the caller turn effective order off', () => {
    const result = sentenceBleu('Thank you', ['Thank you very much'], { effectiveOrder: false });
    expect(result.score).toBe(0);
    expect(result.signature).toContain('eff:no');
  });
});

describe('studyMeanBleu', () => {
  for (const testCase of metricCases.bleu_study_mean) {
    it(`matches the study's figure on ${testCase.name}`, () => {
      const result = studyMeanBleu(testCase.pairs);
      const { expected } = testCase;

      expectClose(result.mean, expected.mean, 'mean');
      expectAllClose(
        result.perPair.map((pair) => pair.score),
        expected.per_pair_scores,
        'per_pair_scores',
      );
      expect(result.perPair.length).toBe(expected.per_pair.length);

      const resolved = resolveBleuOptions(STUDY_BLEU_OPTIONS);
      expected.per_pair.forEach((expectedPair, i) => {
        const pair = testCase.pairs[i];
        const actual = result.perPair[i];
        if (pair === undefined || actual === undefined) throw new Error(`pair ${i} is missing`);
        expectScore(actual, expectedPair);
        expect(preprocessForBleu(pair.hypothesis.toUpperCase(), resolved)).toBe(expectedPair.tokenized_hypothesis);
        expect(preprocessForBleu(pair.reference.toUpperCase(), resolved)).toBe(expectedPair.tokenized_reference);
      });
    });
  }

  it('maps sharp s to SS when upper-casing', () => {
    const result = studyMeanBleu([{ hypothesis: 'die große straße ist lang', reference: 'DIE GROSSE STRASSE IST LANG' }]);
    expectClose(result.mean, 100, 'mean');
  });

  it('rejects an empty list of pairs', () => {
    expect(() => studyMeanBleu([])).toThrow(RangeError);
  });
});
