/**
 * BLEU as sacreBLEU 2.6.0 computes it: corpus BLEU, sentence BLEU, and the study's mean of
 * per-pair BLEU. Scores are on a 0 to 100 scale.
 */

import { formatFixed } from '../../util/pyFormat';
import { pythonRstrip, pythonSplit } from '../text';
import { tokenize, type TokenizerName } from './tokenizers';

/** The sacreBLEU version whose numbers and signatures this module reproduces. */
export const SACREBLEU_VERSION = '2.6.0';

/** Highest n-gram order. This module computes only sacreBLEU's default order of 4. */
export const BLEU_MAX_NGRAM_ORDER = 4;

/**
 * sacreBLEU's smoothing method for n-gram orders without matches.
 * NOTE: only `exp` is checked against sacreBLEU's output. The other methods follow its formulas and
 * are checked by hand-computed tests only.
 */
export type BleuSmoothMethod = 'none' | 'floor' | 'add-k' | 'exp';

const SMOOTH_DEFAULTS: Readonly<Record<BleuSmoothMethod, number | undefined>> = {
  none: undefined,
  floor: 0.1,
  'add-k': 1,
  exp: undefined,
};

/** sacreBLEU's stand-in for log(0), so that a zero precision drives the geometric mean to 0. */
const LOG_ZERO = -9999999999;

/** Options of corpus BLEU, with sacreBLEU's names and defaults. */
export interface BleuOptions {
  /** Tokenizer. Default: `zh` when `trgLang` is `zh`, otherwise `13a`. */
  tokenize?: TokenizerName;
  /** Target language code, used only to choose the default tokenizer. */
  trgLang?: string;
  /** Default `exp`. */
  smoothMethod?: BleuSmoothMethod;
  /** Value for `floor` (default 0.1) and `add-k` (default 1). The other methods ignore it. */
  smoothValue?: number;
  /** Lower-case hypotheses and references before tokenizing. Default false. */
  lowercase?: boolean;
  /** Leave orders without hypothesis n-grams out of the geometric mean. Default false. */
  effectiveOrder?: boolean;
}

/** BLEU options with every default filled in. */
export interface ResolvedBleuOptions {
  tokenize: TokenizerName;
  smoothMethod: BleuSmoothMethod;
  smoothValue: number | undefined;
  lowercase: boolean;
  effectiveOrder: boolean;
}

/** Sufficient statistics of one segment, which corpus BLEU sums over segments. */
export interface BleuSegmentStats {
  /** Hypothesis length in tokens. */
  hypLen: number;
  /** Length of the reference closest to `hypLen`, the shorter one on a tie. */
  refLen: number;
  /** `correct[n-1]`: clipped n-gram matches of order n. */
  correct: number[];
  /** `total[n-1]`: hypothesis n-grams of order n. */
  total: number[];
}

/** A BLEU score with its statistics, as sacreBLEU's `BLEUScore`. */
export interface BleuScore {
  /** BLEU, 0 to 100. */
  score: number;
  /** Clipped matches per order, summed over the corpus (with `add-k`, after adding k). */
  counts: number[];
  /** Hypothesis n-grams per order, summed over the corpus (with `add-k`, after adding k). */
  totals: number[];
  /** Smoothed n-gram precisions in percent. */
  precisions: number[];
  /** Brevity penalty. */
  bp: number;
  /** Hypothesis tokens in the corpus. */
  sysLen: number;
  /** Sum over segments of the closest reference length. */
  refLen: number;
  /** `sysLen / refLen`, or 0 when `refLen` is 0. */
  ratio: number;
}

/** A BLEU score with sacreBLEU's signature string, such as `nrefs:1|case:mixed|eff:no|tok:13a|...`. */
export interface BleuResult extends BleuScore {
  signature: string;
}

/**
 * Fills in sacreBLEU's defaults. Throws a RangeError for a target language whose default tokenizer
 * (`ja-mecab`, `ko-mecab`) is not available here, or for an unknown smoothing method.
 */
