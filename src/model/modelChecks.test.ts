import { describe, expect, it } from 'vitest';
import { decodeModel, encodeModel } from '../../scripts/onnx/onnxProto';
import type { RepoFile } from '../hub/client';
import { BROWSER_MAX_FILE_BYTES, ModelRepoError, selectModelFiles } from '../hub/modelFiles';
import { readTestHubFiles, TEST_REPOS } from '../testing/testHubModels';
import { loadModel } from './loadModel';
import { checkCausalConfig, chooseBackend, ModelKindError } from './modelChecks';
import { OnnxFormatError, readGraphSignature } from './onnxSignature';
import { UnexpectedGraphError } from './ortLM';
import { nodeRuntime } from './ortRuntimeNode';
import type { ModelFiles } from './transformersLM';

/** The files of `repo` with some replaced. */
async function filesWith(repo: string, replaced: Record<string, Uint8Array>): Promise<ModelFiles> {
  const files = await readTestHubFiles(repo, 'fp32');
  return { get: async (path) => replaced[path] ?? files.get(path) };
}

function json(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}

function file(path: string, size = 100): RepoFile {
  return { path, size, gitOid: null, sha256: null };
}

const TOKENIZER = [file('config.json'), file('tokenizer.json'), file('tokenizer_config.json')];

describe('config.json checks', () => {
  it('rejects a BERT masked-LM repository before loading', async () => {
    const files = await filesWith(TEST_REPOS.variants, { 'config.json': json({ architectures: ['BertForMaskedLM'], model_type: 'bert' }) });
    const loading = loadModel({ files, device: 'cpu', dtype: 'fp32', ortRuntime: nodeRuntime });
    await expect(loading).rejects.toThrow(ModelKindError);
    await expect(loading).rejects.toThrow(/BertForMaskedLM, model_type bert, which is not a causal language model.*ForCausalLM or LMHeadModel/);
  });

  it('rejects an encoder-decoder config', () => {
    expect(() => checkCausalConfig({ architectures: ['T5ForConditionalGeneration'], model_type: 't5', is_encoder_decoder: true })).toThrow(/an encoder-decoder model/);
  });

  it('rejects a known encoder family without architectures', () => {
    expect(() => checkCausalConfig({ model_type: 'roberta' })).toThrow(/model_type roberta, an encoder or encoder-decoder family/);
  });

  it('accepts causal and custom architectures', () => {
    expect(() => checkCausalConfig({ architectures: ['GPT2LMHeadModel'], model_type: 'gpt2' })).not.toThrow();
    expect(() => checkCausalConfig({ architectures: ['MyNetForCausalLM'], model_type: 'mynet', auto_map: {} })).not.toThrow();
    expect(() => checkCausalConfig({ vocab_size: 1024 })).not.toThrow();
  });

  it('picks the backend from config.json unless one is requested', () => {
    expect(chooseBackend({})).toBe('transformers.js');
    expect(chooseBackend({ workbench_backend: 'onnxruntime' })).toBe('onnxruntime');
    expect(chooseBackend({ workbench_backend: 'onnxruntime' }, 'transformers.js')).toBe('transformers.js');
    expect(() => chooseBackend({ workbench_backend: 'tensorflow' })).toThrow(/"tensorflow"; use "transformers.js" or "onnxruntime"/);
  });

  it('rejects a config.json that is not JSON', async () => {
    const files = await filesWith(TEST_REPOS.raw, { 'config.json': new TextEncoder().encode('{"vocab_size": ') });
    await expect(loadModel({ files, device: 'cpu', dtype: 'fp32', ortRuntime: nodeRuntime })).rejects.toThrow(/config.json is not valid JSON/);
  });
});

