/**
 * Test helpers (Node only): the bundled tiny models and tasks, loaded from public/hub through the
 * same Hub client and backend as the command line. Each model loads once per test file.
 */
import { openRepo, type PinnedRepo } from '../cli/nodeRepos';
import { loadBundledTask, type TaskDataRequest } from '../datasets/catalog';
import type { CausalLM } from '../engine/lm';
import type { PreparedTask } from '../engine/tasks/task';
import { selectModelFiles } from '../hub/modelFiles';
import { loadTransformersLM } from '../model/transformersLM';

export type TinyModelName = 'tiny-frozen' | 'tiny-trainable';

const loaded = new Map<TinyModelName, Promise<CausalLM>>();
const datasets = new Map<string, Promise<PinnedRepo>>();

/** Loads a bundled tiny model on onnxruntime-node (fp32). */
export function loadTinyModel(name: TinyModelName): Promise<CausalLM> {
  let model = loaded.get(name);
  if (!model) {
    model = (async () => {
      const repo = await openRepo('bundled', 'model', `bundled/${name}`, 'main', null);
      const bytes = new Map<string, Uint8Array>();
      for (const file of selectModelFiles(repo.files, 'fp32')) bytes.set(file.path, await repo.read(file.path));
      return loadTransformersLM({ files: { get: async (path) => bytes.get(path) ?? null }, device: 'cpu', dtype: 'fp32' });
    })();
    loaded.set(name, model);
  }
  return model;
}

function dataset(repo: string): Promise<PinnedRepo> {
  let pinned = datasets.get(repo);
  if (!pinned) {
    pinned = openRepo('bundled', 'dataset', repo, 'main', null);
    datasets.set(repo, pinned);
  }
  return pinned;
}

/** Loads a bundled task's items for a protocol, as the command line does. */
export function loadBundledTaskForTest(request: TaskDataRequest): Promise<PreparedTask> {
  return loadBundledTask(
    request,
    async (repo, path) => new TextDecoder().decode(await (await dataset(repo)).read(path)),
    async (repo) => (await dataset(repo)).files.map((f) => f.path),
  );
}