export function resolveBleuOptions(options: BleuOptions = {}): ResolvedBleuOptions {
  const smoothMethod = options.smoothMethod ?? 'exp';
  if (!Object.hasOwn(SMOOTH_DEFAULTS, smoothMethod)) {
    throw new RangeError(`unknown smoothing method ${smoothMethod}: expected none, floor, add-k or exp`);
  }
  return {
    tokenize: options.tokenize ?? defaultTokenizer(options.trgLang),
    smoothMethod,
    smoothValue: options.smoothValue ?? SMOOTH_DEFAULTS[smoothMethod],
    lowercase: options.lowercase ?? false,
    effectiveOrder: options.effectiveOrder ?? false,
  };
}

function defaultTokenizer(trgLang: string | undefined): TokenizerName {
  if (trgLang === 'zh') return 'zh';
  if (trgLang === 'ja' || trgLang === 'ko') {
    throw new RangeError(
      `sacreBLEU tokenizes target language ${trgLang} with MeCab, which is not available: pass tokenize explicitly`,
    );
  }
  return '13a';
}

/** Lower-cases `segment` if asked, removes trailing white space and tokenizes, as sacreBLEU's BLEU does. */
export function preprocessForBleu(segment: string, options: ResolvedBleuOptions): string {
  const text = options.lowercase ? segment.toLowerCase() : segment;
  return tokenize(pythonRstrip(text), options.tokenize);
}

/** Counts the n-grams of orders 1 to 4. `counts[n-1]` maps each space-joined n-gram to its count. */
function countNgrams(tokens: readonly string[]): Map<string, number>[] {
  const counts: Map<string, number>[] = [];
  for (let n = 1; n <= BLEU_MAX_NGRAM_ORDER; n++) {
    const orderCounts = new Map<string, number>();
    for (let i = 0; i + n <= tokens.length; i++) {
      const ngram = tokens.slice(i, i + n).join(' ');
      orderCounts.set(ngram, (orderCounts.get(ngram) ?? 0) + 1);
    }
    counts.push(orderCounts);
  }
  return counts;
}

/** Picks the reference length closest to `hypLen`, the shorter one on a tie. */
function closestRefLen(hypLen: number, refLens: readonly number[]): number {
  let closestDiff = -1;
  let closestLen = -1;
  for (const refLen of refLens) {
    const diff = Math.abs(hypLen - refLen);
    if (closestDiff === -1 || diff < closestDiff) {
      closestDiff = diff;
      closestLen = refLen;
    } else if (diff === closestDiff && refLen < closestLen) {
      closestLen = refLen;
    }
  }
  return closestLen;
}

/** Computes one segment's statistics from tokenized text. An n-gram's clip is its largest count in any one reference. */
function segmentStats(hypothesis: string, references: readonly string[]): BleuSegmentStats {
  const refLens: number[] = [];
  const maxRefCounts = Array.from({ length: BLEU_MAX_NGRAM_ORDER }, () => new Map<string, number>());
  for (const reference of references) {
    const tokens = pythonSplit(reference);
    refLens.push(tokens.length);
    countNgrams(tokens).forEach((orderCounts, order) => {
      const merged = maxRefCounts[order];
      if (merged === undefined) return;
      for (const [ngram, count] of orderCounts) merged.set(ngram, Math.max(merged.get(ngram) ?? 0, count));
    });
  }

  const hypTokens = pythonSplit(hypothesis);
  const correct = new Array<number>(BLEU_MAX_NGRAM_ORDER).fill(0);
  const total = new Array<number>(BLEU_MAX_NGRAM_ORDER).fill(0);
  countNgrams(hypTokens).forEach((orderCounts, order) => {
    for (const [ngram, count] of orderCounts) {
      total[order] = (total[order] ?? 0) + count;
      correct[order] = (correct[order] ?? 0) + Math.min(count, maxRefCounts[order]?.get(ngram) ?? 0);
    }
  });
  return { hypLen: hypTokens.length, refLen: closestRefLen(hypTokens.length, refLens), correct, total };
}

/**
 * Validates the sacreBLEU layout, where `references[k][i]` is the k-th reference of segment i.
 * Throws a RangeError when there is no reference stream or a stream's length differs from the hypotheses'.
 */
