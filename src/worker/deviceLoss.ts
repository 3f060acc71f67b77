/**
 * Recovery from a lost GPU device. The WebGPU device that ONNX Runtime uses can be lost in the middle
 * of a run (a driver reset, the GPU process crashing, the system reclaiming memory). Then the model
 * is loaded again on WASM and the run continues from the records already finished.
 *
 * ONNX Runtime Web exposes its device as `env.webgpu.device` (a promise) once a WebGPU session
 * exists; reading it earlier would create a device, so it is read only after a model has loaded.
 */
import { env } from '@huggingface/transformers';
import type { CausalLM } from '../engine/lm';
import { createLogger } from '../util/logger';

const log = createLogger('device-loss');

/** The reason and message of a lost device, from GPUDeviceLostInfo. */
export interface LossInfo {
  reason: string;
  message: string;
}

/** A device being watched: `lost` settles when it is lost and never settles otherwise. */
export interface LossWatch {
  lost: Promise<LossInfo>;
}

/** How long to wait, after a pass failed, for the device's loss to be reported. */
const LOSS_REPORT_MS = 1000;

/**
 * Watches the WebGPU device of ONNX Runtime (the copy transformers.js shares with the onnxruntime
 * backend). Call only after a WebGPU session was created. Returns null when there is no device.
 */
export async function watchOrtDevice(): Promise<LossWatch | null> {
  const webgpu = env.backends.onnx.webgpu;
  if (!webgpu) return null;
  try {
    const device = await webgpu.device;
    return { lost: device.lost.then((info) => ({ reason: String(info.reason), message: info.message })) };
  } catch (error) {
    log.warn('reading ONNX Runtime\'s WebGPU device failed; a lost device will fail the run', error);
    return null;
  }
}

/** Callbacks of runWithDeviceFallback: load, watch and run a model, and report a fallback. */
export interface FallbackOptions<T> {
  device: 'webgpu' | 'wasm';
  load(device: 'webgpu' | 'wasm'): Promise<CausalLM>;
  /** Starts watching the device of the model just loaded on WebGPU. */
  watch(): Promise<LossWatch | null>;
  /** Runs the evaluation; on a second call it should skip what the first one finished. */
  work(lm: CausalLM, device: 'webgpu' | 'wasm'): Promise<T>;
  /** Told once when the device was lost and the run continues on WASM. */
  onFallback(loss: LossInfo, error: unknown): void;
}

/** The result of runWithDeviceFallback and the device that finished the work. */
export interface FallbackResult<T> {
  result: T;
  device: 'webgpu' | 'wasm';
  /** The loss that moved the run to WASM, or null when none happened. */
  loss: LossInfo | null;
}

async function reportedLoss(watch: LossWatch | null): Promise<LossInfo | null> {
  if (!watch) return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), LOSS_REPORT_MS);
  });
  try {
    return await Promise.race([watch.lost, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function disposeQuietly(lm: CausalLM): Promise<void> {
  try {
    await lm.dispose();
  } catch (error) {
    log.warn('releasing the model after the device was lost failed', error);
  }
}

/**
 * Loads the model on `device` and runs `work`. When `work` fails on WebGPU and the device turns out
 * lost, loads the model on WASM and runs `work` again. Any other failure is thrown as it is.
 */
export async function runWithDeviceFallback<T>(options: FallbackOptions<T>): Promise<FallbackResult<T>> {
  const lm = await options.load(options.device);
  let released = false;
  let watch: LossWatch | null = null;
  try {
    if (options.device === 'webgpu') watch = await options.watch();
    return { result: await options.work(lm, options.device), device: options.device, loss: null };
  } catch (error) {
    // A cancelled run stops at once; only other failures wait to see whether the device was lost.
    if ((error as Error).name === 'AbortError') throw error;
    const loss = await reportedLoss(watch);
    if (!loss) throw error;
    log.warn(`the WebGPU device was lost (${loss.reason}: ${loss.message}); continuing on WASM`, error);
    options.onFallback(loss, error);
    released = true;
    await disposeQuietly(lm);
    const wasm = await options.load('wasm');
    try {
      return { result: await options.work(wasm, 'wasm'), device: 'wasm', loss };
    } finally {
      await disposeQuietly(wasm);
    }
  } finally {
    if (!released) await disposeQuietly(lm);
  }
}
