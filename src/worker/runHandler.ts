/**
 * The `run` call: loads the suite's data, then each model in turn, loads it on the chosen device
 * (falling back to WASM when WebGPU cannot load it), runs every task under every protocol and
 * reports as it goes. Also the self-check of a device.
 */
import type { CausalLM } from '../engine/lm';
import type { ModelRun } from '../engine/results';
import type { ModelRef } from '../engine/types';
import { entryKey, prepareSuite, runSuite } from '../evaluation/suite';
import type { RepoManifest } from '../hub/store';
import { REFERENCE_MODELS, runSelfCheck } from '../model/selfCheck';
import { createLogger } from '../util/logger';
import { datasetAccess, loadStoredModel, prepareModel } from './browserModels';
import { chooseDevice } from './device';
import type { DeviceChoice, DevicePreference, EndpointContext, RunParams, RunProgress, SelfCheckReport } from './protocol';

const log = createLogger('run');

/** Key of the records of one model, task and protocol in `RunParams.done`. */
export function doneKey(modelIndex: number, taskKey: string): string {
  return `${modelIndex}:${taskKey}`;
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

/** Records saved earlier for one model, keyed as runSuite expects. */
function doneFor(params: RunParams, modelIndex: number) {
  const prefix = `${modelIndex}:`;
  return Object.fromEntries(Object.entries(params.done ?? {}).filter(([key]) => key.startsWith(prefix)).map(([key, records]) => [key.slice(prefix.length), records]));
}

/** Runs the evaluation of `params` and returns one ModelRun per model. */
export async function runEvaluation(params: RunParams, emit: (progress: RunProgress) => void, signal: AbortSignal): Promise<ModelRun[]> {
  const choice = await chooseDevice(params.device);
  emit({ status: 'device', choice });
  const entries = await prepareSuite(params.tasks, params.protocols, datasetAccess(params.context, { signal }));

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
    try {
      const tasks = await runSuite(loaded.lm, entries, {
        signal,
        done: doneFor(params, modelIndex),
        onProgress: (entry, scoring) =>
          emit({ status: 'scoring', modelIndex, taskId: entry.prepared.taskId, label: entry.prepared.label, protocol: entry.settings.protocol, scoring }),
        onRecords: (entry, records) => emit({ status: 'records', modelIndex, key: entryKey(entry.prepared.taskId, entry.settings.protocol), records }),
      });
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
    } finally {
      await loaded.lm.dispose();
    }
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
