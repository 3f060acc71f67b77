/**
 * The official SQuAD v2.0 evaluation script (evaluate-v2.0.py): answer normalization, exact match,
 * token F1, the no-answer threshold and the best-threshold search.
 */

import { pythonSplit } from '../text';

/** ASCII punctuation, Python's `string.punctuation`. Other punctuation such as curly quotes stays. */
const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

/**
 * The words a, an and the, delimited as Python's Unicode `\b` delimits them: a word character is
 * a letter, a number or `_`. JavaScript's `\b` treats only ASCII letters, digits and `_` as word characters.
 */
const ARTICLES = /(?<![\p{L}\p{N}_])(?:a|an|the)(?![\p{L}\p{N}_])/gu;

/** The script's default `--na-prob-thresh`. */
export const DEFAULT_NA_PROB_THRESH = 1.0;

/**
 * Normalizes an answer as the script's `normalize_answer`: lower-case, delete ASCII punctuation
 * (without inserting a space), replace the words a/an/the by a space, collapse white space.
 */
export function normalizeAnswer(text: string): string {
  const lower = text.toLowerCase();
  const withoutPunctuation = lower.replace(PUNCTUATION, '');
  const withoutArticles = withoutPunctuation.replace(ARTICLES, ' ');
  return pythonSplit(withoutArticles).join(' ');
}

/** Returns 1 when the two answers normalize to the same string, else 0. */
export function computeExact(gold: string, prediction: string): 0 | 1 {
  return normalizeAnswer(gold) === normalizeAnswer(prediction) ? 1 : 0;
}

/**
 * Computes token F1 between the bags of normalized tokens, from 0 to 1. When either side has no
 * tokens, F1 is 1 if both have none and 0 otherwise.
 */
export function computeF1(gold: string, prediction: string): number {
  const goldTokens = pythonSplit(normalizeAnswer(gold));
  const predictionTokens = pythonSplit(normalizeAnswer(prediction));
  if (goldTokens.length === 0 || predictionTokens.length === 0) {
    return goldTokens.length === predictionTokens.length ? 1 : 0;
  }

  const goldCounts = new Map<string, number>();
  for (const token of goldTokens) goldCounts.set(token, (goldCounts.get(token) ?? 0) + 1);
  let common = 0;
  for (const token of predictionTokens) {
    const left = goldCounts.get(token) ?? 0;
    if (left > 0) {
      common += 1;
      goldCounts.set(token, left - 1);
    }
  }
  if (common === 0) return 0;

  const precision = (1.0 * common) / predictionTokens.length;
  const recall = (1.0 * common) / goldTokens.length;
  return (2 * precision * recall) / (precision + recall);
}

/** One question with the model's answer. */
export interface SquadV2Question {
  /** Question id, unique within one evaluation. */
  id: string;
  /** Gold answer texts. An empty list marks an unanswerable question. */
  goldAnswers: readonly string[];
  /** Predicted answer. The empty string predicts "no answer". */
  prediction: string;
  /** The model's no-answer score: any real number, higher meaning "no answer" is likelier. */
  naProb?: number;
}

/** Scores of one question, before and after the no-answer threshold. */
export interface SquadV2QuestionScore {
  id: string;
  hasAnswer: boolean;
  /** Best exact match over the gold answers, before the threshold. */
  exact: number;
  /** Best F1 over the gold answers, from 0 to 1, before the threshold. */
  f1: number;
  exactAfterThresh: number;
  f1AfterThresh: number;
  normalizedPrediction: string;
  /** The gold answers that normalize to a non-empty string, normalized, or `[""]` if none does. */
  normalizedGoldAnswers: string[];
}

/**
 * The script's output, with its keys in its order. Scores are percentages and totals count
 * questions. `HasAns_*` appears only if some question is answerable, `NoAns_*` only if some is not,
 * and `best_*` only when no-answer scores are given.
 */
export interface SquadV2Aggregate {
  exact: number;
  f1: number;
  total: number;
  HasAns_exact?: number;
  HasAns_f1?: number;
  HasAns_total?: number;
  NoAns_exact?: number;
  NoAns_f1?: number;
  NoAns_total?: number;
  best_exact?: number;
  best_exact_thresh?: number;
  best_f1?: number;
  best_f1_thresh?: number;
}

/** Per-question scores and the aggregate of one evaluation. */
export interface SquadV2Evaluation {
  perQuestion: SquadV2QuestionScore[];
  aggregate: SquadV2Aggregate;
}

/** Options of the evaluation. */
export interface SquadV2Options {
  /** A question whose `naProb` is strictly above this counts as answered "no answer". Default 1.0. */
  naProbThresh?: number;
}

/**
 * Validates the questions and returns whether they carry `naProb`. Throws a RangeError on an empty
 * list, a duplicate id, `naProb` on some questions but not all, or a NaN `naProb`.
 */
function checkQuestions(questions: readonly SquadV2Question[]): boolean {
  if (questions.length === 0) throw new RangeError('SQuAD v2 evaluation needs at least one question');
  const ids = new Set<string>();
  for (const question of questions) {
    if (ids.has(question.id)) throw new RangeError(`duplicate question id ${question.id}`);
    ids.add(question.id);
    if (Number.isNaN(question.naProb)) throw new RangeError(`naProb of question ${question.id} is NaN`);
  }
  const withNaProb = questions.filter((question) => question.naProb !== undefined).length;
  if (withNaProb !== 0 && withNaProb !== questions.length) {
    throw new RangeError(
      `naProb is given for ${withNaProb} of ${questions.length} questions: give it for all or none`,
    );
  }
  return withNaProb > 0;
}