function checkCorpus(hypotheses: readonly string[], references: ReadonlyArray<readonly string[]>): void {
  if (references.length === 0) {
    throw new RangeError('references must contain at least one reference stream');
  }
  references.forEach((stream, k) => {
    if (stream.length !== hypotheses.length) {
      throw new RangeError(
        `references[${k}] has ${stream.length} segments but there are ${hypotheses.length} hypotheses`,
      );
    }
  });
}

/**
 * Computes the per-segment statistics of corpus BLEU, for resampling with `bleuFromStatistics`.
 * `references[k][i]` is the k-th reference of segment i. Throws a RangeError on a malformed layout.
 */
export function bleuStatistics(
  hypotheses: readonly string[],
  references: ReadonlyArray<readonly string[]>,
  options: BleuOptions = {},
): BleuSegmentStats[] {
  checkCorpus(hypotheses, references);
  const resolved = resolveBleuOptions(options);
  return hypotheses.map((hypothesis, i) => {
    const segmentRefs = references.map((stream) => preprocessForBleu(stream[i] ?? '', resolved));
    return segmentStats(preprocessForBleu(hypothesis, resolved), segmentRefs);
  });
}

/** Sums segment statistics and computes BLEU from the sums, as sacreBLEU's corpus score does. */
export function bleuFromStatistics(stats: readonly BleuSegmentStats[], options: BleuOptions = {}): BleuScore {
  const correct = new Array<number>(BLEU_MAX_NGRAM_ORDER).fill(0);
  const total = new Array<number>(BLEU_MAX_NGRAM_ORDER).fill(0);
  let sysLen = 0;
  let refLen = 0;
  for (const segment of stats) {
    sysLen += segment.hypLen;
    refLen += segment.refLen;
    for (let order = 0; order < BLEU_MAX_NGRAM_ORDER; order++) {
      correct[order] = (correct[order] ?? 0) + (segment.correct[order] ?? 0);
      total[order] = (total[order] ?? 0) + (segment.total[order] ?? 0);
    }
  }
  return computeBleu(correct, total, sysLen, refLen, resolveBleuOptions(options));
}

/** Turns corpus sums into BLEU: smoothed precisions, their geometric mean, and the brevity penalty. */
function computeBleu(
  correct: number[],
  total: number[],
  sysLen: number,
  refLen: number,
  options: ResolvedBleuOptions,
): BleuScore {
  let bp = 1.0;
  if (sysLen < refLen) bp = sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0.0;
  const ratio = refLen > 0 ? sysLen / refLen : 0;
  const precisions = new Array<number>(BLEU_MAX_NGRAM_ORDER).fill(0);
  const result = { counts: correct, totals: total, precisions, bp, sysLen, refLen, ratio };

  // sacreBLEU returns 0 before smoothing when nothing matches, so no order gets a smoothed precision.
  if (!correct.some((count) => count > 0)) return { score: 0.0, ...result };

  const smoothValue = options.smoothValue ?? 0;
  let expDivisor = 1;
  let effectiveOrder = BLEU_MAX_NGRAM_ORDER;
  for (let n = 1; n <= BLEU_MAX_NGRAM_ORDER; n++) {
    if (options.smoothMethod === 'add-k' && n > 1) {
      correct[n - 1] = (correct[n - 1] ?? 0) + smoothValue;
      total[n - 1] = (total[n - 1] ?? 0) + smoothValue;
    }
    const orderTotal = total[n - 1] ?? 0;
    const orderCorrect = correct[n - 1] ?? 0;
    // The first order without hypothesis n-grams ends the loop: it and all higher orders keep precision 0.
    if (orderTotal === 0) break;
    if (options.effectiveOrder) effectiveOrder = n;

    if (orderCorrect > 0) {
      precisions[n - 1] = (100 * orderCorrect) / orderTotal;
    } else if (options.smoothMethod === 'exp') {
      expDivisor *= 2;
      precisions[n - 1] = 100 / (expDivisor * orderTotal);
    } else if (options.smoothMethod === 'floor') {
      precisions[n - 1] = (100 * smoothValue) / orderTotal;
    }
  }

  let logSum = 0;
  for (const precision of precisions.slice(0, effectiveOrder)) {
    logSum += precision === 0 ? LOG_ZERO : Math.log(precision);
  }
  return { score: bp * Math.exp(logSum / effectiveOrder), ...result };
}

