/**
 * What a task is to the engine: how its items are scored under each protocol and how the records
 * become figures. A task module defines one TaskDefinition; prepareTask binds it to the items of a run.
 */
import type { CausalLM } from '../lm';
import type { Figure, HarnessSettings, ItemRecord, Protocol, ProtocolSettings, StudySettings } from '../types';

/** The tasks the workbench runs. */
export type TaskId = 'mmlu' | 'arc_easy' | 'arc_challenge' | 'commonsense_qa' | 'boolq' | 'squad_v2' | 'translation';

/** Every task id, in the order the UI lists them. */
export const TASK_IDS: readonly TaskId[] = ['mmlu', 'arc_easy', 'arc_challenge', 'commonsense_qa', 'boolq', 'squad_v2', 'translation'];

/** The fields every item has. */
export interface TaskItem {
  id: string;
  /** Group of the item (MMLU subject, translation direction); '' for tasks without groups. */
  subset: string;
}

/** What a scoring call gets besides its items. */
export interface ScoringContext<Item> {
  lm: CausalLM;
  signal?: AbortSignal;
  /** The first k few-shot examples for an item; throws when the pool has fewer than k. */
  fewshot(item: Item, k: number): Item[];
}

/** One task: its names, its scoring under both protocols, its figures. */
export interface TaskDefinition<Item extends TaskItem> {
  id: TaskId;
  /** Name in the UI. */
  name: string;
  /** Label in the study's report (`MMLU`, `ARC-e`, …). */
  label: string;
  scoreStudy(chunk: Item[], settings: StudySettings, context: ScoringContext<Item>): Promise<ItemRecord[]>;
  scoreHarness(chunk: Item[], settings: HarnessSettings, context: ScoringContext<Item>): Promise<ItemRecord[]>;
  /**
   * The figures of a finished run: per subset in `subsets` order, then the whole task. `items` are
   * the run's items, in the order of `records`.
   */
  figures(protocol: Protocol, subsets: readonly string[], records: readonly ItemRecord[], items: readonly Item[]): Figure[];
}

/** A task bound to the items of one run, with the item type hidden. */
export interface PreparedTask {
  taskId: TaskId;
  label: string;
  /** The data the items came from, in words (`ARC-Challenge validation, 299 questions`). */
  source: string;
  subsets: string[];
  itemIds: string[];
  /** Scores the items at `indexes` (positions in `itemIds`). */
  score(indexes: readonly number[], settings: ProtocolSettings, lm: CausalLM, signal?: AbortSignal): Promise<ItemRecord[]>;
  /** The figures of records that cover every item, in `itemIds` order. */
  figures(protocol: Protocol, records: readonly ItemRecord[]): Figure[];
}

/**
 * Binds a task to its items. `fewshotPool(item)` lists the item's few-shot candidates in order
 * (MMLU: its subject's dev questions); tasks without few-shot examples pass a function returning [].
 */
export function prepareTask<Item extends TaskItem>(
  task: TaskDefinition<Item>,
  items: readonly Item[],
  source: string,
  fewshotPool: (item: Item) => readonly Item[] = () => [],
): PreparedTask {
  const subsets = [...new Set(items.map((item) => item.subset))];
  const fewshot = (item: Item, k: number): Item[] => {
    const pool = fewshotPool(item);
    if (pool.length < k) {
      throw new RangeError(`${task.name}${item.subset ? ` ${item.subset}` : ''} has ${pool.length} few-shot examples, fewer than the ${k} asked for`);
    }
    return pool.slice(0, k);
  };
  return {
    taskId: task.id,
    label: task.label,
    source,
    subsets,
    itemIds: items.map((item) => item.id),
    score(indexes, settings, lm, signal) {
      const chunk = indexes.map((i) => items[i]!);
      const context: ScoringContext<Item> = { lm, signal, fewshot };
      return settings.protocol === 'study' ? task.scoreStudy(chunk, settings, context) : task.scoreHarness(chunk, settings, context);
    },
    figures(protocol, records) {
      return task.figures(protocol, subsets, records, items);
    },
  };
}

/** The first `limit` items of each subset, in order; all items when limit is null. */
export function limitPerSubset<Item extends TaskItem>(items: readonly Item[], limit: number | null): Item[] {
  if (limit === null) return [...items];
  const counts = new Map<string, number>();
  return items.filter((item) => {
    const n = counts.get(item.subset) ?? 0;
    counts.set(item.subset, n + 1);
    return n < limit;
  });
}
