/**
 * chrF and chrF++ as sacreBLEU 2.6.0 computes them. Scores are on a 0 to 100 scale.
 */

import { formatFixed } from '../../util/pyFormat';
import { SACREBLEU_VERSION } from './bleu';
import { codePoints, pythonSplit } from '../text';

/**
 * Options of chrF, with sacreBLEU's names and defaults.
 * NOTE: only the defaults are checked against sacreBLEU's output. Word n-grams (chrF++) and
 * `epsSmoothing` follow its code and are checked by hand-computed tests only.
 */
export interface ChrfOptions {
  /** Highest character n-gram order. Default 6. */
  charOrder?: number;
  /** Highest word n-gram order. Default 0, and 2 gives chrF++. */
  wordOrder?: number;
  /** Weight of recall against precision. Default 2. */
  beta?: number;
  /** Lower-case both sides first. Default false. */
  lowercase?: boolean;
  /** Keep white space inside character n-grams. Default false: white space is removed. */
  whitespace?: boolean;
  /** Average smoothed per-order F-scores instead of the averaged precision and recall. Default false. */
  epsSmoothing?: boolean;
}

type ResolvedChrfOptions = Required<ChrfOptions>;

/** `[hypothesis n-grams, reference n-grams, matches]` of one n-gram order. */
export type ChrfOrderStats = [hypCount: number, refCount: number, matches: number];

/** A chrF score with the statistics it was computed from. */
export interface ChrfScore {
  /** chrF, 0 to 100. */
  score: number;
  /** Per order: character orders 1..charOrder, then word orders 1..wordOrder. */
  stats: ChrfOrderStats[];
}

/** A chrF score with sacreBLEU's signature string. */
export interface ChrfResult extends ChrfScore {
  signature: string;
}

/** sacreBLEU's stand-in for a precision or recall with a zero denominator. */
const EPSILON = 1e-16;

/** ASCII punctuation, Python's `string.punctuation`, which chrF++ splits off words. */
const PUNCTUATION = new Set(codePoints('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'));

/** Fills in sacreBLEU's defaults. Throws a RangeError on a negative or fractional order or a non-positive beta. */
function resolveChrfOptions(options: ChrfOptions): ResolvedChrfOptions {
  const resolved: ResolvedChrfOptions = {
    charOrder: options.charOrder ?? 6,
    wordOrder: options.wordOrder ?? 0,
    beta: options.beta ?? 2,
    lowercase: options.lowercase ?? false,
    whitespace: options.whitespace ?? false,
    epsSmoothing: options.epsSmoothing ?? false,
  };
  for (const key of ['charOrder', 'wordOrder'] as const) {
    const value = resolved[key];
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`chrF ${key} must be a non-negative integer, got ${value}`);
    }
  }
  if (resolved.charOrder + resolved.wordOrder === 0) {
    throw new RangeError('chrF needs charOrder or wordOrder above 0');
  }
  if (!(resolved.beta > 0) || !Number.isFinite(resolved.beta)) {
    throw new RangeError(`chrF beta must be a positive number, got ${resolved.beta}`);
  }
  return resolved;
}

