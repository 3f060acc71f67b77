/**
 * Entry of `npm run eval -- …`: the workbench's engine from the command line. A first argument
 * `score` runs the file scorer; otherwise the arguments, after an optional `eval`, run an evaluation.
 */
import { setLogLevel } from '../util/logger';
import { EVAL_USAGE, parseEvalArgs, UsageError } from './evalArgs';
import { runEval } from './evalCommand';
import { runScore } from './score';

const SCORE_HINT = '\nScoring files without a model (BLEU, chrF, SQuAD v2): npm run eval -- score --help\n';

async function main(argv: string[]): Promise<number> {
  setLogLevel('warn');
  if (argv[0] === 'score') {
    return runScore(argv.slice(1), {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
    });
  }
  const evalArgv = argv[0] === 'eval' ? argv.slice(1) : argv;
  let options;
  try {
    options = parseEvalArgs(evalArgv, process.env);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(error as Error).message}\n\n${EVAL_USAGE}`);
      return 2;
    }
    throw error;
  }
  if (options === null) {
    process.stdout.write(EVAL_USAGE + SCORE_HINT);
    return 0;
  }
  const started = performance.now();
  const { path } = await runEval(options, (line) => process.stdout.write(`${line}\n`));
  process.stderr.write(`Results with per-item records: ${path} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
