/**
 * The request set in Debian's Chromium on the built app: WASM and WebGPU (SwiftShader on a machine
 * without a GPU), each with the fast and the naive plan, and the main thread's longest task while
 * the app's own run is going.
 *
 * The long-task run also traces the main thread, so the longest task is known even when it is
 * under the 50 ms from which the browser reports long tasks.
 *
 * The throughput runs start a second model worker from the built worker script with a small page
 * script (the app's page code is left as it is) and send it the protocol's `run` call, whose result
 * carries the backend's counters. The long-task run drives the app's form as a user does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import type { ModelRun } from '../../src/engine/results';
import type { RunParams } from '../../src/worker/protocol';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/chromium';
import { fillRunForm } from '../../e2e/workbench';
import { mainThreadTasks, TASK_CATEGORIES, type MainThreadTasks } from './mainThreadTrace';
import { startPeakSampler } from './memory';
import type { BackendMeasure, PlanMeasure } from './measure';
import { BENCH_MODEL, BENCH_PROTOCOLS, BENCH_SUBJECTS, benchSelections } from './requestSet';

/** Long tasks of the page's main thread during one run of the app. */
export interface LongTaskMeasure {
  device: 'wasm' | 'webgpu';
  seconds: number;
  /** Each long task: its start after the click on Start, and its duration, milliseconds. */
  tasks: { startMs: number; durationMs: number; cause: string }[];
  /** Every task of the main thread over the same time, from a trace. */
  traced: MainThreadTasks;
}

/** The browser figures, and what the page reports of its environment. */
export interface BrowserBench {
  measures: BackendMeasure[];
  longTasks: LongTaskMeasure[];
  /** `crossOriginIsolated` and `navigator.hardwareConcurrency` of the app's page, in words. */
  environment: string;
}

/** Runs a command to its end; rejects when it fails. */
function run(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Stops a child started with `detached: true` and every process in its group. */
function stopGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // The group has already ended.
  }
}

/** Starts `vite preview` on the built app and resolves once it responds. */
async function startPreview(outDir: string, port: number): Promise<ChildProcess> {
  // Vite rejects a second preview of one project without --bypass-lock. This one serves its own
  // build folder on its own port, so it can run beside a developer's preview.
  const child = spawn('npx', ['vite', 'preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--bypass-lock'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    // Its own process group, so that stopping it also stops the vite process that npx starts.
    detached: true,
  });
  let exited = false;
  child.on('exit', () => (exited = true));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && !exited) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return child;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  stopGroup(child);
  throw new Error(`vite preview ${exited ? 'exited' : 'did not answer'} on 127.0.0.1:${port}; see its output above`);
}

/**
 * The page script of a throughput run: starts a model worker from `workerUrl`, sends one `run`
 * call and returns its result. It is a string because the page receives it as source text.
 */
const RUN_IN_WORKER = `async ({ workerUrl, params }) => {
  params.context = { bundledUrl: new URL('hub', document.baseURI).href, token: null };
  const worker = new Worker(workerUrl, { type: 'module', name: 'bench-worker' });
  try {
    return await new Promise((resolve, reject) => {
      worker.addEventListener('message', (event) => {
        const message = event.data;
        if (message.id !== 1) return;
        if (message.type === 'result') resolve(message.result);
        else if (message.type === 'error') reject(new Error(message.error.code + ': ' + message.error.message));
      });
      worker.addEventListener('error', (event) => reject(new Error('the bench worker failed: ' + event.message)));
      worker.postMessage({ type: 'call', id: 1, kind: 'run', params });
    });
  } finally {
    worker.terminate();
  }
}`;

async function runPlanInWorker(page: Page, workerUrl: string, params: Omit<RunParams, 'context'>, browserPid: number): Promise<PlanMeasure> {
  const sampler = startPeakSampler(browserPid);
  const runs = (await page.evaluate(`(${RUN_IN_WORKER})(${JSON.stringify({ workerUrl, params })})`)) as ModelRun[];
  const peakBytes = sampler.stop();
  const [modelRun] = runs;
  if (!modelRun?.execution.counters) throw new Error('the worker returned no counters');
  const items = modelRun.tasks.reduce((sum, task) => sum + task.items.length, 0);
  return { seconds: modelRun.durationMs / 1000, items, counters: modelRun.execution.counters, peakBytes };
}

async function benchDevice(page: Page, workerUrl: string, device: 'wasm' | 'webgpu', limit: number, browserPid: number): Promise<BackendMeasure> {
  const params = (naive: boolean, runId: string): Omit<RunParams, 'context'> => ({
    runId, models: [{ ...BENCH_MODEL }], device, tasks: benchSelections(limit), protocols: BENCH_PROTOCOLS, naive,
  });
  // The first run downloads the model into IndexedDB and warms the backend up.
  await runPlanInWorker(page, workerUrl, params(false, `warm-${device}`), browserPid);
  const fast = await runPlanInWorker(page, workerUrl, params(false, `fast-${device}`), browserPid);
  const naive = await runPlanInWorker(page, workerUrl, params(true, `naive-${device}`), browserPid);
  const name = device === 'wasm' ? 'WASM (Chromium)' : 'WebGPU (Chromium)';
  return { backend: name, fast, naive };
}

