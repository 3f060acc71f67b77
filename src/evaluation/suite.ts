/**
 * A suite: the tasks and protocols of one evaluation, with their items loaded once and run on each
 * model in turn. The worker and the command line both evaluate through here.
 */
import { loadTask, type DataAccess, type DataSource } from '../datasets/catalog';
import type { CorpusId } from '../datasets/corpora';
import { evaluateTask, type EvaluateHooks } from '../engine/evaluate';
import type { CausalLM } from '../engine/lm';
import type { ScoringProgress } from '../engine/progress';
import type { PreparedTask, TaskId } from '../engine/tasks/task';
import type { ItemRecord, Protocol, ProtocolSettings, TaskResult } from '../engine/types';

/** One task of a suite as the user chose it. */
export interface TaskSelection {
  taskId: TaskId;
  /** MMLU subjects or translation directions; null for all. */
  subsets: string[] | null;
  /** First `limit` items per subset; null for all. */
  limit: number | null;
  /** Corpus per language pair, for translation. */
  corpora?: Partial<Record<'en-ru' | 'en-zh', CorpusId>>;
  /** The source of the items; the bundled copies when absent. */
  source?: DataSource;
}

/** One (task, protocol) entry of a suite, its items loaded. */
export interface SuiteEntry {
  selection: TaskSelection;
  settings: ProtocolSettings;
  prepared: PreparedTask;
}

/** Key of an entry's records, for saving and resuming them. */
export function entryKey(taskId: TaskId, protocol: Protocol): string {
  return `${taskId}:${protocol}`;
}

/** Loads the items of every (task, protocol) pair, tasks in the given order, study first. */
export async function prepareSuite(
  selections: readonly TaskSelection[],
  protocols: readonly ProtocolSettings[],
  access: DataAccess,
): Promise<SuiteEntry[]> {
  const entries: SuiteEntry[] = [];
  for (const selection of selections) {
    for (const settings of protocols) {
      const prepared = await loadTask({ ...selection, protocol: settings.protocol }, access);
      entries.push({ selection, settings, prepared });
    }
  }
  return entries;
}

/** Callbacks of a suite run on one model. */
export interface SuiteHooks {
  signal?: AbortSignal;
  onProgress?: (entry: SuiteEntry, progress: ScoringProgress) => void;
  onRecords?: (entry: SuiteEntry, records: ItemRecord[]) => void | Promise<void>;
  /** Records saved earlier, by entryKey, so an interrupted run resumes. */
  done?: Record<string, readonly ItemRecord[]>;
  chunkSize?: number;
}

/** Runs every entry of the suite on the model and returns one result per entry, in order. */
export async function runSuite(lm: CausalLM, entries: readonly SuiteEntry[], hooks: SuiteHooks = {}): Promise<TaskResult[]> {
  const results: TaskResult[] = [];
  for (const entry of entries) {
    const key = entryKey(entry.prepared.taskId, entry.settings.protocol);
    const evaluateHooks: EvaluateHooks = {
      signal: hooks.signal,
      done: hooks.done?.[key] ?? [],
      chunkSize: hooks.chunkSize,
      onProgress: (progress) => hooks.onProgress?.(entry, progress),
      onRecords: (records) => hooks.onRecords?.(entry, records),
    };
    results.push(await evaluateTask(lm, entry.prepared, entry.settings, entry.selection.limit, evaluateHooks));
  }
  return results;
}
