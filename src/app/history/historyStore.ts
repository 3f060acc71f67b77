/**
 * The history of finished runs in IndexedDB: each run saved with its results and the form it came
 * from, newest first. The newest reopens on reload.
 *
 * Keys in the run store (version 1):
 * - `history-index`: HistoryIndex, the list of saved runs, newest first;
 * - `history:{id}`: HistoryRecord, one run's results;
 * - `last-results`: read only, the single saved result of earlier versions of the app.
 */
import type { ModelRun } from '../../engine/results';
import { reportName } from '../../engine/results';
import { deleteRunValues, getRunValue, setRunValues } from '../../hub/store';

const INDEX_KEY = 'history-index';
const LEGACY_KEY = 'last-results';
const HISTORY_VERSION = 1;

/** A saved run as the history lists it. */
export interface HistoryEntry {
  id: string;
  savedAt: string;
  /** Repository of each model, in series order. */
  models: string[];
  /** `{task}:{protocol}` of each result of the first model. */
  tasks: string[];
  /** Items scored per model, summed over tasks and protocols. */
  items: number;
}

interface HistoryIndex {
  version: typeof HISTORY_VERSION;
  entries: HistoryEntry[];
}

/** One saved run: its results with every per-item record. */
export interface HistoryRecord {
  version: typeof HISTORY_VERSION;
  id: string;
  savedAt: string;
  runs: ModelRun[];
}

const recordKey = (id: string) => `history:${id}`;

/** Reads the list of saved runs, newest first. */
export async function listHistory(): Promise<HistoryEntry[]> {
  const index = await getRunValue<HistoryIndex>(INDEX_KEY);
  return index?.version === HISTORY_VERSION ? index.entries : [];
}

/** Summarizes runs for the history list. */
export function entryOf(id: string, savedAt: string, runs: readonly ModelRun[]): HistoryEntry {
  const first = runs[0];
  return {
    id,
    savedAt,
    models: runs.map((run) => run.model.repo),
    tasks: first ? first.tasks.map((task) => `${task.task}:${task.protocol}`) : [],
    items: first ? first.tasks.reduce((sum, task) => sum + task.items.length, 0) : 0,
  };
}

/** Saves a finished run under `id` and puts it first in the list. Throws a StorageError when it cannot be written. */
export async function saveToHistory(id: string, runs: ModelRun[]): Promise<HistoryEntry> {
  const savedAt = new Date().toISOString();
  const entry = entryOf(id, savedAt, runs);
  const entries = [entry, ...(await listHistory()).filter((e) => e.id !== id)];
  const record: HistoryRecord = { version: HISTORY_VERSION, id, savedAt, runs };
  await setRunValues([[recordKey(id), record], [INDEX_KEY, { version: HISTORY_VERSION, entries } satisfies HistoryIndex]]);
  return entry;
}

/** Reads a saved run's results; null when it is gone. */
export async function readHistory(id: string): Promise<ModelRun[] | null> {
  const record = await getRunValue<HistoryRecord>(recordKey(id));
  return record?.version === HISTORY_VERSION && Array.isArray(record.runs) ? record.runs : null;
}

/** Deletes saved runs from the list and the store. */
export async function deleteHistory(ids: readonly string[]): Promise<void> {
  const removed = new Set(ids);
  const entries = (await listHistory()).filter((e) => !removed.has(e.id));
  await setRunValues([[INDEX_KEY, { version: HISTORY_VERSION, entries } satisfies HistoryIndex]]);
  await deleteRunValues(ids.map(recordKey));
}

/**
 * Reads the newest saved run. A result saved by an earlier version of the app, under its single
 * key, is moved into the history first.
 */
export async function readNewest(): Promise<ModelRun[] | null> {
  const legacy = await getRunValue<{ runs?: ModelRun[]; savedAt?: string }>(LEGACY_KEY);
  if (legacy && Array.isArray(legacy.runs) && legacy.runs.length > 0) {
    await saveToHistory(`legacy-${legacy.savedAt ?? 'run'}`, legacy.runs);
    await deleteRunValues([LEGACY_KEY]);
  }
  const newest = (await listHistory())[0];
  return newest ? readHistory(newest.id) : null;
}

/** Describes an entry's models in short, as the report names them. */
export function describeModels(entry: HistoryEntry): string {
  return entry.models.map((repo) => reportName({ endpoint: '', repo, revision: '', commit: '', dtype: '' })).join(' vs ');
}
