/**
 * `score bleu` and `score chrf`: corpus BLEU and chrF of a hypothesis file against reference files,
 * printed as the command line of sacreBLEU 2.6.0 prints them.
 */
import { bleuFromStatistics, bleuSignature, bleuStatistics, type BleuOptions, type BleuScore } from '../engine/metrics/bleu';
import { chrfFromStatistics, chrfSignature, chrfStatistics, type ChrfOptions } from '../engine/metrics/chrf';
import type { TokenizerName } from '../engine/metrics/tokenizers';
import { formatFixed } from '../util/pyFormat';
import { dumpsPyLine, formatPyFloat, type JsonEntry, type ScoreReport } from './scoreFormat';
import { readSegmentFile, ScoreInputError, type SegmentFile } from './scoreInput';

/** Options shared by `score bleu` and `score chrf`. */
export interface TranslationScoreOptions {
  hypPath: string;
  refPaths: string[];
  lowercase: boolean;
  /** Print one line of JSON instead of sacreBLEU's text line. */
  json: boolean;
  /** Decimals of the score, sacreBLEU's `--width`. */
  width: number;
}

/** Options of `score bleu`. */
export interface BleuCommandOptions extends TranslationScoreOptions {
  tokenize: TokenizerName;
}

/** Segments with their non-empty references, as sacreBLEU 2.x passes them to a metric. */
interface Corpus {
  hypotheses: string[];
  /** `references[i]`: the non-empty references of segment i, in the order of the reference files. */
  references: string[][];
  /** References per segment, or `var` when segments have different numbers of non-empty references. */
  nrefs: number | 'var';
  warnings: string[];
}

/** sacreBLEU's command line warns about tokenized input from this many hypotheses ending in " .". */
const TOKENIZED_PERIOD_WARNING_COUNT = 100;

const CHRF_OPTIONS: Readonly<ChrfOptions> = { charOrder: 6, wordOrder: 0, beta: 2 };
const CHRF_NAME = 'chrF2';

function lineCount(file: SegmentFile): string {
  return `${file.lines.length} ${file.lines.length === 1 ? 'line' : 'lines'}`;
}

/**
 * Reads and aligns the files. As in sacreBLEU 2.x, a reference line that is empty once its trailing
 * white space is removed is a missing reference for that segment, and a segment without any
 * reference is an error.
 * NOTE: that handling of empty references follows sacreBLEU's source (`Metric._cache_references`);
 * no metric case checks it.
 */
async function readCorpus(hypPath: string, refPaths: readonly string[]): Promise<Corpus> {
  const hypFile = await readSegmentFile(hypPath, 'hypothesis file');
  const refFiles: SegmentFile[] = [];
  for (const refPath of refPaths) refFiles.push(await readSegmentFile(refPath, 'reference file'));

  if (hypFile.lines.length === 0) {
    throw new ScoreInputError(`hypothesis file ${hypPath} is empty: write one segment per line`);
  }
  for (const refFile of refFiles) {
    if (refFile.lines.length !== hypFile.lines.length) {
      throw new ScoreInputError(
        `hypothesis file ${hypPath} has ${lineCount(hypFile)} but reference file ${refFile.path} has ` +
          `${lineCount(refFile)}: each line is one segment, so all files need the same number of lines`,
      );
    }
  }

  const references = hypFile.lines.map((_, i) => {
    const segmentRefs = refFiles.map((file) => file.lines[i] ?? '').filter((line) => line !== '');
    if (segmentRefs.length === 0) {
      throw new ScoreInputError(
        `line ${i + 1} is empty in every reference file (${refPaths.join(', ')}), and sacreBLEU rejects ` +
          `a segment without a reference: fill in a reference or delete line ${i + 1} from all files`,
      );
    }
    return segmentRefs;
  });
  const counts = new Set(references.map((segmentRefs) => segmentRefs.length));
  const [onlyCount] = counts;

  const warnings = [hypFile, ...refFiles]
    .filter((file) => file.hasByteOrderMark)
    .map((file) => `${file.path} starts with a UTF-8 byte order mark, which sacreBLEU keeps as part of the first segment`);
  return {
    hypotheses: hypFile.lines,
    references,
    nrefs: counts.size === 1 && onlyCount !== undefined ? onlyCount : 'var',
    warnings,
  };
}

/** Replaces the signature's first field, `nrefs:N`, with the corpus's count. */
function withNrefs(signature: string, nrefs: number | 'var'): string {
  return [`nrefs:${nrefs}`, ...signature.split('|').slice(1)].join('|');
}

