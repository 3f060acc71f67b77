/**
 * Models and data in the worker: downloaded into IndexedDB through the Hub client, then loaded from
 * there by the transformers.js backend.
 */
import { loadMmlu, type MmluDataset } from '../datasets/mmluRepo';
import type { CausalLM } from '../engine/lm';
import { ensureRepo, readStoredFile, type DownloadHooks } from '../hub/download';
import { selectModelFiles } from '../hub/modelFiles';
import type { RepoManifest } from '../hub/store';
import { loadTransformersLM } from '../model/transformersLM';
import type { EndpointContext, ModelRequest } from './protocol';

/** The dataset repository MMLU is read from. */
export const MMLU_REPO = 'bundled/mmlu';

/** Base URL of an endpoint name: `bundled` is the app's own hub. */
export function resolveEndpoint(endpoint: string, context: EndpointContext): string {
  return endpoint === 'bundled' ? context.bundledUrl : endpoint;
}

/** Downloads (or finds in IndexedDB) the files of a model and returns their manifest. */
export function prepareModel(model: ModelRequest, context: EndpointContext, hooks: DownloadHooks): Promise<RepoManifest> {
  return ensureRepo(
    {
      endpointKey: model.endpoint,
      endpointUrl: resolveEndpoint(model.endpoint, context),
      kind: 'model',
      repo: model.repo,
      revision: model.revision,
      dtype: model.dtype,
      pickFiles: (files) => selectModelFiles(files, model.dtype),
      // The token goes only to a configured endpoint, never to the app's own hub.
      token: model.endpoint === 'bundled' ? null : context.token,
    },
    hooks,
  );
}

/** Loads a stored model on the device. */
export function loadStoredModel(manifest: RepoManifest, device: 'webgpu' | 'wasm'): Promise<CausalLM> {
  return loadTransformersLM({
    files: { get: (path) => readStoredFile(manifest, path) },
    device,
    dtype: manifest.dtype ?? 'fp32',
  });
}

/** Downloads (or finds) MMLU and parses the wanted subjects. */
export async function prepareMmlu(subjects: readonly string[], context: EndpointContext, hooks: DownloadHooks): Promise<MmluDataset> {
  const manifest = await ensureRepo(
    {
      endpointKey: 'bundled',
      endpointUrl: context.bundledUrl,
      kind: 'dataset',
      repo: MMLU_REPO,
      revision: 'main',
      dtype: null,
      pickFiles: (files) => files.filter((f) => /^(test|dev)\/.+\.csv$/.test(f.path) || f.path === 'mapping.json'),
    },
    hooks,
  );
  const readText = async (path: string): Promise<string> => {
    const bytes = await readStoredFile(manifest, path);
    if (!bytes) throw new Error(`${MMLU_REPO} has no ${path}`);
    return new TextDecoder().decode(bytes);
  };
  return loadMmlu(manifest.files.map((f) => f.path), readText, subjects);
}
