/**
 * The `run` call: loads the suite's data, then each model in turn, loads it on the chosen device
 * (falling back to WASM when WebGPU cannot load it or its device is lost, see modelRun.ts), runs
 * every task under every protocol and reports as it goes. Also the self-check of a device.
 */
import { naiveModel } from '../engine/naive';
import type { ModelRun } from '../engine/results';
import type { ModelRef } from '../engine/types';
import { prepareSuite } from '../evaluation/suite';
import { REFERENCE_MODELS, runSelfCheck } from '../model/selfCheck';
import { datasetAccess, loadStoredModel, prepareModel } from './browserModels';
import { assertVariantRuns, probeDevice } from './device';
import { runModel } from './modelRun';
import type { DevicePreference, EndpointContext, RunParams, RunProgress, SelfCheckReport, SelfCheckTarget } from './protocol';

/** Key of the records of one model, task and protocol in `RunParams.done`. */
export function doneKey(modelIndex: number, taskKey: string): string {
  return `${modelIndex}:${taskKey}`;
}

/** Records saved earlier for one model, keyed as runSuite expects. */
function doneFor(params: RunParams, modelIndex: number) {
  const prefix = `${modelIndex}:`;
  return Object.fromEntries(Object.entries(params.done ?? {}).filter(([key]) => key.startsWith(prefix)).map(([key, records]) => [key.slice(prefix.length), records]));
}

/** Runs the evaluation of `params` and returns one ModelRun per model. */
export async function runEvaluation(params: RunParams, emit: (progress: RunProgress) => void, signal: AbortSignal): Promise<ModelRun[]> {
  const probe = await probeDevice(params.device);
  let choice = probe.choice;
  emit({ status: 'device', choice });
  const entries = await prepareSuite(params.tasks, params.protocols, datasetAccess(params.context, { signal }));

  const runs: ModelRun[] = [];
  for (const [modelIndex, model] of params.models.entries()) {
    // A variant the GPU cannot run is refused before anything is downloaded.
    if (choice.device === 'webgpu') assertVariantRuns(model.dtype, probe.adapter);
    const manifest = await prepareModel(model, params.context, {
      signal,
      onProgress: (download) => emit({ status: 'downloading', modelIndex, download }),
    });
    emit({ status: 'loading', modelIndex, repo: model.repo });
    const outcome = await runModel({
      modelIndex,
      model,
      manifest,
      choice,
      adapter: probe.adapter,
      entries,
      done: doneFor(params, modelIndex),
      wrap: params.naive ? naiveModel : undefined,
      signal,
      emit,
    });
    // After a lost device, the remaining models run on WASM as well.
    if (outcome.deviceLost) choice = outcome.choice;
    const ref: ModelRef = { endpoint: model.endpoint, repo: model.repo, revision: model.revision, commit: manifest.commit, dtype: model.dtype };
    const run: ModelRun = {
      model: ref,
      execution: { device: outcome.choice.device, reason: outcome.choice.reason, backend: outcome.backend, counters: outcome.counters },
      tasks: outcome.tasks,
      startedAt: outcome.startedAt,
      durationMs: outcome.durationMs,
    };
    emit({ status: 'model-done', modelIndex, run });
    runs.push(run);
  }
  return runs;
}

/**
 * Scores the reference cases on the preferred device: with both bundled models, or with `targets`,
 * other exports of a bundled model's weights (external data, a plain export, a quantized variant).
 */
export async function selfCheckDevice(
  preference: DevicePreference,
  context: EndpointContext,
  signal: AbortSignal,
  targets: SelfCheckTarget[] = REFERENCE_MODELS.map((model) => ({ request: { endpoint: 'bundled', repo: `bundled/${model}`, revision: 'main', dtype: 'fp32' }, reference: model })),
): Promise<SelfCheckReport> {
  const probe = await probeDevice(preference);
  const models: SelfCheckReport['models'] = [];
  for (const { request, reference } of targets) {
    if (probe.choice.device === 'webgpu') assertVariantRuns(request.dtype, probe.adapter);
    const manifest = await prepareModel(request, context, { signal });
    const lm = await loadStoredModel(manifest, probe.choice.device, { backend: request.backend ?? 'auto', adapter: probe.adapter });
    try {
      const cases = await runSelfCheck(lm, reference);
      models.push(request.endpoint === 'bundled' ? { model: reference, cases } : { model: reference, repo: request.repo, cases });
    } finally {
      await lm.dispose();
    }
  }
  return { choice: probe.choice, models };
}
