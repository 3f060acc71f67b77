/**
 * `npm run eval -- score METRIC …`: BLEU, chrF and SQuAD v2 of files, printed as sacreBLEU 2.6.0's
 * command line and the official SQuAD v2.0 script print them, so that published numbers can be
 * checked without Python.
 */
import { parseArgs } from 'node:util';
import type { TokenizerName } from '../engine/metrics/tokenizers';
import { UsageError } from './evalArgs';
import type { ScoreReport } from './scoreFormat';
import { ScoreInputError } from './scoreInput';
import { scoreSquadV2 } from './scoreSquad';
import { scoreBleu, scoreChrf, type TranslationScoreOptions } from './scoreTranslation';

export const SCORE_USAGE = `Usage: npm run eval -- score METRIC [options]

Scores files without running a model and prints what sacreBLEU 2.6.0 or the official SQuAD v2.0
evaluation script prints for them.

  bleu       corpus BLEU of a hypothesis file against reference files
  chrf       corpus chrF of a hypothesis file against reference files
  squad-v2   exact match and F1 of SQuAD v2 predictions

"npm run eval -- score METRIC --help" lists the options of one metric.
`;

const SEGMENT_FILES = `Each file is UTF-8 text with one segment per line, and all files need the same number of lines.
A final line break does not add a segment, and trailing white space is removed from every line.
An empty reference line gives that segment one reference fewer (signature nrefs:var); a segment
whose references are all empty is an error, as in sacreBLEU.`;

const OUTPUT_OPTIONS = `  --width N         decimals of the score, 0 to 20 (default 1, sacreBLEU's --width)
  --json            print one line of JSON with the fields of sacreBLEU's JSON output, which
                    sacreBLEU itself prints indented; without --json, print sacreBLEU's text
                    line (its "-f text" form)
  --help            this text`;

const BLEU_USAGE = `Usage: npm run eval -- score bleu --hyp FILE --ref FILE [--ref FILE ...] [options]

Corpus BLEU as sacreBLEU 2.6.0 computes it: n-grams up to 4, smoothing exp, effective order off.
${SEGMENT_FILES}

  --hyp FILE        hypotheses (system output), detokenized
  --ref FILE        references, repeatable, one file per reference translation
  --tokenize NAME   13a (default), zh or none
  --lowercase       lower-case hypotheses and references first (signature case:lc)
${OUTPUT_OPTIONS}

Text output:  BLEU|<signature> = <score> <n-gram precisions> (BP = ... ratio = ... hyp_len = ... ref_len = ...)
JSON fields:  name, score, signature, verbose_score, nrefs, case, eff, tok, smooth, version
`;

const CHRF_USAGE = `Usage: npm run eval -- score chrf --hyp FILE --ref FILE [--ref FILE ...] [options]

Corpus chrF as sacreBLEU 2.6.0 computes it: character n-grams up to 6, no word n-grams, beta 2.
${SEGMENT_FILES}

  --hyp FILE        hypotheses (system output)
  --ref FILE        references, repeatable, one file per reference translation
  --lowercase       lower-case hypotheses and references first (signature case:lc)
${OUTPUT_OPTIONS}

Text output:  chrF2|<signature> = <score>
JSON fields:  name, score, signature, nrefs, case, eff, nc, nw, space, version
`;

const SQUAD_USAGE = `Usage: npm run eval -- score squad-v2 --data FILE --pred FILE [--na-prob FILE] [--na-prob-thresh X]

Exact match and F1 as the official SQuAD v2.0 script (evaluate-v2.0.py) computes them, printed as
its JSON output: the same keys in the same order, indented by 2.

  --data FILE           the SQuAD v2 data file, such as dev-v2.0.json
  --pred FILE           predictions, {"question id": "answer", ...}; "" answers "no answer"
  --na-prob FILE        no-answer probabilities, {"question id": probability, ...}; adds
                        best_exact, best_f1 and their thresholds to the output
  --na-prob-thresh X    a question whose no-answer probability is above X counts as answered
                        "no answer" (default 1.0)
  --help                this text

Every question of the data file needs a prediction: where one is missing, the official script
stops without scores, and so does this command.
`;

const TOKENIZERS: readonly TokenizerName[] = ['13a', 'zh', 'none'];

/** Output streams of `runScore`. */
export interface ScoreStreams {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** A metric's subcommand: its help text, and a run that returns null when --help was asked for. */
interface ScoreCommand {
  usage: string;
  run(argv: string[]): Promise<ScoreReport | null>;
}

function parseWidth(text: string | undefined): number {
  if (text === undefined) return 1;
  if (!/^\d+$/.test(text) || Number(text) > 20) {
    throw new UsageError(`--width takes a whole number from 0 to 20, got "${text}"`);
  }
  return Number(text);
}

/** Reads --na-prob-thresh: a decimal number or inf/infinity, as Python's float() reads them, but not NaN. */
function parseThreshold(text: string | undefined): number {
  if (text === undefined) return 1.0;
  const trimmed = text.trim();
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(trimmed)) return Number(trimmed);
  const infinity = /^([+-]?)(?:inf|infinity)$/i.exec(trimmed);
  if (infinity) return infinity[1] === '-' ? -Infinity : Infinity;
  throw new UsageError(`--na-prob-thresh takes a number, such as 0.5, got "${text}"`);
}

