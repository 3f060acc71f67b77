/**
 * The `run` call: downloads the data and each model in turn, loads the model on the chosen device
 * (falling back to WASM when WebGPU cannot load it), runs every protocol and reports as it goes.
 */
import { evaluateMmlu } from '../engine/evaluate';
import type { CausalLM } from '../engine/lm';
import type { ModelRun } from '../engine/results';
import type { ModelRef, TaskResult } from '../engine/types';
import type { RepoManifest } from '../hub/store';
import { createLogger } from '../util/logger';
import { loadStoredModel, prepareMmlu, prepareModel } from './browserModels';
import { chooseDevice } from './device';
import type { DeviceChoice, DevicePreference, EndpointContext, RunParams, RunProgress, SelfCheckReport } from './protocol';
import { REFERENCE_MODELS, runSelfCheck } from '../model/selfCheck';

const log = createLogger('run');

/** Key of the records of one model and protocol in `RunParams.done`. */
export function doneKey(modelIndex: number, protocol: string): string {
  return `${modelIndex}:${protocol}`;
}

async function loadWithFallback(manifest: RepoManifest, choice: DeviceChoice, emit: (p: RunProgress) => void): Promise<{ lm: CausalLM; choice: DeviceChoice }> {
  try {
    return { lm: await loadStoredModel(manifest, choice.device), choice };
  } catch (error) {
    if (choice.device !== 'webgpu') throw error;
    log.warn('WebGPU could not load the model; falling back to WASM', error);
    const fallback: DeviceChoice = {
      device: 'wasm',
      reason: `WebGPU could not load ${manifest.repo} (${(error as Error).message}), so it runs on WASM.`,
    };
    emit({ status: 'device', choice: fallback });
    return { lm: await loadStoredModel(manifest, 'wasm'), choice: fallback };
  }
}

/** Runs the evaluation of `params` and returns one ModelRun per model. */
export async function runEvaluation(params: RunParams, emit: (progress: RunProgress) => void, signal: AbortSignal): Promise<ModelRun[]> {
  const choice = await chooseDevice(params.device);
  emit({ status: 'device', choice });
  const data = await prepareMmlu(params.task.subjects, params.context, { signal });

  const runs: ModelRun[] = [];
  for (const [modelIndex, model] of params.models.entries()) {
    const manifest = await prepareModel(model, params.context, {
      signal,
      onProgress: (download) => emit({ status: 'downloading', modelIndex, download }),
    });
    emit({ status: 'loading', modelIndex, repo: model.repo });
    const loaded = await loadWithFallback(manifest, choice, emit);
    const startedAt = new Date().toISOString();
    const started = performance.now();
    const tasks: TaskResult[] = [];
    try {
      for (const settings of params.protocols) {
        tasks.push(
          await evaluateMmlu(loaded.lm, data, { subjects: params.task.subjects, limit: params.task.limit, settings }, {
            signal,
            done: params.done?.[doneKey(modelIndex, settings.protocol)] ?? [],
            onProgress: (scoring) => emit({ status: 'scoring', modelIndex, protocol: settings.protocol, scoring }),
            onRecords: (records) => emit({ status: 'records', modelIndex, protocol: settings.protocol, records }),
          }),
        );
      }
    } finally {
      await loaded.lm.dispose();
    }
    const ref: ModelRef = { endpoint: model.endpoint, repo: model.repo, revision: model.revision, commit: manifest.commit, dtype: model.dtype };
    const run: ModelRun = {
      model: ref,
      execution: { device: loaded.choice.device, reason: loaded.choice.reason, backend: 'transformers.js' },
      tasks,
      startedAt,
      durationMs: performance.now() - started,
    };
    emit({ status: 'model-done', modelIndex, run });
    runs.push(run);
  }
  return runs;
}

/** Scores the reference cases with both bundled models on the preferred device. */
export async function selfCheckDevice(preference: DevicePreference, context: EndpointContext, signal: AbortSignal): Promise<SelfCheckReport> {
  const choice = await chooseDevice(preference);
  const models: SelfCheckReport['models'] = [];
  for (const model of REFERENCE_MODELS) {
    const manifest = await prepareModel({ endpoint: 'bundled', repo: `bundled/${model}`, revision: 'main', dtype: 'fp32' }, context, { signal });
    const lm = await loadStoredModel(manifest, choice.device);
    try {
      models.push({ model, cases: await runSelfCheck(lm, model) });
    } finally {
      await lm.dispose();
    }
  }
  return { choice, models };
}
