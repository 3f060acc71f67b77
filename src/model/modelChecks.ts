/**
 * Checks a repository's config.json and graph before a session is created, so a model the workbench
 * cannot score fails with a message that explains what is wrong and what to pick instead.
 */
import type { GraphSignature } from './onnxSignature';

/** The two backends: transformers.js (key/value-cache exports) and ONNX Runtime itself (plain exports). */
export type BackendName = 'transformers.js' | 'onnxruntime';

/** A backend, or `auto` to follow config.json's `workbench_backend` (transformers.js when absent). */
export type BackendChoice = BackendName | 'auto';

/** The config.json field that selects the backend of a repository. */
export const BACKEND_FIELD = 'workbench_backend';

/** The repository contains something other than a causal language model the workbench can load. */
export class ModelKindError extends Error {
  readonly code = 'model-kind';
  constructor(message: string) {
    super(message);
    this.name = 'ModelKindError';
  }
}

/** Architecture class names of causal LMs in transformers: `…ForCausalLM` and GPT-2's `…LMHeadModel`. */
const CAUSAL_ARCHITECTURE = /(ForCausalLM|LMHeadModel)$/;

/** model_type values of encoder-only and encoder-decoder families, which predict no next token. */
const NON_CAUSAL_TYPES = new Set([
  'albert', 'bart', 'bert', 'camembert', 'clip', 'deberta', 'deberta-v2', 'distilbert', 'electra', 'm2m_100',
  'marian', 'mbart', 'modernbert', 'mpnet', 'mt5', 'nllb-moe', 'pegasus', 'roberta', 't5', 'vit', 'wav2vec2',
  'whisper', 'xlm-roberta',
]);

/** Parses config.json. Throws a ModelKindError when it is not a JSON object. */
export function parseConfig(bytes: Uint8Array): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new ModelKindError(`config.json is not valid JSON (${(error as Error).message}). Check the repository's config.json.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ModelKindError('config.json does not hold a JSON object. Check the repository\'s config.json.');
  }
  return parsed as Record<string, unknown>;
}

/**
 * Throws a ModelKindError when config.json describes an encoder (BERT-like), an encoder-decoder
 * (T5-like) or another non-causal model. A config that names no architecture and no known
 * model_type passes: plain exports of custom architectures often carry only what the loader reads.
 */
export function checkCausalConfig(config: Record<string, unknown>): void {
  const modelType = typeof config.model_type === 'string' ? config.model_type : null;
  const architectures = Array.isArray(config.architectures) ? config.architectures.filter((a): a is string => typeof a === 'string') : [];
  const described = [architectures.join(', '), modelType ? `model_type ${modelType}` : ''].filter((s) => s).join(', ');
  const reject = (kind: string): never => {
    throw new ModelKindError(
      `config.json describes ${described}, ${kind}. The workbench scores next-token log-probabilities, so it needs a decoder-only ` +
        'causal language model (architectures ending in ForCausalLM or LMHeadModel). Pick a causal LM such as a GPT-2, Llama or Qwen export.',
    );
  };
  if (config.is_encoder_decoder === true) reject('an encoder-decoder model');
  if (architectures.length > 0 && !architectures.some((a) => CAUSAL_ARCHITECTURE.test(a))) reject('which is not a causal language model');
  if (architectures.length === 0 && modelType && NON_CAUSAL_TYPES.has(modelType)) reject('an encoder or encoder-decoder family');
}

/**
 * Picks the backend: an explicit choice wins, then config.json's `workbench_backend`, then
 * transformers.js. Throws a ModelKindError on an unknown name in config.json.
 */
export function chooseBackend(config: Record<string, unknown>, choice: BackendChoice = 'auto'): BackendName {
  if (choice !== 'auto') return choice;
  const named = config[BACKEND_FIELD];
  if (named === undefined) return 'transformers.js';
  if (named === 'transformers.js' || named === 'onnxruntime') return named;
  throw new ModelKindError(`config.json sets ${BACKEND_FIELD} to ${JSON.stringify(named)}; use "transformers.js" or "onnxruntime".`);
}

/**
 * Checks a graph for the transformers.js backend: it must output logits. Throws a ModelKindError
 * that names the outputs found.
 */
export function checkTransformersGraph(signature: Pick<GraphSignature, 'inputs' | 'outputs'>, graphPath: string): void {
  if (signature.outputs.includes('logits')) return;
  throw new ModelKindError(
    `${graphPath} has no logits output (its outputs: ${signature.outputs.join(', ') || 'none'}), so it is not a language-model head export. ` +
      'Export the model for text generation (Optimum task text-generation-with-past) or name the output "logits".',
  );
}