function requireOption(value: string | undefined, name: string): string {
  if (value === undefined || value === '') throw new UsageError(`--${name} FILE is required`);
  return value;
}

/** Parses the options of bleu (`withTokenize`) or chrf. Returns null when --help was asked for. */
function parseTranslationArgs(argv: string[], withTokenize: boolean) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      hyp: { type: 'string' },
      ref: { type: 'string', multiple: true },
      ...(withTokenize ? { tokenize: { type: 'string' as const } } : {}),
      lowercase: { type: 'boolean', default: false },
      width: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return null;
  const refPaths = values.ref ?? [];
  if (refPaths.length === 0) throw new UsageError('--ref FILE is required, once per reference file');
  const options: TranslationScoreOptions = {
    hypPath: requireOption(values.hyp, 'hyp'),
    refPaths,
    lowercase: values.lowercase,
    json: values.json,
    width: parseWidth(values.width),
  };
  return { options, tokenize: values.tokenize };
}

function parseTokenizer(text: string | boolean | undefined): TokenizerName {
  if (text === undefined) return '13a';
  const name = TOKENIZERS.find((known) => known === text);
  if (name === undefined) {
    throw new UsageError(
      `--tokenize takes ${TOKENIZERS.join(', ')}, got "${String(text)}" ` +
        "(sacreBLEU's intl, char, ja-mecab, ko-mecab and spm are not implemented here)",
    );
  }
  return name;
}

const COMMANDS: Readonly<Record<string, ScoreCommand>> = {
  bleu: {
    usage: BLEU_USAGE,
    async run(argv) {
      const parsed = parseTranslationArgs(argv, true);
      if (parsed === null) return null;
      return scoreBleu({ ...parsed.options, tokenize: parseTokenizer(parsed.tokenize) });
    },
  },
  chrf: {
    usage: CHRF_USAGE,
    async run(argv) {
      const parsed = parseTranslationArgs(argv, false);
      return parsed === null ? null : scoreChrf(parsed.options);
    },
  },
  'squad-v2': {
    usage: SQUAD_USAGE,
    async run(argv) {
      const { values } = parseArgs({
        args: argv,
        strict: true,
        options: {
          data: { type: 'string' },
          pred: { type: 'string' },
          'na-prob': { type: 'string' },
          'na-prob-thresh': { type: 'string' },
          help: { type: 'boolean', default: false },
        },
      });
      if (values.help) return null;
      return scoreSquadV2({
        dataPath: requireOption(values.data, 'data'),
        predPath: requireOption(values.pred, 'pred'),
        naProbPath: values['na-prob'] ?? null,
        naProbThresh: parseThreshold(values['na-prob-thresh']),
      });
    },
  },
};

function isUsageError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'));
}

/**
 * Runs `score` with the arguments after it and returns the exit code: 0 on success, 1 when an
 * input file is missing or malformed, 2 for invalid arguments. The result and requested help go to
 * `stdout`. Warnings, errors and the usage text after an invalid argument go to `stderr`.
 */
export async function runScore(argv: readonly string[], streams: ScoreStreams): Promise<number> {
  const [metric, ...rest] = argv;
  if (metric === '--help' || metric === '-h') {
    streams.stdout(SCORE_USAGE);
    return 0;
  }
  const command = metric !== undefined && Object.hasOwn(COMMANDS, metric) ? COMMANDS[metric] : undefined;
  if (command === undefined || metric === undefined) {
    const problem = metric === undefined ? 'score needs a metric' : `unknown metric "${metric}"`;
    streams.stderr(`${problem}: choose ${Object.keys(COMMANDS).join(', ')}\n\n${SCORE_USAGE}`);
    return 2;
  }

  let report: ScoreReport | null;
  try {
    report = await command.run(rest);
  } catch (error) {
    if (isUsageError(error)) {
      streams.stderr(`${error.message}\n\n${command.usage}`);
      return 2;
    }
    if (error instanceof ScoreInputError) {
      for (const note of error.notes) streams.stderr(`${note}\n`);
      streams.stderr(`Error: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  if (report === null) {
    streams.stdout(command.usage);
    return 0;
  }
  for (const warning of report.warnings) streams.stderr(`Warning: ${warning}\n`);
  streams.stdout(`${report.output}\n`);
  return 0;
}