/** Builds sacreBLEU's BLEU signature for `nrefs` references per segment. */
export function bleuSignature(options: BleuOptions, nrefs: number): string {
  const resolved = resolveBleuOptions(options);
  let smooth: string = resolved.smoothMethod;
  if (resolved.smoothValue !== undefined && SMOOTH_DEFAULTS[resolved.smoothMethod] !== undefined) {
    smooth += `[${formatFixed(resolved.smoothValue, 2)}]`;
  }
  return [
    `nrefs:${nrefs}`,
    `case:${resolved.lowercase ? 'lc' : 'mixed'}`,
    `eff:${resolved.effectiveOrder ? 'yes' : 'no'}`,
    `tok:${resolved.tokenize}`,
    `smooth:${smooth}`,
    `version:${SACREBLEU_VERSION}`,
  ].join('|');
}

/**
 * Computes corpus BLEU as sacreBLEU's `corpus_bleu`: n-gram counts are pooled over all segments
 * before the geometric mean. `references[k][i]` is the k-th reference of segment i, and an empty
 * string is a reference of length 0. Throws a RangeError on a malformed layout or an unsupported option.
 */
export function corpusBleu(
  hypotheses: readonly string[],
  references: ReadonlyArray<readonly string[]>,
  options: BleuOptions = {},
): BleuResult {
  const stats = bleuStatistics(hypotheses, references, options);
  return { ...bleuFromStatistics(stats, options), signature: bleuSignature(options, references.length) };
}

/**
 * Computes BLEU of one hypothesis against its references, as sacreBLEU's `sentence_bleu`: the same
 * defaults as corpus BLEU except that effective order is on.
 */
export function sentenceBleu(
  hypothesis: string,
  references: readonly string[],
  options: BleuOptions = {},
): BleuResult {
  const streams = references.map((reference) => [reference]);
  return corpusBleu([hypothesis], streams, { ...options, effectiveOrder: options.effectiveOrder ?? true });
}

/** Options of the study's BLEU figure, fixed by its protocol. */
export const STUDY_BLEU_OPTIONS: Readonly<BleuOptions> = {
  tokenize: '13a',
  smoothMethod: 'exp',
  lowercase: false,
  effectiveOrder: false,
};

/** A hypothesis with its single reference. */
export interface BleuPair {
  hypothesis: string;
  reference: string;
}

/** The study's BLEU figure with the scores it averages. */
export interface StudyMeanBleu {
  /** Arithmetic mean of `perPair[i].score`, 0 to 100. */
  mean: number;
  /** Corpus BLEU of each upper-cased pair scored alone. */
  perPair: BleuResult[];
}

/**
 * Computes the study's BLEU figure: each pair upper-cased on both sides with full Unicode case
 * mapping (as Python's `str.upper()`, so `ß` becomes `SS`), scored alone with corpus BLEU under
 * `STUDY_BLEU_OPTIONS`, then averaged. Trimming the model output is the caller's job.
 * Throws a RangeError when `pairs` is empty.
 */
export function studyMeanBleu(pairs: readonly BleuPair[]): StudyMeanBleu {
  if (pairs.length === 0) throw new RangeError('studyMeanBleu needs at least one pair');
  const perPair = pairs.map(({ hypothesis, reference }) =>
    corpusBleu([hypothesis.toUpperCase()], [[reference.toUpperCase()]], STUDY_BLEU_OPTIONS),
  );
  let sum = 0;
  for (const result of perPair) sum += result.score;
  return { mean: sum / perPair.length, perPair };
}

/**
 * Formats a score as sacreBLEU's report line, for example
 * `BLEU = 38.65 69.2/52.2/35.0/17.6 (BP = 1.000 ratio = 1.083 hyp_len = 26 ref_len = 24)`.
 * `width` is the number of decimals of the score.
 */
export function formatBleu(score: BleuScore, width = 2): string {
  const precisions = score.precisions.map((precision) => formatFixed(precision, 1)).join('/');
  return (
    `BLEU = ${formatFixed(score.score, width)} ${precisions} ` +
    `(BP = ${formatFixed(score.bp, 3)} ratio = ${formatFixed(score.ratio, 3)} ` +
    `hyp_len = ${score.sysLen} ref_len = ${score.refLen})`
  );
}
