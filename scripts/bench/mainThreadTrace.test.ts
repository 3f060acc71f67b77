import { describe, expect, it } from 'vitest';
import { mainThreadTasks } from './mainThreadTrace';

const thread = (pid: number, tid: number, name: string) => ({ name: 'thread_name', ph: 'M', pid, tid, ts: 0, args: { name } });
const span = (name: string, pid: number, tid: number, ts: number, dur: number) => ({ name, ph: 'X', pid, tid, ts, dur });

/** A trace of two renderers: the app's (pid 2, with a worker) and another page's (pid 3). */
const TRACE = JSON.stringify({
  traceEvents: [
    thread(2, 20, 'CrRendererMain'),
    thread(2, 21, 'DedicatedWorker thread'),
    thread(3, 30, 'CrRendererMain'),
    span('RunTask', 2, 20, 1_000, 12_000),
    span('ThreadControllerImpl::RunTask', 2, 20, 1_000, 11_900),
    span('FunctionCall', 2, 20, 1_100, 10_000),
    span('RunTask', 2, 20, 20_000, 40_000),
    span('MajorGC', 2, 20, 20_100, 39_000),
    span('RunTask', 2, 20, 70_000, 3_000),
    // Longer, but on the worker's thread and on the other renderer's main thread.
    span('RunTask', 2, 21, 0, 500_000),
    span('RunTask', 3, 30, 0, 900_000),
  ],
});

describe('mainThreadTasks', () => {
  it('counts only the app page main thread', () => {
    expect(mainThreadTasks(TRACE).count).toBe(3);
  });

  it('lists the longest tasks first', () => {
    expect(mainThreadTasks(TRACE, 2).longest.map((task) => task.durationMs)).toEqual([40, 12]);
  });

  it('names the widest event inside a task', () => {
    const [gc, call, bare] = mainThreadTasks(TRACE).longest;
    expect(gc!.cause).toBe('MajorGC 39.0 ms');
    expect(call!.cause).toBe('FunctionCall 10.0 ms');
    expect(bare!.cause).toBe('nothing traced inside');
  });

  it('rejects a trace without the app page', () => {
    const other = JSON.stringify({ traceEvents: [thread(3, 30, 'CrRendererMain'), span('RunTask', 3, 30, 0, 10)] });
    expect(() => mainThreadTasks(other)).toThrow(/no renderer main thread with a dedicated worker/);
  });
});