describe('graph checks', () => {
  it('rejects a cache graph on the onnxruntime backend and names its inputs', async () => {
    const files = await readTestHubFiles(TEST_REPOS.variants, 'q4');
    const loading = loadModel({ files, device: 'cpu', dtype: 'q4', backend: 'onnxruntime', ortRuntime: nodeRuntime });
    await expect(loading).rejects.toThrow(UnexpectedGraphError);
    await expect(loading).rejects.toThrow(/onnx\/model_q4.onnx takes inputs .*position_ids, past_key_values.0.key.*pick the transformers.js backend/);
  });

  it('rejects a plain export on transformers.js', async () => {
    const files = await readTestHubFiles(TEST_REPOS.raw, 'fp32');
    const loading = loadModel({ files, device: 'cpu', dtype: 'fp32', backend: 'transformers.js', ortRuntime: nodeRuntime });
    await expect(loading).rejects.toThrow(ModelKindError);
    await expect(loading).rejects.toThrow(/no model class for model_type "tiny-raw".*no past_key_values inputs.*pick the onnxruntime backend/);
  });

  it('rejects a graph without logits on the transformers.js backend', async () => {
    const raw = await readTestHubFiles(TEST_REPOS.raw, 'fp32');
    const model = decodeModel((await raw.get('onnx/model.onnx'))!);
    for (const node of model.graph!.node) node.output = node.output.map((name) => (name === 'logits' ? 'scores' : name));
    for (const output of model.graph!.output) if (output.name === 'logits') output.name = 'scores';
    const files = await filesWith(TEST_REPOS.raw, { 'onnx/model.onnx': encodeModel(model) });
    const loading = loadModel({ files, device: 'cpu', dtype: 'fp32', backend: 'transformers.js', ortRuntime: nodeRuntime });
    await expect(loading).rejects.toThrow(ModelKindError);
    await expect(loading).rejects.toThrow(/onnx\/model.onnx has no logits output \(its outputs: scores\)/);
  });

  it('reads the inputs, outputs and weight sizes of a graph', async () => {
    const files = await readTestHubFiles(TEST_REPOS.variants, 'q4');
    const signature = readGraphSignature((await files.get('onnx/model_q4.onnx'))!);
    expect(signature.inputs.slice(0, 3)).toEqual(['input_ids', 'attention_mask', 'position_ids']);
    expect(signature.outputs[0]).toBe('logits');
    const sizes = Object.fromEntries(signature.initializers.map((i) => [i.name, i.bytes]));
    expect(sizes['model.transformer.wte.weight']).toBe(1024 * 128 * 4);
    // The lm_head's 128 × 1024 weights in 4 bits: 1024 rows of 4 blocks of 16 bytes.
    expect(sizes['onnx::MatMul_486_Q4']).toBe(1024 * 4 * 16);
  });

  it('reads weight sizes from external data', async () => {
    const files = await readTestHubFiles(TEST_REPOS.variants, 'fp32');
    const signature = readGraphSignature((await files.get('onnx/model.onnx'))!);
    expect(Math.max(...signature.initializers.map((i) => i.bytes))).toBe(1024 * 128 * 4);
  });

  it('rejects bytes that are not an ONNX model', () => {
    expect(() => readGraphSignature(new TextEncoder().encode('<!doctype html><title>404</title>'))).toThrow(OnnxFormatError);
  });
});

describe('repository file checks', () => {
  it('names the missing tokenizer files', () => {
    expect(() => selectModelFiles([file('config.json'), file('onnx/model.onnx')], 'fp32')).toThrow(/no tokenizer.json or tokenizer_config.json/);
  });

  it('explains a SentencePiece-only tokenizer', () => {
    const files = [file('config.json'), file('tokenizer_config.json'), file('tokenizer.model'), file('onnx/model.onnx')];
    expect(() => selectModelFiles(files, 'fp32')).toThrow(/only a SentencePiece tokenizer.model.*save_pretrained/);
  });

  it('names the variant to pick when a file exceeds 2 GB', () => {
    const files = [...TOKENIZER, file('onnx/model.onnx', 3_100_000_000), file('onnx/model_q4.onnx', 900_000_000), file('onnx/model_fp16.onnx', 2_200_000_000)];
    expect(() => selectModelFiles(files, 'fp32', { maxFileBytes: BROWSER_MAX_FILE_BYTES })).toThrow(ModelRepoError);
    expect(() => selectModelFiles(files, 'fp32', { maxFileBytes: BROWSER_MAX_FILE_BYTES })).toThrow(
      'onnx/model.onnx of the fp32 variant is 3.1 GB; browsers cannot load one file over 2 GB. Pick the q4 variant, whose files are all under 2 GB.',
    );
  });

  it('counts external data files against the 2 GB limit', () => {
    const files = [...TOKENIZER, file('onnx/model.onnx', 1_000_000), file('onnx/model.onnx_data', 2_500_000_000)];
    expect(() => selectModelFiles(files, 'fp32', { maxFileBytes: BROWSER_MAX_FILE_BYTES })).toThrow(/model.onnx_data of the fp32 variant is 2.5 GB.*offers no variant under that size/);
    expect(selectModelFiles(files, 'fp32').map((f) => f.path)).toContain('onnx/model.onnx_data');
  });
});
