import { describe, expect, it } from 'vitest';
import { computeExact, computeF1, evaluateSquadV2, normalizeAnswer, type SquadV2Question } from './squadV2';
import { expectClose, metricCases, type SquadCaseQuestion } from './testdata/metricCases';

function toQuestion(question: SquadCaseQuestion): SquadV2Question {
  const converted: SquadV2Question = {
    id: question.id,
    goldAnswers: question.gold_answers,
    prediction: question.prediction,
  };
  if (question.na_prob !== undefined) converted.naProb = question.na_prob;
  return converted;
}

describe('evaluateSquadV2', () => {
  for (const testCase of metricCases.squad_v2) {
    it(`matches the official script on ${testCase.name}`, () => {
      const result = evaluateSquadV2(testCase.questions.map(toQuestion), {
        naProbThresh: testCase.na_prob_thresh,
      });
      const { expected } = testCase;

      expect(result.perQuestion.length).toBe(expected.per_question.length);
      expected.per_question.forEach((want, i) => {
        const got = result.perQuestion[i];
        if (got === undefined) throw new Error(`question ${i} is missing`);
        expect(got.id).toBe(want.id);
        expect(got.hasAnswer).toBe(want.has_answer);
        expectClose(got.exact, want.exact, `${want.id} exact`);
        expectClose(got.f1, want.f1, `${want.id} f1`);
        expectClose(got.exactAfterThresh, want.exact_after_thresh, `${want.id} exact_after_thresh`);
        expectClose(got.f1AfterThresh, want.f1_after_thresh, `${want.id} f1_after_thresh`);
        expect(got.normalizedPrediction).toBe(want.normalized_prediction);
        expect(got.normalizedGoldAnswers).toEqual(want.normalized_gold_answers);
      });

      const aggregate: Record<string, number | undefined> = { ...result.aggregate };
      expect(Object.keys(aggregate)).toEqual(Object.keys(expected.aggregate));
      for (const [key, value] of Object.entries(expected.aggregate)) {
        if (key.endsWith('total')) expect(aggregate[key], key).toBe(value);
        else expectClose(aggregate[key] ?? Number.NaN, value, key);
      }
    });
  }

  it('rejects duplicate ids', () => {
    const question = { id: 'q', goldAnswers: ['x'], prediction: 'x' };
    expect(() => evaluateSquadV2([question, question])).toThrow(/duplicate question id q/);
  });

  it('rejects na_prob on only some questions', () => {
    const questions = [
      { id: 'q1', goldAnswers: ['x'], prediction: 'x', naProb: 0.5 },
      { id: 'q2', goldAnswers: ['y'], prediction: 'y' },
    ];
    expect(() => evaluateSquadV2(questions)).toThrow(/1 of 2 questions/);
  });

  it('rejects an empty question list', () => {
    expect(() => evaluateSquadV2([])).toThrow(RangeError);
  });

  it('sorts infinite na_prob values', () => {
    const result = evaluateSquadV2([
      { id: 'q1', goldAnswers: ['x'], prediction: 'x', naProb: Number.POSITIVE_INFINITY },
      { id: 'q2', goldAnswers: ['y'], prediction: 'y', naProb: Number.NEGATIVE_INFINITY },
    ]);
    // q1's +Infinity is above the threshold, so q1 counts as answered "no answer".
    expect(result.aggregate.exact).toBe(50);
    expect(result.aggregate.best_exact).toBe(100);
    expect(result.aggregate.best_exact_thresh).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('normalizeAnswer', () => {
  it('drops articles at non-ASCII word boundaries only', () => {
    // Python's \b treats é and 中 as word characters, so "thé" and "a中" keep their letters.
    expect(normalizeAnswer('the thé a中 an')).toBe('thé a中');
    // « is not a word character, so "the" between guillemets is a word and becomes a space.
    expect(normalizeAnswer('«the» end')).toBe('« » end');
  });

  it('keeps combining marks next to an article', () => {
    // U+0301 is a mark, not a word character for Python, so "a\u0301" loses its "a".
    expect(normalizeAnswer('a\u0301 b')).toBe('\u0301 b');
  });
});

describe('computeExact and computeF1', () => {
  it('score two empty answers as a match', () => {
    expect(computeExact('', 'the')).toBe(1);
    expect(computeF1('', 'a')).toBe(1);
    expect(computeF1('', 'x')).toBe(0);
  });
});
