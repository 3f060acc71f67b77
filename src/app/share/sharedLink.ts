/**
 * The share link: the results view encoded after `#r=` in the page's URL, and read back on open.
 */
import type { ModelRun } from '../../engine/results';
import { decodePermalink, encodeFittedPermalink, PermalinkError, type DroppedItems } from '../../share/permalink';
import { toSharedView, type SharedRun, type SharedView } from '../../share/view';
import { TASK_IDS, type TaskId } from '../../engine/tasks/task';
import type { ViewOptions } from '../results/resultsStore';
import type { ViewRun } from '../results/viewModel';

const PREFIX = '#r=';

function hasItems(run: ViewRun): run is ModelRun {
  return run.tasks.every((task) => 'items' in task);
}

/**
 * The shareable form of the series on screen: full runs lose their records for per-item correctness;
 * runs opened from a link and published series pass through as they are.
 */
export function sharedViewOf(runs: readonly ViewRun[], view: ViewOptions): SharedView {
  const shared = runs.map((run): SharedRun => (hasItems(run) ? toSharedView([run]).runs[0]! : (run as SharedRun)));
  return { version: 1, createdAt: new Date().toISOString(), runs: shared, view: { ...view } };
}

/**
 * The URL that opens the given results in any browser, and the tasks whose per-question results it
 * left out to fit. Throws a PermalinkError when even the figures alone do not fit in a link.
 */
export function buildShareUrl(runs: readonly ViewRun[], view: ViewOptions): { url: string; dropped: DroppedItems[] } {
  const { payload, dropped } = encodeFittedPermalink(sharedViewOf(runs, view));
  const url = new URL(window.location.href);
  url.hash = '';
  return { url: `${url.href}${PREFIX}${payload}`, dropped };
}

/** What the page's fragment holds: nothing to show, a decoded view, or the reason it cannot be shown. */
export type SharedLinkState =
  | { kind: 'none' }
  | { kind: 'view'; runs: SharedRun[]; view: Partial<ViewOptions> }
  | { kind: 'invalid'; message: string };

/** Reads a share link from a URL fragment; never throws. */
export function readSharedLink(hash: string): SharedLinkState {
  if (!hash.startsWith(PREFIX)) return { kind: 'none' };
  try {
    const shared = decodePermalink(hash.slice(PREFIX.length));
    const { task, ...rest } = shared.view ?? {};
    const view: Partial<ViewOptions> = { ...rest, ...(TASK_IDS.includes(task as TaskId) ? { task: task as TaskId } : {}) };
    return { kind: 'view', runs: shared.runs, view };
  } catch (error) {
    if (error instanceof PermalinkError) return { kind: 'invalid', message: error.message };
    const detail = error instanceof Error ? error.message : String(error);
    return { kind: 'invalid', message: `This link could not be read (${detail}). Ask for the link again, or for the results file.` };
  }
}
