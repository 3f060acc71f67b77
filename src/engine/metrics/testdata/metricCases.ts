/**
 * Typed access to `metric-cases.json`, the reference outputs that the metric tests compare against,
 * and the comparison rule for floats.
 */

import { expect } from 'vitest';
import raw from './metric-cases.json';

/** Options of a `bleu` case, with sacreBLEU's argument names. */
export interface BleuCaseOptions {
  tokenize: '13a' | 'zh';
  smooth_method: 'exp';
  lowercase: boolean;
  effective_order: boolean;
  max_ngram_order: number;
  trg_lang?: string;
  tokenize_given?: string | null;
}

/** Fields that sacreBLEU's `BLEUScore` reports for every BLEU case. */
export interface ExpectedBleuScore {
  score: number;
  counts: number[];
  totals: number[];
  precisions: number[];
  bp: number;
  sys_len: number;
  ref_len: number;
}

/** Expected output of a `bleu` case. */
export interface ExpectedCorpusBleu extends ExpectedBleuScore {
  ratio: number;
  signature: string;
  formatted: string;
  tokenized_hypotheses: string[];
  tokenized_references: string[][];
}

export interface BleuCase {
  name: string;
  note?: string;
  hypotheses: string[];
  references: string[][];
  options: BleuCaseOptions;
  expected: ExpectedCorpusBleu;
}

export interface StudyMeanBleuCase {
  name: string;
  note?: string;
  pairs: { hypothesis: string; reference: string }[];
  expected: {
    per_pair: (ExpectedBleuScore & { tokenized_hypothesis: string; tokenized_reference: string })[];
    per_pair_scores: number[];
    mean: number;
  };
}

export interface SentenceBleuCase {
  name: string;
  note?: string;
  hypothesis: string;
  references: string[];
  expected: ExpectedBleuScore & {
    ratio: number;
    signature: string;
    formatted: string;
    tokenized_hypothesis: string;
    tokenized_references: string[];
  };
}

export interface ChrfCase {
  name: string;
  note?: string;
  hypotheses: string[];
  references: string[][];
  expected: { score: number; stats: number[][]; signature: string; formatted: string };
}

export interface SquadCaseQuestion {
  id: string;
  question: string;
  gold_answers: string[];
  prediction: string;
  na_prob?: number;
}

export interface SquadCase {
  name: string;
  note?: string;
  questions: SquadCaseQuestion[];
  na_prob_thresh: number;
  expected: {
    per_question: {
      id: string;
      has_answer: boolean;
      exact: number;
      f1: number;
      exact_after_thresh: number;
      f1_after_thresh: number;
      normalized_prediction: string;
      normalized_gold_answers: string[];
    }[];
    aggregate: Record<string, number>;
  };
}

export interface McNemarCase {
  name: string;
  note?: string;
  correct_a: number[];
  correct_b: number[];
  expected: {
    n: number;
    both_correct: number;
    b: number;
    c: number;
    both_wrong: number;
    statistic: number;
    p_value: number;
    p_value_statsmodels: number;
  };
}

/** The whole file: one list of cases per metric. */
export interface MetricCases {
  generator: string;
  bleu: BleuCase[];
  bleu_study_mean: StudyMeanBleuCase[];
  sentence_bleu: SentenceBleuCase[];
  chrf: ChrfCase[];
  squad_v2: SquadCase[];
  mcnemar: McNemarCase[];
}

// The JSON module's inferred type is a union of literal shapes, which the interfaces above describe.
export const metricCases = raw as unknown as MetricCases;

/**
 * Asserts that `actual` is within the reference tolerance of `expected`: relative 1e-6, or
 * absolute 1e-12 where `expected` is exactly 0.
 */
export function expectClose(actual: number, expected: number, label: string): void {
  const tolerance = expected === 0 ? 1e-12 : 1e-6 * Math.abs(expected);
  const error = Math.abs(actual - expected);
  expect(error, `${label}: got ${actual}, expected ${expected}`).toBeLessThanOrEqual(tolerance);
}

/** Asserts `expectClose` element by element, after checking that the lengths agree. */
export function expectAllClose(actual: readonly number[], expected: readonly number[], label: string): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  expected.forEach((value, i) => expectClose(actual[i] ?? Number.NaN, value, `${label}[${i}]`));
}