function scoreQuestion(question: SquadV2Question, naProbThresh: number): SquadV2QuestionScore {
  const hasAnswer = question.goldAnswers.length > 0;
  const golds = question.goldAnswers.filter((gold) => normalizeAnswer(gold) !== '');
  // An unanswerable question, or one whose golds all normalize to nothing, has "" as its only gold.
  const effectiveGolds = golds.length > 0 ? golds : [''];
  const exact = Math.max(...effectiveGolds.map((gold) => computeExact(gold, question.prediction)));
  const f1 = Math.max(...effectiveGolds.map((gold) => computeF1(gold, question.prediction)));

  const predictsNoAnswer = (question.naProb ?? 0) > naProbThresh;
  const forced = hasAnswer ? 0 : 1;
  return {
    id: question.id,
    hasAnswer,
    exact,
    f1,
    exactAfterThresh: predictsNoAnswer ? forced : exact,
    f1AfterThresh: predictsNoAnswer ? forced : f1,
    normalizedPrediction: normalizeAnswer(question.prediction),
    normalizedGoldAnswers: effectiveGolds.map(normalizeAnswer),
  };
}

/** Percent exact and F1 over `scores` after the threshold, summed in question order. */
function summarize(scores: readonly SquadV2QuestionScore[]): { exact: number; f1: number; total: number } {
  let exactSum = 0;
  let f1Sum = 0;
  for (const score of scores) {
    exactSum += score.exactAfterThresh;
    f1Sum += score.f1AfterThresh;
  }
  const total = scores.length;
  return { exact: (100.0 * exactSum) / total, f1: (100.0 * f1Sum) / total, total };
}

/** Orders numbers ascending. Unlike subtraction, it returns a tie for two equal infinities. */
function compareNumbers(left: number, right: number): number {
  if (left < right) return -1;
  if (left > right) return 1;
  return 0;
}

/**
 * Finds the no-answer threshold that maximizes the score, as the script's `find_best_thresh`.
 * It starts from answering "no answer" everywhere (threshold 0.0) and walks the questions by
 * ascending `naProb`, ties in question order. It uses the raw scores, and on an unanswerable
 * question any non-empty prediction costs one point.
 */
function findBestThreshold(
  questions: readonly SquadV2Question[],
  scores: readonly SquadV2QuestionScore[],
  rawScore: (score: SquadV2QuestionScore) => number,
): { best: number; thresh: number } {
  let current = scores.filter((score) => !score.hasAnswer).length;
  let best = current;
  let thresh = 0.0;
  const order = questions.map((question, index) => ({ naProb: question.naProb ?? 0, index }));
  // Array.prototype.sort is stable, as Python's sorted is, so ties keep question order.
  order.sort((left, right) => compareNumbers(left.naProb, right.naProb));

  for (const { naProb, index } of order) {
    const score = scores[index];
    const question = questions[index];
    if (score === undefined || question === undefined) continue;
    if (score.hasAnswer) current += rawScore(score);
    else current += question.prediction !== '' ? -1 : 0;
    if (current > best) {
      best = current;
      thresh = naProb;
    }
  }
  return { best: (100.0 * best) / scores.length, thresh };
}

/**
 * Evaluates predictions as the official SQuAD v2.0 script does, with `naProb` as its no-answer
 * probability file. Throws a RangeError on invalid questions (see `SquadV2Question`) or a NaN threshold.
 */
export function evaluateSquadV2(
  questions: readonly SquadV2Question[],
  options: SquadV2Options = {},
): SquadV2Evaluation {
  const hasNaProbs = checkQuestions(questions);
  const naProbThresh = options.naProbThresh ?? DEFAULT_NA_PROB_THRESH;
  if (Number.isNaN(naProbThresh)) throw new RangeError('naProbThresh is NaN: pass a number or leave it out');
  const perQuestion = questions.map((question) => scoreQuestion(question, naProbThresh));

  return { perQuestion, aggregate: aggregateSquadV2(questions, perQuestion, hasNaProbs) };
}

/**
 * The official script's aggregate of scored questions: `questions[i]` and `perQuestion[i]` belong to
 * one question. Ids need not be unique, so a bootstrap can pass a resample with repeated questions.
 * `withBest` adds best_exact and best_f1 from the questions' `naProb`.
 */
export function aggregateSquadV2(
  questions: readonly SquadV2Question[],
  perQuestion: readonly SquadV2QuestionScore[],
  withBest: boolean,
): SquadV2Aggregate {
  const aggregate: SquadV2Aggregate = summarize(perQuestion);
  const answerable = perQuestion.filter((score) => score.hasAnswer);
  const unanswerable = perQuestion.filter((score) => !score.hasAnswer);
  if (answerable.length > 0) {
    const split = summarize(answerable);
    aggregate.HasAns_exact = split.exact;
    aggregate.HasAns_f1 = split.f1;
    aggregate.HasAns_total = split.total;
  }
  if (unanswerable.length > 0) {
    const split = summarize(unanswerable);
    aggregate.NoAns_exact = split.exact;
    aggregate.NoAns_f1 = split.f1;
    aggregate.NoAns_total = split.total;
  }
  if (withBest) {
    const bestExact = findBestThreshold(questions, perQuestion, (score) => score.exact);
    const bestF1 = findBestThreshold(questions, perQuestion, (score) => score.f1);
    aggregate.best_exact = bestExact.best;
    aggregate.best_exact_thresh = bestExact.thresh;
    aggregate.best_f1 = bestF1.best;
    aggregate.best_f1_thresh = bestF1.thresh;
  }
  return aggregate;
}
