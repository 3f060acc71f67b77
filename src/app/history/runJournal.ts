/**
 * The journal of the run under way: its parameters, written when it starts, and each batch of
 * records the worker reports, written as it arrives. After a reload, a crash or a cancel, the saved
 * records go back to the worker as `RunParams.done`, and the engine scores only the items missing.
 *
 * Keys in the run store (version 1):
 * - `journal`: JournalHead, the parameters (without the access token) and the form they came from;
 * - `journal-batch:{runId}:{n}`: the n-th batch of records, written in one transaction with
 * - `journal-count:{runId}`: how many batches are written.
 */
import type { ItemRecord } from '../../engine/types';
import { deleteRunValues, getRunValue, setRunValues } from '../../hub/store';
import type { RunParams } from '../../worker/protocol';
import type { RunConfig } from '../runs/runStore';

const HEAD_KEY = 'journal';
const JOURNAL_VERSION = 1;

/** The part of a run that its journal keeps: the parameters without the token, and the form. */
export interface JournalHead {
  version: typeof JOURNAL_VERSION;
  runId: string;
  startedAt: string;
  /** `running` while a tab runs it; `stopped` after a cancel or an error. */
  status: 'running' | 'stopped';
  params: Omit<RunParams, 'done' | 'context'>;
  config: RunConfig;
}

/** One batch of records of one model, task and protocol. */
interface JournalBatch {
  /** `{model index}:{task}:{protocol}`, the key of RunParams.done. */
  key: string;
  records: ItemRecord[];
}

/** A run that was interrupted, with its records grouped as RunParams.done expects. */
export interface InterruptedRun {
  head: JournalHead;
  done: Record<string, ItemRecord[]>;
  /** Distinct items saved, over all models, tasks and protocols. */
  savedItems: number;
}

/** Key of RunParams.done: `{model index}:{task}:{protocol}`, as the worker's run handler reads it. */
const doneKey = (modelIndex: number, taskKey: string) => `${modelIndex}:${taskKey}`;
const countKey = (runId: string) => `journal-count:${runId}`;
const batchKey = (runId: string, n: number) => `journal-batch:${runId}:${n}`;

/** Writes the batches of one run in order, one transaction per batch. */
export class RunJournal {
  private count: number;
  private queue: Promise<void> = Promise.resolve();
  private failure: Error | null = null;

  private constructor(readonly head: JournalHead, count: number) {
    this.count = count;
  }

  /** Starts the journal of a new run, replacing any earlier one. Throws a StorageError when it cannot be written. */
  static async begin(params: RunParams, config: RunConfig): Promise<RunJournal> {
    await discardJournal();
    const { done: _done, context: _context, ...rest } = params;
    const head: JournalHead = { version: JOURNAL_VERSION, runId: params.runId, startedAt: new Date().toISOString(), status: 'running', params: rest, config };
    await setRunValues([[HEAD_KEY, head], [countKey(head.runId), 0]]);
    return new RunJournal(head, 0);
  }

  /** Continues the journal of an interrupted run and marks it running again. */
  static async resume(interrupted: InterruptedRun): Promise<RunJournal> {
    const head: JournalHead = { ...interrupted.head, status: 'running' };
    await setRunValues([[HEAD_KEY, head]]);
    const count = (await getRunValue<number>(countKey(head.runId))) ?? 0;
    return new RunJournal(head, count);
  }

  /** Queues a batch of records; writes happen in arrival order. */
  append(modelIndex: number, taskKey: string, records: ItemRecord[]): void {
    const batch: JournalBatch = { key: doneKey(modelIndex, taskKey), records };
    this.queue = this.queue.then(async () => {
      const n = this.count;
      try {
        await setRunValues([[batchKey(this.head.runId, n), batch], [countKey(this.head.runId), n + 1]]);
        this.count = n + 1;
      } catch (error) {
        this.failure ??= error as Error;
      }
    });
  }

  /** Waits for every queued write; returns the first write error, or null. */
  async flush(): Promise<Error | null> {
    await this.queue;
    return this.failure;
  }

  /**
   * Marks the run stopped (cancelled or failed), keeping its records for a later resume. Deletes
   * the journal instead when no batch was saved, because resuming such a run would only start it over.
   */
  async stop(): Promise<void> {
    await this.flush();
    if (this.count === 0) {
      await discardJournal();
      return;
    }
    await setRunValues([[HEAD_KEY, { ...this.head, status: 'stopped' }]]);
  }

  /** Deletes the journal once the run's results are saved. */
  async close(): Promise<void> {
    await this.flush();
    await discardJournal();
  }
}

/** Reads the journal of an interrupted run, merging its batches by item; null when there is none. */
export async function readInterruptedRun(): Promise<InterruptedRun | null> {
  const head = await getRunValue<JournalHead>(HEAD_KEY);
  if (!head || head.version !== JOURNAL_VERSION) return null;
  const count = (await getRunValue<number>(countKey(head.runId))) ?? 0;
  const byKey = new Map<string, Map<string, ItemRecord>>();
  for (let n = 0; n < count; n++) {
    const batch = await getRunValue<JournalBatch>(batchKey(head.runId, n));
    if (!batch) continue;
    const records = byKey.get(batch.key) ?? new Map<string, ItemRecord>();
    for (const record of batch.records) records.set(record.itemId, record);
    byKey.set(batch.key, records);
  }
  const done = Object.fromEntries([...byKey].map(([key, records]) => [key, [...records.values()]]));
  const savedItems = [...byKey.values()].reduce((sum, records) => sum + records.size, 0);
  return { head, done, savedItems };
}

/** Deletes the journal and its batches. */
export async function discardJournal(): Promise<void> {
  const head = await getRunValue<JournalHead>(HEAD_KEY);
  if (!head) return;
  const count = (await getRunValue<number>(countKey(head.runId))) ?? 0;
  await deleteRunValues([HEAD_KEY, countKey(head.runId), ...Array.from({ length: count + 1 }, (_, n) => batchKey(head.runId, n))]);
}
