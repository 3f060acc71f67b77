/**
 * Test helpers (Node only): the bundled tiny models and MMLU, loaded from public/hub through the same
 * Hub client and backend as the command line. Each model loads once per test file.
 */
import { openRepo } from '../cli/nodeRepos';
import { loadMmlu, type MmluDataset } from '../datasets/mmluRepo';
import type { CausalLM } from '../engine/lm';
import { selectModelFiles } from '../hub/modelFiles';
import { loadTransformersLM } from '../model/transformersLM';

export type TinyModelName = 'tiny-frozen' | 'tiny-trainable';

const loaded = new Map<TinyModelName, Promise<CausalLM>>();

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

/** Loads MMLU subjects from the bundled dataset repository (all subjects when `subjects` is null). */
export async function loadBundledMmlu(subjects: readonly string[] | null): Promise<MmluDataset> {
  const repo = await openRepo('bundled', 'dataset', 'bundled/mmlu', 'main', null);
  return loadMmlu(repo.files.map((f) => f.path), async (path) => new TextDecoder().decode(await repo.read(path)), subjects);
}