/** Splits a signature into sacreBLEU's JSON fields, one per `key:value` pair, all strings. */
function signatureEntries(signature: string): JsonEntry[] {
  return signature.split('|').map((pair): JsonEntry => {
    const [key = '', value = ''] = pair.split(':');
    return [key, JSON.stringify(value)];
  });
}

/** Formats the score as sacreBLEU's JSON has it: the text at `width` decimals, read back as a float. */
function roundedScoreJson(score: number, width: number): string {
  return formatPyFloat(Number(formatFixed(score, width)));
}

/**
 * Formats sacreBLEU's `verbose_score` of BLEU, such as
 * `69.2/52.2/35.0/17.6 (BP = 1.000 ratio = 1.083 hyp_len = 26 ref_len = 24)`.
 */
export function formatBleuVerbose(score: BleuScore): string {
  const precisions = score.precisions.map((precision) => formatFixed(precision, 1)).join('/');
  return (
    `${precisions} (BP = ${formatFixed(score.bp, 3)} ratio = ${formatFixed(score.ratio, 3)} ` +
    `hyp_len = ${score.sysLen} ref_len = ${score.refLen})`
  );
}

/**
 * Computes corpus BLEU (smoothing `exp`, effective order off, n-grams up to 4) and returns sacreBLEU's
 * text line, `BLEU|<signature> = <score> <verbose_score>`, or with `json` the fields of its JSON
 * output on one line. Throws a ScoreInputError for unreadable or misaligned files.
 */
export async function scoreBleu(options: BleuCommandOptions): Promise<ScoreReport> {
  const corpus = await readCorpus(options.hypPath, options.refPaths);
  const bleuOptions: BleuOptions = {
    tokenize: options.tokenize,
    lowercase: options.lowercase,
    smoothMethod: 'exp',
    effectiveOrder: false,
  };
  // One call per segment, because segments may differ in their number of references.
  const stats = corpus.hypotheses.flatMap((hypothesis, i) =>
    bleuStatistics([hypothesis], (corpus.references[i] ?? []).map((reference) => [reference]), bleuOptions),
  );
  const score = bleuFromStatistics(stats, bleuOptions);
  const signature = withNrefs(bleuSignature(bleuOptions, 1), corpus.nrefs);
  const verbose = formatBleuVerbose(score);

  const warnings = [...corpus.warnings];
  const tokenizedPeriods = corpus.hypotheses.filter((hypothesis) => hypothesis.endsWith(' .')).length;
  if (tokenizedPeriods >= TOKENIZED_PERIOD_WARNING_COUNT) {
    warnings.push(
      `${tokenizedPeriods} hypotheses end in a tokenized period (" ."); BLEU expects detokenized text, ` +
        'so detokenize the hypotheses or expect a lower score',
    );
  }

  if (options.json) {
    const entries: JsonEntry[] = [
      ['name', JSON.stringify('BLEU')],
      ['score', roundedScoreJson(score.score, options.width)],
      ['signature', JSON.stringify(signature)],
      ['verbose_score', JSON.stringify(verbose)],
      ...signatureEntries(signature),
    ];
    return { output: dumpsPyLine(entries), warnings };
  }
  return { output: `BLEU|${signature} = ${formatFixed(score.score, options.width)} ${verbose}`, warnings };
}

/**
 * Computes corpus chrF (character order 6, word order 0, beta 2) and returns sacreBLEU's text line,
 * `chrF2|<signature> = <score>`, or with `json` the fields of its JSON output on one line.
 * Throws a ScoreInputError for unreadable or misaligned files.
 */
export async function scoreChrf(options: TranslationScoreOptions): Promise<ScoreReport> {
  const corpus = await readCorpus(options.hypPath, options.refPaths);
  const chrfOptions: ChrfOptions = { ...CHRF_OPTIONS, lowercase: options.lowercase };
  const stats = corpus.hypotheses.flatMap((hypothesis, i) =>
    chrfStatistics([hypothesis], (corpus.references[i] ?? []).map((reference) => [reference]), chrfOptions),
  );
  const score = chrfFromStatistics(stats, chrfOptions);
  const signature = withNrefs(chrfSignature(chrfOptions, 1), corpus.nrefs);

  if (options.json) {
    const entries: JsonEntry[] = [
      ['name', JSON.stringify(CHRF_NAME)],
      ['score', roundedScoreJson(score.score, options.width)],
      ['signature', JSON.stringify(signature)],
      ...signatureEntries(signature),
    ];
    return { output: dumpsPyLine(entries), warnings: corpus.warnings };
  }
  return { output: `${CHRF_NAME}|${signature} = ${formatFixed(score.score, options.width)}`, warnings: corpus.warnings };
}
