/**
 * Models and data in the worker: downloaded into IndexedDB through the Hub client, then loaded from
 * there by the transformers.js backend.
 */
import type { ListRepoFiles, ReadRepoText } from '../datasets/catalog';
import type { CausalLM } from '../engine/lm';
import { ensureRepo, readStoredFile, type DownloadHooks } from '../hub/download';
import { selectModelFiles } from '../hub/modelFiles';
import type { RepoManifest } from '../hub/store';
import { loadTransformersLM } from '../model/transformersLM';
import type { EndpointContext, ModelRequest } from './protocol';

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

/** Reads the bundled dataset repositories from IndexedDB, downloading each once when it is missing. */
export function datasetReader(context: EndpointContext, hooks: DownloadHooks): { read: ReadRepoText; list: ListRepoFiles } {
  const manifests = new Map<string, Promise<RepoManifest>>();
  const open = (repo: string): Promise<RepoManifest> => {
    let manifest = manifests.get(repo);
    if (!manifest) {
      manifest = ensureRepo(
        { endpointKey: 'bundled', endpointUrl: context.bundledUrl, kind: 'dataset', repo, revision: 'main', dtype: null, pickFiles: (files) => files },
        hooks,
      );
      manifests.set(repo, manifest);
    }
    return manifest;
  };
  return {
    async read(repo, path) {
      const bytes = await readStoredFile(await open(repo), path);
      if (!bytes) throw new Error(`${repo} has no ${path}`);
      return new TextDecoder().decode(bytes);
    },
    async list(repo) {
      return (await open(repo)).files.map((f) => f.path);
    },
  };
}
