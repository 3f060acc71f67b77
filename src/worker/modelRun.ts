/**
 * One model's part of a run: load it on the chosen device (WASM when WebGPU cannot load it), run the
 * suite, and when the GPU device is lost mid-run, continue on WASM from the records already finished.
 * Refusals (a variant the GPU cannot run, a model that is not a causal LM) are thrown, not retried.
 */
import { NonFiniteLogitsError, zeroCounters, type CausalLM, type LMCounters } from '../engine/lm';
import type { ItemRecord, TaskResult } from '../engine/types';
import { entryKey, runSuite, type SuiteEntry } from '../evaluation/suite';
import type { RepoManifest } from '../hub/store';
import type { BackendName } from '../model/modelChecks';
import { createLogger } from '../util/logger';
import { loadStored } from './browserModels';
import type { AdapterFacts } from './device';
import { runWithDeviceFallback, watchOrtDevice, type LossInfo } from './deviceLoss';
import type { DeviceChoice, ModelRequest, RunProgress } from './protocol';

const log = createLogger('model-run');

/** Error codes of refusals: the model or variant cannot run, so another device would not help. */
const REFUSALS = new Set(['unsupported-variant', 'model-kind', 'unexpected-graph', 'model-repo']);

/** Input of runModel: the model, its files, the device, the suite and the run's callbacks. */
export interface ModelRunInput {
  modelIndex: number;
  model: ModelRequest;
  manifest: RepoManifest;
  choice: DeviceChoice;
  adapter: AdapterFacts | null;
  entries: readonly SuiteEntry[];
  /** Records saved earlier for this model, by entryKey. */
  done: Record<string, readonly ItemRecord[]>;
  /** Wraps the loaded model (the benchmark's naive plan); identity when absent. */
  wrap?: (lm: CausalLM) => CausalLM;
  signal: AbortSignal;
  emit(progress: RunProgress): void;
}

/** One model's results, the device that finished them, the backend and the counters of every model loaded. */
export interface ModelRunOutput {
  tasks: TaskResult[];
  choice: DeviceChoice;
  /** Whether the WebGPU device was lost, so that later models should start on WASM. */
  deviceLost: boolean;
  backend: BackendName;
  counters: LMCounters;
  /** When scoring started (after the first load), as an ISO date, and the milliseconds from then to the end. */
  startedAt: string;
  durationMs: number;
}

function addCounters(total: LMCounters | null, more: LMCounters): LMCounters {
  if (!total) return { ...more };
  const sum = { ...total };
  for (const key of Object.keys(more) as (keyof LMCounters)[]) sum[key] = (total[key] ?? 0) + more[key];
  return sum;
}

function lossReason(loss: LossInfo, repo: string, finished: number): string {
  return (
    `The WebGPU device was lost while ${repo} ran (${loss.reason}${loss.message ? `: ${loss.message}` : ''}), ` +
    `so it was loaded again on WASM and the run went on from the ${finished} items already scored.`
  );
}

/** Loads and runs one model; see the file comment for the fallbacks. */
export async function runModel(input: ModelRunInput): Promise<ModelRunOutput> {
  const { model, manifest, emit, modelIndex } = input;
  let choice = input.choice;
  let backend: BackendName = 'transformers.js';
  let counters: LMCounters | null = null;
  let startedAt: string | null = null;
  let started = 0;
  const saved: Record<string, ItemRecord[]> = Object.fromEntries(Object.entries(input.done).map(([key, records]) => [key, [...records]]));

  const load = async (device: 'webgpu' | 'wasm'): Promise<CausalLM> => {
    const options = { backend: model.backend ?? 'auto', adapter: input.adapter };
    try {
      const loaded = await loadStored(manifest, device, options);
      backend = loaded.backend;
      return loaded.lm;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (device !== 'webgpu' || (typeof code === 'string' && REFUSALS.has(code))) throw error;
      log.warn('WebGPU could not load the model; falling back to WASM', error);
      choice = { device: 'wasm', reason: `WebGPU could not load ${manifest.repo} (${(error as Error).message}), so it runs on WASM.` };
      emit({ status: 'device', choice });
      const loaded = await loadStored(manifest, 'wasm', options);
      backend = loaded.backend;
      return loaded.lm;
    }
  };

  const work = async (lm: CausalLM): Promise<TaskResult[]> => {
    if (startedAt === null) {
      startedAt = new Date().toISOString();
      started = performance.now();
    }
    try {
      return await runSuite(input.wrap ? input.wrap(lm) : lm, input.entries, {
        signal: input.signal,
        done: saved,
        onProgress: (entry, scoring) =>
          emit({ status: 'scoring', modelIndex, taskId: entry.prepared.taskId, label: entry.prepared.label, protocol: entry.settings.protocol, scoring }),
        onRecords: (entry, records) => {
          const key = entryKey(entry.prepared.taskId, entry.settings.protocol);
          (saved[key] ??= []).push(...records);
          emit({ status: 'records', modelIndex, key, records });
        },
      });
    } catch (error) {
      if (error instanceof NonFiniteLogitsError) {
        // The engine's message suggests what to try; the run's error also names the model, variant and device.
        error.message = `${model.repo} (${model.dtype}, ${choice.device === 'webgpu' ? 'WebGPU' : 'WASM'}, ${backend}): ${error.message}`;
      }
      throw error;
    } finally {
      counters = addCounters(counters, lm.counters);
    }
  };

  const outcome = await runWithDeviceFallback({
    device: choice.device,
    load,
    watch: () => (choice.device === 'webgpu' ? watchOrtDevice() : Promise.resolve(null)),
    work,
    onFallback: (loss) => {
      const finished = Object.values(saved).reduce((sum, records) => sum + records.length, 0);
      choice = { device: 'wasm', reason: lossReason(loss, model.repo, finished) };
      emit({ status: 'device', choice });
    },
  });
  return {
    tasks: outcome.result,
    choice,
    deviceLost: outcome.loss !== null,
    backend,
    counters: counters ?? zeroCounters(),
    startedAt: startedAt ?? new Date().toISOString(),
    durationMs: performance.now() - started,
  };
}