function countStrings(items: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

/** Counts character n-grams of orders 1..maxOrder over code points. */
function charNgrams(text: string, maxOrder: number, whitespace: boolean): Map<string, number>[] {
  const chars = codePoints(whitespace ? text : pythonSplit(text).join(''));
  const orders: Map<string, number>[] = [];
  for (let n = 1; n <= maxOrder; n++) {
    const grams: string[] = [];
    for (let i = 0; i + n <= chars.length; i++) grams.push(chars.slice(i, i + n).join(''));
    orders.push(countStrings(grams));
  }
  return orders;
}

/**
 * Splits `text` into words for chrF++: one punctuation character is split off the end of a word,
 * or else off its start, so sacreBLEU splits `(hi)` into `(hi` and `)`.
 */
function wordsForChrf(text: string): string[] {
  const words: string[] = [];
  for (const word of pythonSplit(text)) {
    const chars = codePoints(word);
    const first = chars[0] ?? '';
    const last = chars[chars.length - 1] ?? '';
    if (chars.length === 1) {
      words.push(word);
    } else if (PUNCTUATION.has(last)) {
      words.push(chars.slice(0, -1).join(''), last);
    } else if (PUNCTUATION.has(first)) {
      words.push(first, chars.slice(1).join(''));
    } else {
      words.push(word);
    }
  }
  return words;
}

/** Counts the character n-grams, then the word n-grams, of a preprocessed segment. */
function segmentNgrams(text: string, options: ResolvedChrfOptions): Map<string, number>[] {
  const orders = charNgrams(text, options.charOrder, options.whitespace);
  if (options.wordOrder > 0) {
    const words = wordsForChrf(text);
    for (let n = 1; n <= options.wordOrder; n++) {
      const grams: string[] = [];
      for (let i = 0; i + n <= words.length; i++) grams.push(words.slice(i, i + n).join(' '));
      orders.push(countStrings(grams));
    }
  }
  return orders;
}

function matchStats(hyp: Map<string, number>, ref: Map<string, number>): ChrfOrderStats {
  let hypCount = 0;
  let refCount = 0;
  let matches = 0;
  for (const [gram, count] of hyp) {
    hypCount += count;
    matches += Math.min(count, ref.get(gram) ?? 0);
  }
  for (const count of ref.values()) refCount += count;
  // sacreBLEU reports no hypothesis n-grams for an order in which the reference has none.
  return [ref.size > 0 ? hypCount : 0, refCount, matches];
}

/** Computes chrF from per-order statistics, as sacreBLEU's `_compute_f_score`. */
function fScore(stats: readonly ChrfOrderStats[], options: ResolvedChrfOptions): number {
  const factor = options.beta ** 2;
  let smoothedSum = 0;
  let precisionSum = 0;
  let recallSum = 0;
  let effectiveOrder = 0;
  for (const [hypCount, refCount, matches] of stats) {
    const precision = hypCount > 0 ? matches / hypCount : EPSILON;
    const recall = refCount > 0 ? matches / refCount : EPSILON;
    const denominator = factor * precision + recall;
    smoothedSum += denominator > 0 ? ((1 + factor) * precision * recall) / denominator : EPSILON;
    // Orders missing on either side stay out of the averages, as in the original chrF.
    if (hypCount > 0 && refCount > 0) {
      precisionSum += precision;
      recallSum += recall;
      effectiveOrder += 1;
    }
  }
  if (options.epsSmoothing) return (100 * smoothedSum) / stats.length;
  if (effectiveOrder === 0) return 0.0;

  const precision = precisionSum / effectiveOrder;
  const recall = recallSum / effectiveOrder;
  if (precision + recall === 0) return 0.0;
  return 100 * (((1 + factor) * precision * recall) / (factor * precision + recall));
}

/**
 * Computes the per-segment statistics of corpus chrF, for resampling with `chrfFromStatistics`.
 * Each segment takes the statistics of its reference with the best segment chrF (the first on a tie).
 * `references[k][i]` is the k-th reference of segment i. Throws a RangeError on a malformed layout
 * or invalid options.
 */
export function chrfStatistics(
  hypotheses: readonly string[],
  references: ReadonlyArray<readonly string[]>,
  options: ChrfOptions = {},
): ChrfOrderStats[][] {
  const resolved = resolveChrfOptions(options);
  if (references.length === 0) throw new RangeError('references must contain at least one reference stream');
  references.forEach((stream, k) => {
    if (stream.length !== hypotheses.length) {
      throw new RangeError(`references[${k}] has ${stream.length} segments but there are ${hypotheses.length} hypotheses`);
    }
  });
  const preprocess = (text: string): string => (resolved.lowercase ? text.toLowerCase() : text);

  return hypotheses.map((hypothesis, i) => {
    const hypNgrams = segmentNgrams(preprocess(hypothesis), resolved);
    let bestStats: ChrfOrderStats[] = [];
    let bestScore = -1;
    for (const stream of references) {
      const refNgrams = segmentNgrams(preprocess(stream[i] ?? ''), resolved);
      const stats = hypNgrams.map((hyp, order) => matchStats(hyp, refNgrams[order] ?? new Map()));
      const score = fScore(stats, resolved);
      if (score > bestScore) {
        bestScore = score;
        bestStats = stats;
      }
    }
    return bestStats;
  });
}

/** Sums per-segment statistics and computes corpus chrF from the sums. Throws like `chrfStatistics` on invalid options. */
export function chrfFromStatistics(segments: readonly ChrfOrderStats[][], options: ChrfOptions = {}): ChrfScore {
  const resolved = resolveChrfOptions(options);
  const orderCount = resolved.charOrder + resolved.wordOrder;
  const stats = Array.from({ length: orderCount }, (): ChrfOrderStats => [0, 0, 0]);
  for (const segment of segments) {
    segment.forEach(([hypCount, refCount, matches], order) => {
      const sum = stats[order];
      if (sum === undefined) return;
      sum[0] += hypCount;
      sum[1] += refCount;
      sum[2] += matches;
    });
  }
  return { score: fScore(stats, resolved), stats };
}

/** Builds sacreBLEU's chrF signature for `nrefs` references per segment. */
export function chrfSignature(options: ChrfOptions, nrefs: number): string {
  const resolved = resolveChrfOptions(options);
  return [
    `nrefs:${nrefs}`,
    `case:${resolved.lowercase ? 'lc' : 'mixed'}`,
    `eff:${resolved.epsSmoothing ? 'no' : 'yes'}`,
    `nc:${resolved.charOrder}`,
    `nw:${resolved.wordOrder}`,
    `space:${resolved.whitespace ? 'yes' : 'no'}`,
    `version:${SACREBLEU_VERSION}`,
  ].join('|');
}

/**
 * Computes corpus chrF as sacreBLEU's `corpus_chrf`: statistics summed over segments, then one
 * F-score. `references[k][i]` is the k-th reference of segment i. Throws a RangeError on a malformed
 * layout or invalid options.
 */
export function corpusChrf(
  hypotheses: readonly string[],
  references: ReadonlyArray<readonly string[]>,
  options: ChrfOptions = {},
): ChrfResult {
  const segments = chrfStatistics(hypotheses, references, options);
  return { ...chrfFromStatistics(segments, options), signature: chrfSignature(options, references.length) };
}

/** Formats a score as sacreBLEU's report line, such as `chrF2 = 60.13` or `chrF2++ = 55.20`. */
export function formatChrf(score: ChrfScore, options: ChrfOptions = {}, width = 2): string {
  const resolved = resolveChrfOptions(options);
  const name = `chrF${resolved.beta}${'+'.repeat(resolved.wordOrder)}`;
  return `${name} = ${formatFixed(score.score, width)}`;
}
