/**
 * Runs a prepared task on a model in chunks of items. Each chunk's requests go to the runner
 * together, and its records are handed out as soon as they exist. Progress is reported after each
 * chunk, and a cancelled run stops between batches.
 */
import type { CausalLM } from './lm';
import { ProgressMeter, type ScoringProgress } from './progress';
import { throwIfCancelled } from './runner';
import type { PreparedTask } from './tasks/task';
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

/**
 * Scores the items of `itemIds` chunk by chunk with `scoreChunk` (which gets positions in
 * `itemIds`), skipping items already in `hooks.done`, and returns every record (earlier ones
 * included) in item order.
 */
export async function scoreInChunks(
  task: string,
  itemIds: readonly string[],
  scoreChunk: (indexes: number[]) => Promise<ItemRecord[]>,
  hooks: EvaluateHooks,
): Promise<ItemRecord[]> {
  const byId = new Map<string, ItemRecord>();
  const wanted = new Set(itemIds);
  for (const record of hooks.done ?? []) if (wanted.has(record.itemId)) byId.set(record.itemId, record);
  const pending = itemIds.flatMap((id, index) => (byId.has(id) ? [] : [index]));
  const meter = new ProgressMeter(task, itemIds.length, itemIds.length - pending.length);
  hooks.onProgress?.(meter.snapshot());

  const chunkSize = hooks.chunkSize ?? 16;
  for (let start = 0; start < pending.length; start += chunkSize) {
    // A cancel arrives as a message event, which runs only when the loop yields to the event loop:
    // a backend whose passes settle through promise jobs alone would otherwise never see it.
    if (hooks.signal) await new Promise((resolve) => setTimeout(resolve, 0));
    throwIfCancelled(hooks.signal);
    const chunk = pending.slice(start, start + chunkSize);
    const records = await scoreChunk(chunk);
    for (const record of records) byId.set(record.itemId, record);
    await hooks.onRecords?.(records);
    hooks.onProgress?.(meter.advance(chunk.length));
  }
  return itemIds.map((id) => byId.get(id)!);
}

/**
 * Evaluates a prepared task under the given protocol and returns its figures and per-item records.
 * `limit` is recorded with the result; the prepared items already respect it.
 */
export async function evaluateTask(
  lm: CausalLM,
  task: PreparedTask,
  settings: ProtocolSettings,
  limit: number | null,
  hooks: EvaluateHooks = {},
): Promise<TaskResult> {
  const records = await scoreInChunks(task.taskId, task.itemIds, (indexes) => task.score(indexes, settings, lm, hooks.signal), hooks);
  return {
    task: task.taskId,
    source: task.source,
    protocol: settings.protocol,
    settings,
    limit,
    subsets: [...task.subsets],
    figures: task.figures(settings.protocol, records),
    items: records,
  };
}
