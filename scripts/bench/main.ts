/**
 * `npm run bench`: runs the fixed request set on onnxruntime-node, and on WASM and WebGPU in
 * Debian's Chromium, each with the fast plan and the naive plan in the same run. It prints a table
 * of the figures and the main thread's long tasks during the app's own runs.
 *
 * Options:
 * - `--limit N`: items per MMLU subject and of ARC-Challenge (default 4).
 * - `--node-only`: skips the browser. `--devices wasm,webgpu` picks the browser devices.
 * - `--skip-kernels`: skips the kernel timings of onnxruntime-node against onnxruntime-web's WASM build in Node.
 * - `--main-thread-only`: measures only the main thread during the app's runs.
 * - `--app-runs N`: runs of the app per device while long tasks are recorded (default 1). The first
 *   run on a fresh browser profile also downloads the models.
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { benchBrowser } from './browserBench';
import { formatTable, type BackendMeasure } from './measure';
import { benchNode } from './nodeBench';
import { BENCH_MODEL, BENCH_SUBJECTS } from './requestSet';

const { values } = parseArgs({
  options: {
    limit: { type: 'string', default: '4' },
    'node-only': { type: 'boolean', default: false },
    devices: { type: 'string', default: 'wasm,webgpu' },
    'skip-kernels': { type: 'boolean', default: false },
    'main-thread-only': { type: 'boolean', default: false },
    'app-runs': { type: 'string', default: '1' },
  },
});
const limit = Number(values.limit);
if (!Number.isInteger(limit) || limit < 1) throw new Error(`--limit must be a whole number >= 1, got ${values.limit}`);
const appRuns = Number(values['app-runs']);
if (!Number.isInteger(appRuns) || appRuns < 1) throw new Error(`--app-runs must be a whole number >= 1, got ${values['app-runs']}`);
const mainThreadOnly = values['main-thread-only'];
const devices = values.devices.split(',').map((d) => d.trim());
for (const device of devices) if (device !== 'wasm' && device !== 'webgpu') throw new Error(`--devices takes wasm and webgpu, got ${device}`);

console.log(`Request set: ${BENCH_MODEL.repo} (${BENCH_MODEL.dtype}); MMLU [${BENCH_SUBJECTS.join(', ')}] and ARC-Challenge, ${limit} items each;`);
console.log('harness (0-shot) and study (10 runs, temperature 1); fast = cache, sharing and batching; naive = one pass per choice, run and token.');
const measures: BackendMeasure[] = mainThreadOnly ? [] : [await benchNode(limit)];
const longTaskLines: string[] = [];
if (!values['node-only']) {
  const browser = await benchBrowser(limit, devices as ('wasm' | 'webgpu')[], { throughput: !mainThreadOnly, appRuns });
  measures.push(...browser.measures);
  longTaskLines.push(browser.environment);
  longTaskLines.push(...browser.longTasks.map((t) => {
    const longest = t.traced.longest.map((task) => `${task.durationMs.toFixed(1)} (${task.cause})`).join(', ');
    const list = t.tasks.map((task) => `${task.durationMs.toFixed(0)} ms at ${(task.startMs / 1000).toFixed(1)} s (${task.cause})`).join(', ');
    return `Main thread during the app's run on ${t.device} (${t.seconds.toFixed(0)} s from Start): ${t.traced.count} tasks, longest ${longest} ms; tasks over 50 ms: ${list || 'none'}`;
  }));
}
if (measures.length > 0) {
  console.log('');
  for (const line of formatTable(measures)) console.log(line);
}
console.log('');
for (const line of longTaskLines) console.log(line);
if (!values['skip-kernels'] && !mainThreadOnly) {
  console.log('');
  console.log('Kernels in Node, fastest of 9 passes of the tiny model\'s graph at the shapes of the request set:');
  // One child process per WASM thread count: onnxruntime-web fixes its thread count at its first session.
  for (const [threads, withNode] of [[1, true], [2, false]] as const) {
    const args = ['tsx', 'scripts/bench/kernelsProcess.ts', String(threads), ...(withNode ? ['node'] : [])];
    process.stdout.write(execFileSync('npx', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
  }
}
