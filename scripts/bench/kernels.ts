/**
 * Forward passes of the tiny model's ONNX graph in this Node process, on onnxruntime-node and on
 * onnxruntime-web's WASM build, with 1 and 2 threads, at the shapes the two plans use. This
 * separates the kernels' speed from the browser's own costs (worker messages, copies, the page).
 *
 * onnxruntime-web in Node loads `ort-wasm-simd-threaded.wasm` (128-bit SIMD, threads through
 * worker_threads); the app in Chromium loads the asyncify build of the same code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';

/** One shape the plans run: rows × new tokens after a cache of `past` positions. */
interface Shape {
  name: string;
  rows: number;
  tokens: number;
  past: number;
}

/** The shapes of the request set: the naive plan's single sequences, the fast plan's batches. */
const SHAPES: Shape[] = [
  { name: 'naive: 1 sequence of 120', rows: 1, tokens: 120, past: 0 },
  { name: 'fast prefill: 12 × 200', rows: 12, tokens: 200, past: 0 },
  { name: 'fast decode: 120 rows after 263', rows: 120, tokens: 1, past: 263 },
];

const LAYERS = 4;
const HEADS = 4;
const HEAD_SIZE = 32;

/** The tensor constructors and session factory that both onnxruntime packages share. */
interface Runtime {
  Tensor: typeof ortNode.Tensor;
  create(bytes: Uint8Array): Promise<ortNode.InferenceSession>;
}

function modelBytes(): Uint8Array {
  const root = 'public/hub/bundled/tiny-frozen/resolve';
  const [commit] = readdirSync(root);
  return readFileSync(join(root, commit!, 'onnx/model.onnx'));
}

function feeds(runtime: Runtime, shape: Shape): Record<string, ortNode.Tensor> {
  const { rows, tokens, past } = shape;
  const total = past + tokens;
  const int64 = (values: number[], dims: number[]) => new runtime.Tensor('int64', BigInt64Array.from(values, BigInt), dims);
  const out: Record<string, ortNode.Tensor> = {
    input_ids: int64(Array.from({ length: rows * tokens }, (_, i) => 100 + (i % 200)), [rows, tokens]),
    attention_mask: int64(Array.from({ length: rows * total }, () => 1), [rows, total]),
    position_ids: int64(Array.from({ length: rows * tokens }, (_, i) => past + (i % tokens)), [rows, tokens]),
  };
  for (let layer = 0; layer < LAYERS; layer++) {
    for (const part of ['key', 'value']) {
      const data = new Float32Array(rows * HEADS * past * HEAD_SIZE).fill(0.01);
      out[`past_key_values.${layer}.${part}`] = new runtime.Tensor('float32', data, [rows, HEADS, past, HEAD_SIZE]);
    }
  }
  return out;
}

/**
 * Milliseconds per pass: the fastest of `repeats` passes after one warm-up pass. On a machine that
 * other processes share, the fastest pass is the one they disturbed least.
 */
async function timePass(session: ortNode.InferenceSession, input: Record<string, ortNode.Tensor>, repeats: number): Promise<number> {
  await session.run(input);
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    await session.run(input);
    times.push(performance.now() - started);
  }
  return Math.min(...times);
}

/**
 * Returns one line per runtime and shape: milliseconds per pass and real tokens per second. Runs
 * onnxruntime-node with 1 and 2 threads when `withNode`, then onnxruntime-web with `wasmThreads`.
 * onnxruntime-web reads its thread count when its first session starts, so a process can measure
 * one count only.
 */
export async function benchKernels(wasmThreads: number, withNode: boolean, repeats = 9): Promise<string[]> {
  const bytes = modelBytes();
  const runtimes: [string, Runtime][] = [];
  for (const threads of withNode ? [1, 2] : []) {
    runtimes.push([`onnxruntime-node, ${threads} thread${threads > 1 ? 's' : ''}`, {
      Tensor: ortNode.Tensor,
      create: (b) => ortNode.InferenceSession.create(b, { intraOpNumThreads: threads, interOpNumThreads: 1 }),
    }]);
  }
  const lines: string[] = [];
  for (const [name, runtime] of runtimes) lines.push(...(await benchRuntime(name, runtime, bytes, repeats)));
  ortWeb.env.wasm.numThreads = wasmThreads;
  const web: Runtime = {
    Tensor: ortWeb.Tensor as unknown as typeof ortNode.Tensor,
    create: async (b) => (await ortWeb.InferenceSession.create(b, { executionProviders: ['wasm'] })) as unknown as ortNode.InferenceSession,
  };
  lines.push(...(await benchRuntime(`onnxruntime-web WASM, ${wasmThreads} thread${wasmThreads > 1 ? 's' : ''}`, web, bytes, repeats)));
  return lines;
}

async function benchRuntime(name: string, runtime: Runtime, bytes: Uint8Array, repeats: number): Promise<string[]> {
  const session = await runtime.create(bytes);
  const lines: string[] = [];
  try {
    for (const shape of SHAPES) {
      const ms = await timePass(session, feeds(runtime, shape), repeats);
      const tokensPerSecond = (shape.rows * shape.tokens) / (ms / 1000);
      lines.push(`${name.padEnd(34)} ${shape.name.padEnd(34)} ${ms.toFixed(1).padStart(8)} ms  ${tokensPerSecond.toFixed(0).padStart(7)} tokens/s`);
    }
  } finally {
    await session.release();
  }
  return lines;
}
