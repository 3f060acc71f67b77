/**
 * Models and data in the worker: downloaded into IndexedDB through the Hub client, then loaded from
 * there by the transformers.js backend or, for plain exports, the onnxruntime backend.
 */
import type { DataAccess } from '../datasets/catalog';
import type { RepoFile } from '../hub/client';
import type { CausalLM } from '../engine/lm';
import { ensureRepo, readStoredFile, type DownloadHooks } from '../hub/download';
import { BROWSER_MAX_FILE_BYTES, selectModelFiles } from '../hub/modelFiles';
import type { RepoManifest } from '../hub/store';
import { loadModel, type LoadedModel } from '../model/loadModel';
import type { BackendChoice } from '../model/modelChecks';
import { webRuntime } from '../model/ortRuntimeWeb';
import { assertWeightsFit, type AdapterFacts } from './device';
import { tokenFor, withEndpointPolicy } from './endpointAccess';
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
      pickFiles: (files) => selectModelFiles(files, model.dtype, { maxFileBytes: BROWSER_MAX_FILE_BYTES }),
      // The token goes only to the configured endpoint, never to the app's own hub.
      token: tokenFor(model.endpoint, context),
    },
    withEndpointPolicy(hooks, context),
  );
}

/** Options of loadStored: the backend, and on WebGPU the adapter whose limits the weights must fit. */
export interface StoredLoadOptions {
  backend?: BackendChoice;
  adapter?: AdapterFacts | null;
}

/**
 * Loads a stored model on the device with the backend its config.json (or `options.backend`) names.
 * On WebGPU, refuses weights larger than the adapter's buffers before creating a session.
 */
export function loadStored(manifest: RepoManifest, device: 'webgpu' | 'wasm', options: StoredLoadOptions = {}): Promise<LoadedModel> {
  const dtype = manifest.dtype ?? 'fp32';
  const adapter = device === 'webgpu' ? (options.adapter ?? null) : null;
  return loadModel({
    files: { get: (path) => readStoredFile(manifest, path) },
    device,
    dtype,
    backend: options.backend ?? 'auto',
    ortRuntime: webRuntime,
    checkGraph: (signature) => assertWeightsFit(signature, dtype, adapter),
  });
}

/** Loads a stored model on the device and returns the model alone. */
export async function loadStoredModel(manifest: RepoManifest, device: 'webgpu' | 'wasm', options: StoredLoadOptions = {}): Promise<CausalLM> {
  return (await loadStored(manifest, device, options)).lm;
}

/**
 * Reaches the task data from the worker: the bundled dataset repositories and the files of any Hub
 * dataset, each downloaded into IndexedDB once (verified, manifest last) and read from there.
 */
export function datasetAccess(context: EndpointContext, hooks: DownloadHooks): DataAccess {
  const manifests = new Map<string, Promise<RepoManifest>>();
  const open = (endpoint: string, repo: string, revision: string, paths: string[] | null): Promise<RepoManifest> => {
    const key = `${endpoint}|${repo}|${revision}|${paths?.join(',') ?? '*'}`;
    let manifest = manifests.get(key);
    if (!manifest) {
      manifest = ensureRepo(
        {
          endpointKey: endpoint,
          endpointUrl: resolveEndpoint(endpoint, context),
          kind: 'dataset',
          repo,
          revision,
          // A dataset has no weight variant; the field keeps apart the manifests of different file choices.
          dtype: paths === null ? null : `files:${paths.join(',')}`,
          pickFiles: (files) => (paths === null ? files : pickPaths(files, paths, repo)),
          token: tokenFor(endpoint, context),
        },
        withEndpointPolicy(hooks, context),
      );
      manifests.set(key, manifest);
    }
    return manifest;
  };
  const readBytes = async (manifest: RepoManifest, path: string): Promise<Uint8Array> => {
    const bytes = await readStoredFile(manifest, path);
    if (!bytes) throw new Error(`${manifest.repo} has no ${path}`);
    return bytes;
  };
  return {
    read: async (repo, path) => new TextDecoder().decode(await readBytes(await open('bundled', repo, 'main', null), path)),
    list: async (repo) => (await open('bundled', repo, 'main', null)).files.map((f) => f.path),
    fetchHubFile: async (source, path) => readBytes(await open(source.endpoint, source.repo, source.revision, source.paths), path),
  };
}

/** The listed files at `paths`; throws naming a path the repository lacks. */
function pickPaths(files: RepoFile[], paths: readonly string[], repo: string): RepoFile[] {
  return paths.map((path) => {
    const file = files.find((f) => f.path === path);
    if (!file) throw new Error(`${repo} has no file ${path}; check the path in the repository's file list`);
    return file;
  });
}
