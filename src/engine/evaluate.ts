/**
 * Runs a task on a model in chunks of items: each chunk's requests go to the runner together, its
 * records are handed out as soon as they exist, progress is reported after each chunk, and a
 * cancelled run stops between batches.
 */
import type { MmluItem } from '../datasets/mmlu';
import { accuracyFigures } from './figures';
import type { CausalLM } from './lm';
import { ProgressMeter, type ScoringProgress } from './progress';
import { runGenerate, runLoglikelihood, throwIfCancelled } from './runner';
import { MMLU_LABEL, mmluHarnessRequests, mmluStudyRequest, studyAnswerLetter } from './tasks/mmlu';
import { MMLU_LETTERS } from '../datasets/mmlu';
import type { ItemRecord, ProtocolSettings, TaskResult } from './types';

/** Callbacks and state of one evaluation. */
export interface EvaluateHooks {
  signal?: AbortSignal;
  onProgress?: (progress: ScoringProgress) => void;
  /** Receives each chunk's records as soon as they are scored (for saving them). */
  onRecords?: (records: ItemRecord[]) => void | Promise<void>;
  /** Records of items scored earlier (a resumed run); their items are not scored again. */
  done?: readonly ItemRecord[];
  /** Items per chunk; defaults to 16. */
  chunkSize?: number;
}

/** MMLU's questions by subject. */
export interface MmluData {
  test: ReadonlyMap<string, readonly MmluItem[]>;
  /** Dev split, the source of few-shot examples. */
  dev: ReadonlyMap<string, readonly MmluItem[]>;
}

/** What to run of MMLU. */
export interface MmluRunConfig {
  /** Subjects, in report order. */
  subjects: readonly string[];
  /** First `limit` questions per subject, like lm-evaluation-harness's --limit; null for all. */
  limit: number | null;
  settings: ProtocolSettings;
}

/** Selects the items of a run: the first `limit` questions of each subject, in subject order. Throws on an unknown subject. */
export function selectMmluItems(data: MmluData, config: Pick<MmluRunConfig, 'subjects' | 'limit'>): MmluItem[] {
  return config.subjects.flatMap((subject) => {
    const items = data.test.get(subject);
    if (!items) throw new RangeError(`unknown MMLU subject ${JSON.stringify(subject)}`);
    return config.limit === null ? [...items] : items.slice(0, config.limit);
  });
}

/**
 * Scores `items` chunk by chunk with `scoreChunk`, skipping items already in `hooks.done`, and returns
 * every record (earlier ones included) in item order.
 */
export async function scoreInChunks<T extends { id: string }>(
  task: string,
  items: readonly T[],
  scoreChunk: (chunk: T[]) => Promise<ItemRecord[]>,
  hooks: EvaluateHooks,
): Promise<ItemRecord[]> {
  const byId = new Map<string, ItemRecord>();
  for (const record of hooks.done ?? []) byId.set(record.itemId, record);
  const pending = items.filter((item) => !byId.has(item.id));
  const meter = new ProgressMeter(task, items.length, items.length - pending.length);
  hooks.onProgress?.(meter.snapshot());

  const chunkSize = hooks.chunkSize ?? 16;
  for (let start = 0; start < pending.length; start += chunkSize) {
    throwIfCancelled(hooks.signal);
    const chunk = pending.slice(start, start + chunkSize);
    const records = await scoreChunk(chunk);
    for (const record of records) byId.set(record.itemId, record);
    await hooks.onRecords?.(records);
    hooks.onProgress?.(meter.advance(chunk.length));
  }
  return items.map((item) => byId.get(item.id)!);
}

/** Scores MMLU items by log-likelihood of " A" … " D" (harness protocol). */
async function scoreMmluHarness(
  lm: CausalLM,
  data: MmluData,
  chunk: MmluItem[],
  numFewshot: number,
  signal?: AbortSignal,
): Promise<ItemRecord[]> {
  const requests = chunk.flatMap((item) => {
    const fewshot = (data.dev.get(item.subject) ?? []).slice(0, numFewshot);
    if (fewshot.length < numFewshot) {
      throw new RangeError(`${item.subject} has ${fewshot.length} dev examples, fewer than the ${numFewshot} shots asked for`);
    }
    return mmluHarnessRequests(item, fewshot);
  });
  const responses = await runLoglikelihood(lm, requests, signal);
  return chunk.map((item, i) => {
    const answers = responses.slice(i * 4, i * 4 + 4);
    const logprobs = answers.map((a) => a.logprob);
    let chosen = 0;
    logprobs.forEach((lp, k) => {
      if (lp > logprobs[chosen]!) chosen = k;
    });
    return {
      kind: 'choice', itemId: item.id, subset: item.subject, gold: item.answer, chosen,
      correct: chosen === item.answer, logprobs, greedy: answers.map((a) => a.greedy),
    };
  });
}

/** Scores MMLU items by sampled generation, one sample per run (study protocol). */
async function scoreMmluStudy(
  lm: CausalLM,
  chunk: MmluItem[],
  settings: Extract<ProtocolSettings, { protocol: 'study' }>,
  signal?: AbortSignal,
): Promise<ItemRecord[]> {
  const responses = await runGenerate(lm, chunk.map((item) => mmluStudyRequest(item, settings)), signal);
  return chunk.map((item, i) => {
    const outputs = responses[i]!.outputs;
    const answers = outputs.map(studyAnswerLetter);
    const gold = MMLU_LETTERS[item.answer]!;
    return { kind: 'generation', itemId: item.id, subset: item.subject, gold, outputs, answers, correct: answers.map((a) => a === gold) };
  });
}

/** Evaluates MMLU under the configured protocol and returns its figures and per-item records. */
export async function evaluateMmlu(
  lm: CausalLM,
  data: MmluData,
  config: MmluRunConfig,
  hooks: EvaluateHooks = {},
): Promise<TaskResult> {
  const items = selectMmluItems(data, config);
  const settings = config.settings;
  const records = await scoreInChunks(
    'mmlu',
    items,
    (chunk) =>
      settings.protocol === 'harness'
        ? scoreMmluHarness(lm, data, chunk, settings.numFewshot, hooks.signal)
        : scoreMmluStudy(lm, chunk, settings, hooks.signal),
    hooks,
  );
  return {
    task: 'mmlu',
    protocol: settings.protocol,
    settings,
    limit: config.limit,
    subsets: [...config.subjects],
    figures: accuracyFigures(MMLU_LABEL, 'mmlu', settings.protocol, config.subjects, records),
    items: records,
  };
}
