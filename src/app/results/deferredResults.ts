/**
 * The results as the heavy panels (chart, comparison, explorer) draw them, deferred with React's
 * useDeferredValue. Worker messages update the stores synchronously. The panels then re-render in a
 * background pass that React splits into short slices, so one message does not block the page for long.
 */
import { useDeferredValue, useMemo } from 'react';
import type { Protocol } from '../../engine/types';
import type { TaskId } from '../../engine/tasks/task';
import { shownRuns, useResults, type ViewOptions } from './resultsStore';
import type { ViewRun } from './viewModel';

/** The deferred runs, published series, both together, and the view options. */
export interface DeferredResults {
  runs: ViewRun[];
  published: ViewRun[];
  all: ViewRun[];
  view: ViewOptions;
  task: TaskId;
  protocol: Protocol;
}

/** Reads the results store and returns its values deferred; `all` keeps its identity while they do. */
export function useDeferredResults(): DeferredResults {
  const runs = useDeferredValue(useResults((s) => s.runs));
  const published = useDeferredValue(useResults((s) => s.published));
  const view = useDeferredValue(useResults((s) => s.view));
  const all = useMemo(() => shownRuns({ runs, published }), [runs, published]);
  return { runs, published, all, view, task: view.task, protocol: view.protocol };
}
