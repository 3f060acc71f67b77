/**
 * Options of `npm run eval`, parsed and checked. Every error names the option and the value expected.
 */
import { parseArgs } from 'node:util';
import { isRepoId } from '../hub/client';
import { DEFAULT_STUDY_SETTINGS, type ProtocolSettings } from '../engine/types';

/** A model as given on the command line: `org/name` with an optional `@revision`. */
export interface ModelSpec {
  repo: string;
  revision: string;
}

/** What one `eval` invocation runs. */
export interface EvalOptions {
  models: ModelSpec[];
  /** `bundled` or the base URL of a Hub endpoint. */
  endpoint: string;
  dtype: string;
  task: 'mmlu';
  /** One entry per protocol to run, in order. */
  settings: ProtocolSettings[];
  /** Subjects to run; null for all. */
  subjects: string[] | null;
  limit: number | null;
  /** Results JSON path; null writes under results/. */
  out: string | null;
  token: string | null;
}

export const EVAL_USAGE = `Usage: npm run eval -- [options]

Runs a task on one or more models and prints the study's report lines; writes a results JSON
with per-item records.

  --model ID[@REV]     model repository, repeatable (default: bundled/tiny-frozen and
                       bundled/tiny-trainable); REV is a branch, tag or commit (default main)
  --endpoint URL       Hub endpoint, or "bundled" for the app's own repositories (default)
  --dtype NAME         weight variant: fp32, fp16, q8, q4, q4f16 (default fp32)
  --task NAME          mmlu (default)
  --protocol LIST      harness, study, or both as "harness,study" (default harness)
  --subjects LIST      comma-separated MMLU subjects (default: all 57)
  --limit N            first N items per subject (default: all)
  --shots K            harness few-shot examples from the dev split, 0-5 (default 0)
  --runs N             study runs (default 10)
  --temperature T      study sampling temperature, > 0 (default 1)
  --top-k K            study top-k; omit for none
  --seed S             study seed; run r uses S + r (default 1234)
  --greedy             study: most likely token instead of sampling
  --out FILE           results JSON (default results/eval-<time>.json)
  --token TOKEN        access token for gated repositories (default: $HF_TOKEN)
  --help               this text
`;

/** Invalid command-line input; the message says which option and what it takes. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

function integer(name: string, value: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} takes a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}

function parseModel(text: string): ModelSpec {
  const [repo, revision = 'main', ...rest] = text.split('@');
  if (!repo || !isRepoId(repo) || rest.length > 0 || revision === '') {
    throw new UsageError(`--model takes org/name or org/name@revision, got "${text}"`);
  }
  return { repo, revision };
}

/** Parses the arguments after `eval`. Returns null when --help was asked for. Throws a UsageError. */
export function parseEvalArgs(argv: string[], environment: Record<string, string | undefined>): EvalOptions | null {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      model: { type: 'string', multiple: true },
      endpoint: { type: 'string', default: 'bundled' },
      dtype: { type: 'string', default: 'fp32' },
      task: { type: 'string', default: 'mmlu' },
      protocol: { type: 'string', default: 'harness' },
      subjects: { type: 'string' },
      limit: { type: 'string' },
      shots: { type: 'string' },
      runs: { type: 'string' },
      temperature: { type: 'string' },
      'top-k': { type: 'string' },
      seed: { type: 'string' },
      greedy: { type: 'boolean', default: false },
      out: { type: 'string' },
      token: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return null;
  if (values.task !== 'mmlu') throw new UsageError(`--task takes mmlu, got "${values.task}"`);

  const temperature = values.temperature === undefined ? DEFAULT_STUDY_SETTINGS.temperature : Number(values.temperature);
  if (!(temperature > 0)) throw new UsageError(`--temperature takes a number above 0, got "${values.temperature}"`);
  const settings = values.protocol.split(',').map((name): ProtocolSettings => {
    if (name === 'harness') return { protocol: 'harness', numFewshot: integer('shots', values.shots, 0, 5) ?? 0 };
    if (name === 'study') {
      return {
        protocol: 'study',
        nRuns: integer('runs', values.runs, 1, 1000) ?? DEFAULT_STUDY_SETTINGS.nRuns,
        temperature,
        topK: integer('top-k', values['top-k'], 1),
        seed: integer('seed', values.seed, 0, 2 ** 31) ?? DEFAULT_STUDY_SETTINGS.seed,
        greedy: values.greedy,
      };
    }
    throw new UsageError(`--protocol takes harness, study or harness,study, got "${values.protocol}"`);
  });

  return {
    models: (values.model ?? ['bundled/tiny-frozen', 'bundled/tiny-trainable']).map(parseModel),
    endpoint: values.endpoint.replace(/\/+$/, ''),
    dtype: values.dtype,
    task: 'mmlu',
    settings,
    subjects: values.subjects ? values.subjects.split(',').map((s) => s.trim()).filter(Boolean) : null,
    limit: integer('limit', values.limit, 1),
    out: values.out ?? null,
    token: values.token ?? environment.HF_TOKEN ?? null,
  };
}