/** Options of the browser part: which measurements run. */
export interface BrowserBenchOptions {
  /** Whether to measure the fast and naive plans in a worker (default true). */
  throughput?: boolean;
  /** Runs of the app's job per device while long tasks are recorded (default 1). */
  appRuns?: number;
}

/** Runs the app's MMLU job through its form and records the main thread's long tasks meanwhile. */
async function measureLongTasks(page: Page, device: 'wasm' | 'webgpu', limit: number): Promise<LongTaskMeasure> {
  await page.reload();
  await page.evaluate(`(() => {
    window.benchLongTasks = [];
    window.benchFrames = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.benchLongTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask' });
    // Long animation frames name the scripts that ran and split off style and layout.
    new PerformanceObserver((list) => {
      for (const f of list.getEntries()) {
        const layout = f.styleAndLayoutStart > 0 ? f.startTime + f.duration - f.styleAndLayoutStart : 0;
        const scripts = f.scripts.map((x) => ({ invoker: x.invoker, duration: x.duration, file: (x.sourceURL || '').split('/').pop() }));
        window.benchFrames.push({ start: f.startTime, end: f.startTime + f.duration, layout, scripts });
      }
    }).observe({ type: 'long-animation-frame' });
  })()`);
  await fillRunForm(page, { subjects: BENCH_SUBJECTS, limit, study: true, harness: true, studyRuns: 10, device });
  await page.waitForTimeout(1000);
  const browser = page.context().browser();
  if (!browser) throw new Error('the page has no browser to trace');
  await browser.startTracing(page, { categories: TASK_CATEGORIES });
  const clickedAt = (await page.evaluate('performance.now()')) as number;
  const started = performance.now();
  await page.getByTestId('start-run').click();
  await page.getByTestId('cancel-run').waitFor({ state: 'visible' });
  await page.getByTestId('start-run').waitFor({ state: 'visible', timeout: 20 * 60_000 });
  // Long tasks of the results' first rendering come right after the run; wait for them to be reported.
  await page.waitForTimeout(2000);
  const traced = mainThreadTasks((await browser.stopTracing()).toString('utf8'));
  const seconds = (performance.now() - started) / 1000;
  if ((await page.getByTestId('run-error').count()) > 0) throw new Error(`the app's run failed: ${await page.getByTestId('run-error').innerText()}`);
  const entries = (await page.evaluate('window.benchLongTasks')) as { start: number; duration: number }[];
  const frames = (await page.evaluate('window.benchFrames')) as AnimationFrame[];
  const tasks = entries
    .filter((e) => e.start >= clickedAt)
    .map((e) => ({ startMs: e.start - clickedAt, durationMs: e.duration, cause: frameCause(frames, e.start, e.start + e.duration) }));
  return { device, seconds, tasks, traced };
}

/** A long animation frame as the page recorded it: its scripts and its style-and-layout time. */
interface AnimationFrame {
  start: number;
  end: number;
  layout: number;
  scripts: { invoker: string; duration: number; file: string }[];
}

/** Describes what ran in the animation frames that overlap a long task: its longest scripts and the layout. */
function frameCause(frames: readonly AnimationFrame[], start: number, end: number): string {
  const overlapping = frames.filter((f) => f.start < end && f.end > start);
  if (overlapping.length === 0) return 'no long animation frame overlaps it';
  const scripts = overlapping.flatMap((f) => f.scripts).sort((a, b) => b.duration - a.duration).slice(0, 2);
  const layout = overlapping.reduce((sum, f) => sum + f.layout, 0);
  const parts = scripts.map((x) => `${x.invoker} ${x.duration.toFixed(0)} ms`);
  if (layout > 0) parts.push(`style and layout ${layout.toFixed(0)} ms`);
  return parts.join(', ');
}

/** Builds and serves the app, then measures each device in Chromium. Stops the server and browser at the end. */
export async function benchBrowser(limit: number, devices: readonly ('wasm' | 'webgpu')[], options: BrowserBenchOptions = {}): Promise<BrowserBench> {
  const { throughput = true, appRuns = 1 } = options;
  const outDir = mkdtempSync(join(tmpdir(), 'bench-dist-'));
  await run('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn']);
  const workerFile = readdirSync(join(outDir, 'assets')).find((f) => /^worker-.*\.js$/.test(f));
  if (!workerFile) throw new Error(`the build in ${outDir} has no assets/worker-*.js`);
  const port = await freePort();
  const preview = await startPreview(outDir, port);
  const server = await chromium.launchServer({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const browser = await chromium.connect(server.wsEndpoint());
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const baseUrl = `http://127.0.0.1:${port}/`;
    await page.goto(baseUrl);
    const browserPid = server.process().pid!;
    const environment = (await page.evaluate(
      '`The app page: crossOriginIsolated ${self.crossOriginIsolated}, hardwareConcurrency ${navigator.hardwareConcurrency}`',
    )) as string;
    const measures: BackendMeasure[] = [];
    const longTasks: LongTaskMeasure[] = [];
    for (const device of devices) {
      if (throughput) measures.push(await benchDevice(page, `${baseUrl}assets/${workerFile}`, device, limit, browserPid));
      for (let i = 0; i < appRuns; i++) longTasks.push(await measureLongTasks(page, device, limit));
    }
    await browser.close();
    return { measures, longTasks, environment };
  } finally {
    await server.close();
    stopGroup(preview);
    rmSync(outDir, { recursive: true, force: true });
  }
}
