/**
 * Loads a stored model on the backend it needs: checks config.json (a causal LM) and the graph's
 * interface first, then hands the files to transformers.js or to ONNX Runtime directly (ortLM.ts).
 */
import type { CausalLM } from '../engine/lm';
import { graphPathFor } from '../hub/modelFiles';
import { checkCausalConfig, checkTransformersGraph, chooseBackend, ModelKindError, parseConfig, type BackendChoice, type BackendName } from './modelChecks';
import { readGraphSignature, type GraphSignature } from './onnxSignature';
import { checkRawGraph, loadOrtLM, type ExternalDataFile, type OrtRuntime } from './ortLM';
import { loadTransformersLM, type LoadOptions, type ModelFiles } from './transformersLM';

/** How to load a model, beyond transformersLM's options. */
export interface ModelLoadOptions extends LoadOptions {
  /** The backend to use; `auto` (the default) follows config.json. */
  backend?: BackendChoice;
  /** ONNX Runtime for the onnxruntime backend: webRuntime in the browser, nodeRuntime in Node. */
  ortRuntime: OrtRuntime;
  /**
   * Checks the graph's signature after the graph is read and before any session exists, and throws
   * to reject the model. The worker checks weight sizes against the GPU's limits here.
   */
  checkGraph?: (signature: GraphSignature, graphPath: string) => void;
}

/** A loaded model and the backend that runs it. */
export interface LoadedModel {
  lm: CausalLM;
  backend: BackendName;
}

/** Reads `{graph}_data`, `{graph}_data_1`, … as far as the files have them. */
async function readExternalData(files: ModelFiles, graphPath: string): Promise<ExternalDataFile[]> {
  const out: ExternalDataFile[] = [];
  for (let i = 0; ; i++) {
    const path = i === 0 ? `${graphPath}_data` : `${graphPath}_data_${i}`;
    const data = await files.get(path);
    if (!data) return out;
    out.push({ path: path.slice(path.lastIndexOf('/') + 1), data });
  }
}

/**
 * Turns transformers.js's error for a model_type it has no class for into a ModelKindError that names
 * the backend to pick, and returns any other error unchanged.
 */
function explainUnsupportedType(error: unknown, config: Record<string, unknown>, signature: GraphSignature): unknown {
  // NOTE: this matches the wording of transformers.js 4.3.2. If another version words it differently, its own message passes through.
  if (!(error instanceof Error) || !error.message.startsWith('Unsupported model type')) return error;
  const modelType = typeof config.model_type === 'string' ? `model_type "${config.model_type}"` : 'a config.json without model_type';
  const plain = !signature.inputs.some((name) => name.startsWith('past_key_values'));
  const advice = plain
    ? 'The graph takes no past_key_values inputs, so it looks like a plain input_ids → logits export: pick the onnxruntime backend ' +
      '(Backend "ONNX Runtime" in the page, --backend onnxruntime on the command line) or set "workbench_backend": "onnxruntime" in config.json.'
    : 'Pick a model whose model_type transformers.js supports, or export it as a plain input_ids → logits graph for the onnxruntime backend (docs/export-custom-models.md).';
  return new ModelKindError(`transformers.js has no model class for ${modelType}. ${advice}`);
}

/**
 * Checks and loads the model of `options.files`. Throws a ModelKindError for a config that is not a
 * causal LM, a graph without logits or a model_type transformers.js cannot load. Throws an
 * UnexpectedGraphError for a plain export with other inputs, and whatever `checkGraph` throws.
 */
export async function loadModel(options: ModelLoadOptions): Promise<LoadedModel> {
  const configBytes = await options.files.get('config.json');
  if (!configBytes) throw new Error('the stored model has no config.json; download the repository again');
  const config = parseConfig(configBytes);
  checkCausalConfig(config);
  const backend = chooseBackend(config, options.backend);

  const graphPath = graphPathFor(options.dtype);
  const graph = await options.files.get(graphPath);
  if (!graph) throw new Error(`the stored model has no ${graphPath}; download the ${options.dtype} variant again`);
  const signature = readGraphSignature(graph);
  if (backend === 'onnxruntime') checkRawGraph(signature, graphPath);
  else checkTransformersGraph(signature, graphPath);
  options.checkGraph?.(signature, graphPath);

  if (backend === 'onnxruntime') {
    const lm = await loadOrtLM({
      files: options.files,
      device: options.device,
      runtime: options.ortRuntime,
      graph,
      graphPath,
      externalData: await readExternalData(options.files, graphPath),
      config,
      batchTokenBudget: options.batchTokenBudget,
    });
    return { lm, backend };
  }

  // transformers.js reads the graph again through its cache; hand it these bytes once instead of a second copy.
  let pending: Uint8Array | null = graph;
  const files: ModelFiles = {
    get: async (path) => {
      if (path === graphPath && pending) {
        const bytes = pending;
        pending = null;
        return bytes;
      }
      return options.files.get(path);
    },
  };
  try {
    return { lm: await loadTransformersLM({ ...options, files }), backend };
  } catch (error) {
    throw explainUnsupportedType(error, config, signature);
  }
}
