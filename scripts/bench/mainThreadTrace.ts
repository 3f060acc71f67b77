/**
 * Durations of every task on a page's main thread, from a Chromium trace. The Long Tasks API only
 * reports tasks over 50 ms, so it does not show how far below that limit the longest task stayed.
 */

/** One event of Chrome's trace event format, as far as this file reads it. */
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

/** Trace categories that record each task the renderer's threads run and what ran inside it. */
export const TASK_CATEGORIES = ['toplevel', 'disabled-by-default-devtools.timeline', 'devtools.timeline', 'v8.execute'];

/** A task of the main thread: its duration and the longest event inside it, such as MajorGC or FunctionCall. */
export interface TracedTask {
  durationMs: number;
  cause: string;
}

/** Tasks of the main thread: how many, and the longest ones, longest first. */
export interface MainThreadTasks {
  count: number;
  longest: TracedTask[];
}

/** Events that only wrap a task and so never name its cause. */
const WRAPPERS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/**
 * Reads the tasks of the renderer main thread that runs a dedicated worker (the app's page) from a
 * trace recorded with TASK_CATEGORIES. Throws when the trace has no such thread.
 */
export function mainThreadTasks(trace: string, keep = 3): MainThreadTasks {
  const events = (JSON.parse(trace) as { traceEvents: TraceEvent[] }).traceEvents;
  const threadNames = events.filter((e) => e.ph === 'M' && e.name === 'thread_name');
  const withWorker = new Set(threadNames.filter((e) => e.args?.name === 'DedicatedWorker thread').map((e) => e.pid));
  const main = threadNames.find((e) => e.args?.name === 'CrRendererMain' && withWorker.has(e.pid));
  if (!main) throw new Error('the trace has no renderer main thread with a dedicated worker: record it while the app page runs a model');

  const thread = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined);
  const tasks = thread.filter((e) => e.name === 'RunTask').sort((a, b) => b.dur! - a.dur!);
  const longest = tasks.slice(0, keep).map((task) => {
    const inside = thread.filter((e) => !WRAPPERS.has(e.name) && e.ts >= task.ts && e.ts + e.dur! <= task.ts + task.dur!);
    const widest = inside.reduce<TraceEvent | null>((best, e) => (best === null || e.dur! > best.dur! ? e : best), null);
    return { durationMs: task.dur! / 1000, cause: widest ? `${widest.name} ${(widest.dur! / 1000).toFixed(1)} ms` : 'nothing traced inside' };
  });
  return { count: tasks.length, longest };
}
