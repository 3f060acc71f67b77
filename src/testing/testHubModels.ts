/**
 * Test helpers (Node only): the repositories of the generated test hub (scripts/onnx/testHub.ts),
 * read from disk through the Hub client and loaded on onnxruntime-node by the same loader the
 * worker uses. Each (repository, variant, backend) loads once per test file.
 */
import { pathToFileURL } from 'node:url';
import { ensureTestHub } from '../../scripts/onnx/testHub';
import { openRepo } from '../cli/nodeRepos';
import type { CausalLM } from '../engine/lm';
import { selectModelFiles } from '../hub/modelFiles';
import { loadModel } from '../model/loadModel';
import type { BackendChoice } from '../model/modelChecks';
import type { ModelFiles } from '../model/transformersLM';
import { nodeRuntime } from '../model/ortRuntimeNode';

export { TEST_REPOS } from '../../scripts/onnx/testHub';

const loaded = new Map<string, Promise<CausalLM>>();

/** Reads the files of a test-hub repository's variant into memory, as the worker's store would serve them. */
export async function readTestHubFiles(repo: string, dtype: string): Promise<ModelFiles> {
  const endpoint = pathToFileURL(ensureTestHub()).href;
  const pinned = await openRepo(endpoint, 'model', repo, 'main', null);
  const bytes = new Map<string, Uint8Array>();
  for (const file of selectModelFiles(pinned.files, dtype)) bytes.set(file.path, await pinned.read(file.path));
  return { get: async (path) => bytes.get(path) ?? null };
}

/** Loads a test-hub repository's variant on onnxruntime-node. */
export function loadTestHubModel(repo: string, dtype = 'fp32', backend: BackendChoice = 'auto'): Promise<CausalLM> {
  const key = `${repo}|${dtype}|${backend}`;
  let model = loaded.get(key);
  if (!model) {
    model = (async () => {
      const files = await readTestHubFiles(repo, dtype);
      return (await loadModel({ files, device: 'cpu', dtype, backend, ortRuntime: nodeRuntime })).lm;
    })();
    loaded.set(key, model);
  }
  return model;
}
