/**
 * Conversion between a SharedView and the JSON inside a version 1 permalink. Figures are rounded
 * as figureCodec.ts describes, and durations to whole milliseconds. Everything else is kept exactly.
 */
import { decodeBase64url, encodeBase64url } from './base64url';
import { bitWidth, packUints, unpackUints } from './bits';
import { encodeFigures, FigureReader, labelBaseOf } from './figureCodec';
import { PERMALINK_LIMITS, WireProblem, type WireItems, type WireTask, type WireView } from './schema';
import { pickViewSettings, type ItemCorrectness, type SharedRun, type SharedTask, type SharedView } from './view';
import type { Figure, ProtocolSettings } from '../engine/types';

/** Highest number of correct runs an item can have under these settings. */
function maxCorrectRuns(settings: ProtocolSettings): number {
  return settings.protocol === 'study' ? settings.nRuns : 1;
}

function itemsToWire(correctness: ItemCorrectness, settings: ProtocolSettings, path: string): WireItems {
  const max = maxCorrectRuns(settings);
  if (!Number.isSafeInteger(max) || max < 1) throw new WireProblem(`${path}`, `cannot be stored for ${max} runs per item`);
  const invalid = correctness.correctRuns.findIndex((n) => !Number.isInteger(n) || n < 0 || n > max);
  if (invalid >= 0) {
    throw new WireProblem(`${path}.correctRuns[${invalid}]`, `must be an integer from 0 to ${max}, got ${correctness.correctRuns[invalid]}`);
  }
  return {
    sizes: [...correctness.subsetSizes],
    hash: correctness.itemIdsHash,
    data: encodeBase64url(packUints(correctness.correctRuns, bitWidth(max))),
  };
}

/**
 * Converts a view to its wire JSON. Tasks for which `dropItems` returns true, and those already
 * marked `itemsDropped`, are written without per-item correctness. Throws a WireProblem for a figure
 * whose subset is not in its task or a count of correct runs outside 0..max.
 */
export function toWire(view: SharedView, dropItems: (task: SharedTask) => boolean = () => false): WireView {
  const runs = view.runs.map((run, r) => ({
    model: { ...run.model },
    // Counters are a benchmark detail; the link carries where the run happened, not how much it cost.
    execution: { device: run.execution.device, reason: run.execution.reason, backend: run.execution.backend },
    startedAt: run.startedAt,
    durationMs: Math.round(run.durationMs),
    tasks: run.tasks.map((task, t): WireTask => {
      const path = `runs[${r}].tasks[${t}]`;
      const labelBase = labelBaseOf(task);
      const wire: WireTask = {
        task: task.task,
        source: task.source,
        protocol: task.protocol,
        settings: { ...task.settings },
        limit: task.limit,
        subsets: [...task.subsets],
        labelBase,
        figures: encodeFigures(task, labelBase, path),
      };
      if (task.itemsDropped || (task.itemCorrectness !== undefined && dropItems(task))) wire.items = 'dropped';
      else if (task.itemCorrectness !== undefined) wire.items = itemsToWire(task.itemCorrectness, task.settings, `${path}.itemCorrectness`);
      return wire;
    }),
  }));
  const wire: WireView = { createdAt: view.createdAt, runs };
  if (view.view !== undefined) wire.view = pickViewSettings(view.view);
  return wire;
}

/**
 * Unpacks a task's per-item correctness. The subset sizes must agree with the item counts of the
 * subset figures, because the packed length alone cannot show a count off by less than a byte.
 * NOTE: this assumes that every subset figure covers all items of its subset. A metric scored on
 * part of a subset would make such results fail to encode, with code `invalid-view`.
 */
function itemsFromWire(items: WireItems, task: WireTask, figures: readonly Figure[], path: string): ItemCorrectness {
  if (items.sizes.length !== task.subsets.length) {
    throw new WireProblem(`${path}.sizes`, `has ${items.sizes.length} entries for ${task.subsets.length} subsets`);
  }
  const total = items.sizes.reduce((sum, n) => sum + n, 0);
  if (total > PERMALINK_LIMITS.itemsPerTask) {
    throw new WireProblem(`${path}.sizes`, `adds up to ${total} items, more than ${PERMALINK_LIMITS.itemsPerTask}`);
  }
  for (const figure of figures) {
    if (figure.subset === null) continue;
    const size = items.sizes[task.subsets.indexOf(figure.subset)];
    if (size !== figure.nItems) {
      throw new WireProblem(`${path}.sizes`, `gives ${figure.subset} ${size} items, but its figure covers ${figure.nItems}`);
    }
  }
  const decoded = decodeBase64url(items.data, true);
  if (!decoded.ok) throw new WireProblem(`${path}.data`, 'is not valid base64url');
  const max = maxCorrectRuns(task.settings);
  const values = unpackUints(decoded.bytes, bitWidth(max), total);
  if (values === null) throw new WireProblem(`${path}.data`, `does not hold exactly ${total} items`);
  const invalid = values.findIndex((n) => n > max);
  if (invalid >= 0) throw new WireProblem(`${path}.data`, `item ${invalid} has ${values[invalid]} correct runs, more than ${max}`);
  return { correctRuns: values, subsetSizes: [...items.sizes], itemIdsHash: items.hash };
}

function taskFromWire(task: WireTask, path: string): SharedTask {
  if (task.settings.protocol !== task.protocol) {
    throw new WireProblem(`${path}.settings.protocol`, `is ${task.settings.protocol} in a ${task.protocol} task`);
  }
  if (new Set(task.subsets).size !== task.subsets.length) throw new WireProblem(`${path}.subsets`, 'lists a subset twice');
  const reader = new FigureReader(task, path);
  const figures = task.figures.map((figure, f) => reader.read(figure, f));
  const shared: SharedTask = {
    task: task.task,
    source: task.source,
    protocol: task.protocol,
    settings: { ...task.settings },
    limit: task.limit,
    subsets: [...task.subsets],
    figures,
  };
  if (task.items === 'dropped') shared.itemsDropped = true;
  else if (task.items !== undefined) shared.itemCorrectness = itemsFromWire(task.items, task, figures, `${path}.items`);
  return shared;
}

/** Converts validated wire JSON to a view. Throws a WireProblem where fields disagree with each other. */
export function fromWire(wire: WireView): SharedView {
  const runs = wire.runs.map((run, r): SharedRun => ({
    model: { ...run.model },
    execution: { ...run.execution },
    startedAt: run.startedAt,
    durationMs: run.durationMs,
    tasks: run.tasks.map((task, t) => taskFromWire(task, `runs[${r}].tasks[${t}]`)),
  }));
  const view: SharedView = { version: 1, createdAt: wire.createdAt, runs };
  if (wire.view !== undefined) view.view = { ...wire.view };
  return view;
}
