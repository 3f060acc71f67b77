/**
 * Options of `npm run eval`, parsed and checked. Every error names the option and the value expected.
 */
import { parseArgs } from 'node:util';
import { isRepoId } from '../hub/client';
import { DEFAULT_STUDY_SETTINGS, type ProtocolSettings } from '../engine/types';
import { TASK_IDS, type TaskId } from '../engine/tasks/task';
import { CORPORA, DIRECTIONS, type CorpusId } from '../datasets/corpora';
import type { TaskSelection } from '../evaluation/suite';
import type { DataSource } from '../datasets/catalog';
import { readFileSync } from 'node:fs';
import type { BackendChoice } from '../model/modelChecks';

const BACKENDS: readonly BackendChoice[] = ['auto', 'transformers.js', 'onnxruntime'];

/** A model as given on the command line: `org/name` with an optional `@revision`. */
export interface ModelSpec {
  repo: string;
  revision: string;
}

/** The options of one `eval` invocation. */
export interface EvalOptions {
  models: ModelSpec[];
  /** `bundled` or the base URL of a Hub endpoint. */
  endpoint: string;
  dtype: string;
  /** The backend to load the models on; `auto` follows each model's config.json. */
  backend: BackendChoice;
  tasks: TaskSelection[];
  /** One entry per protocol to run, in order. */
  settings: ProtocolSettings[];
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
  --backend NAME       auto, transformers.js or onnxruntime (default auto: what the model's
                       config.json names; see docs/export-custom-models.md)
  --task LIST          comma-separated tasks, or "all": mmlu, arc_easy, arc_challenge,
                       commonsense_qa, boolq, squad_v2, translation (default mmlu)
  --protocol LIST      harness, study, or both as "harness,study" (default harness)
  --subjects LIST      comma-separated MMLU subjects (default: all 57)
  --directions LIST    translation directions: en-ru, ru-en, en-zh, zh-en (default: all four)
  --corpus-en-ru NAME  un or flores200 (default un)
  --corpus-en-zh NAME  opus100, un or flores200 (default opus100)
  --limit N            first N items per subject or direction (default: all)
  --data FILE          read the task's items from this file instead of the bundled copy
                       (.csv with a header, .json, .jsonl or .parquet; repeatable)
                       columns per task: docs/data-files.md; MMLU also reads headerless <subject>_test.csv
  --data-repo ID       read them from this Hub dataset repository instead (with --data-path)
  --data-path PATH     a file of --data-repo, such as data/test-00000-of-00001.parquet (repeatable)
  --data-revision REV  revision of --data-repo (default main)
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

/** Invalid command-line input; the message names the option and the values it takes. */
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

function list(text: string | undefined): string[] | null {
  return text ? text.split(',').map((s) => s.trim()).filter(Boolean) : null;
}

function corpus(pair: 'en-ru' | 'en-zh', name: string): CorpusId {
  const known = Object.keys(CORPORA) as CorpusId[];
  if (!known.includes(name as CorpusId)) throw new UsageError(`--corpus-${pair} takes ${known.join(', ')}, got "${name}"`);
  const [a, b] = pair.split('-') as ['en', 'ru' | 'zh'];
  const files = CORPORA[name as CorpusId].files;
  if (!files[a] || !files[b]) throw new UsageError(`${CORPORA[name as CorpusId].name} has no ${pair} pair; choose another --corpus-${pair}`);
  return name as CorpusId;
}

/** Returns the task's data source: --data files, a --data-repo, or the bundled copy when neither is given. */
function dataSource(files: string[], repo: string | undefined, paths: string[], revision: string, endpoint: string): DataSource {
  if (files.length > 0 && repo) throw new UsageError('give either --data files or --data-repo, not both');
  if (files.length > 0) return { kind: 'files', files: files.map((name) => ({ name, bytes: readDataFile(name) })) };
  if (repo) {
    if (!isRepoId(repo)) throw new UsageError(`--data-repo takes org/name, got "${repo}"`);
    if (paths.length === 0) throw new UsageError('--data-repo needs at least one --data-path, such as data/test-00000-of-00001.parquet');
    return { kind: 'hub', endpoint, repo, revision, paths };
  }
  return { kind: 'bundled' };
}

function readDataFile(name: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(name));
  } catch (error) {
    throw new UsageError(`--data ${name}: cannot read the file (${(error as Error).message})`);
  }
}

interface SelectionOptions {
  subjects: string[] | null;
  directions: string[] | null;
  limit: number | null;
  corpora: Record<'en-ru' | 'en-zh', CorpusId>;
  source: DataSource;
}

function parseTasks(text: string, options: SelectionOptions): TaskSelection[] {
  const names = text === 'all' ? [...TASK_IDS] : text.split(',').map((s) => s.trim());
  const unknown = names.filter((name) => !(TASK_IDS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new UsageError(`--task takes ${TASK_IDS.join(', ')} or all, got "${unknown.join(',')}"`);
  const badDirection = options.directions?.find((d) => !(DIRECTIONS as readonly string[]).includes(d));
  if (badDirection) throw new UsageError(`--directions takes ${DIRECTIONS.join(', ')}, got "${badDirection}"`);
  const subsetsOf = (taskId: TaskId): string[] | null => {
    if (taskId === 'mmlu') return options.subjects;
    if (taskId === 'translation') return options.directions;
    return null;
  };
  return (names as TaskId[]).map((taskId) => ({
    taskId,
    subsets: subsetsOf(taskId),
    limit: options.limit,
    source: options.source,
    ...(taskId === 'translation' ? { corpora: options.corpora } : {}),
  }));
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
      backend: { type: 'string', default: 'auto' },
      task: { type: 'string', default: 'mmlu' },
      directions: { type: 'string' },
      data: { type: 'string', multiple: true },
      'data-repo': { type: 'string' },
      'data-path': { type: 'string', multiple: true },
      'data-revision': { type: 'string', default: 'main' },
      'corpus-en-ru': { type: 'string', default: 'un' },
      'corpus-en-zh': { type: 'string', default: 'opus100' },
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
  const endpoint = values.endpoint.replace(/\/+$/, '');
  if (!BACKENDS.includes(values.backend as BackendChoice)) throw new UsageError(`--backend takes ${BACKENDS.join(', ')}, got "${values.backend}"`);
  const tasks = parseTasks(values.task, {
    subjects: list(values.subjects),
    directions: list(values.directions),
    limit: integer('limit', values.limit, 1),
    corpora: { 'en-ru': corpus('en-ru', values['corpus-en-ru']), 'en-zh': corpus('en-zh', values['corpus-en-zh']) },
    source: dataSource(values.data ?? [], values['data-repo'], values['data-path'] ?? [], values['data-revision'], endpoint),
  });

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
    endpoint,
    dtype: values.dtype,
    backend: values.backend as BackendChoice,
    tasks,
    settings,
    out: values.out ?? null,
    token: values.token ?? environment.HF_TOKEN ?? null,
  };
}
