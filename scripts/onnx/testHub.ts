/**
 * The test hub: repositories derived from the bundled tiny-frozen model, laid out like the bundled
 * hub (Hub URL layout with the `api/models/{repo}/revision|tree/{main|commit}` files), for the unit
 * and browser tests of external data, 4-bit weights and the onnxruntime backend.
 *
 * - `test/tiny-frozen-variants`: the fp32 graph with its weights in `onnx/model.onnx_data` and
 *   `onnx/model.onnx_data_1`, and `onnx/model_q4.onnx` (MatMulNBits weights, inside the file);
 * - `test/tiny-frozen-raw`: the plain export, `input_ids` and `attention_mask` → `logits`;
 * - `test/tiny-frozen-raw-ids`: the plain export with `input_ids` as its only input, and a config.json
 *   without `workbench_backend`, as a user's own export arrives: it needs the onnxruntime backend chosen.
 *
 * The folder is rebuilt when the source model or this generator changes (a stamp file records both),
 * and it is written under a temporary name and renamed, so test workers that build it at the same
 * time never read a half-written hub.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { moveToExternalData } from './externalData';
import { decodeModel, encodeModel } from './onnxProto';
import { quantizeMatMulsQ4 } from './quantizeQ4';
import { toRawExport } from './rawExport';

const PROJECT_DIR = resolve(import.meta.dirname, '..', '..');
/** The default output folder, ignored by git. */
export const TEST_HUB_DIR = join(PROJECT_DIR, 'test-fixtures', 'hub');
const SOURCE_REPO = 'bundled/tiny-frozen';
/** Bump when the generated files change for the same source. */
const GENERATOR_VERSION = 2;

/** Repository ids of the test hub. */
export const TEST_REPOS = {
  variants: 'test/tiny-frozen-variants',
  raw: 'test/tiny-frozen-raw',
  rawIdsOnly: 'test/tiny-frozen-raw-ids',
} as const;

const TOKENIZER_FILES = ['tokenizer.json', 'tokenizer_config.json', 'generation_config.json'];

interface GptConfig {
  vocab_size: number;
  n_positions: number;
  n_embd: number;
  n_head: number;
  bos_token_id: number;
  eos_token_id: number;
  pad_token_id: number;
  [key: string]: unknown;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads the bundled source repository's files at the commit `main` points to. */
function readSource(): Map<string, Uint8Array> {
  const hub = join(PROJECT_DIR, 'public', 'hub');
  const info = JSON.parse(readFileSync(join(hub, 'api', 'models', SOURCE_REPO, 'revision', 'main'), 'utf8')) as { sha: string };
  const dir = join(hub, SOURCE_REPO, 'resolve', info.sha);
  const files = new Map<string, Uint8Array>();
  for (const path of ['config.json', 'onnx/model.onnx', ...TOKENIZER_FILES]) files.set(path, new Uint8Array(readFileSync(join(dir, path))));
  return files;
}

function json(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value, null, 2) + '\n');
}

/** Builds the config of a plain export: what the onnxruntime backend reads, and the backend choice. */
function rawConfig(source: GptConfig, namesBackend: boolean): unknown {
  return {
    architectures: ['TinyRawForCausalLM'],
    model_type: 'tiny-raw',
    vocab_size: source.vocab_size,
    n_positions: source.n_positions,
    bos_token_id: source.bos_token_id,
    eos_token_id: source.eos_token_id,
    pad_token_id: source.pad_token_id,
    ...(namesBackend ? { workbench_backend: 'onnxruntime' } : {}),
  };
}

/** Builds every test repository's files from the source files. */
export function buildTestRepos(source: Map<string, Uint8Array>): Map<string, Map<string, Uint8Array>> {
  const config = JSON.parse(new TextDecoder().decode(source.get('config.json'))) as GptConfig;
  const graph = source.get('onnx/model.onnx')!;
  const tokenizer = new Map(TOKENIZER_FILES.map((path) => [path, source.get(path)!]));
  const repos = new Map<string, Map<string, Uint8Array>>();

  const external = moveToExternalData(decodeModel(graph), 'model.onnx', 2);
  const q4 = decodeModel(graph);
  quantizeMatMulsQ4(q4);
  const variantsConfig = { ...config, 'transformers.js_config': { dtype: 'fp32', use_external_data_format: { 'model.onnx': 2, 'model_q4.onnx': 0 } } };
  repos.set(
    TEST_REPOS.variants,
    new Map([
      ['config.json', json(variantsConfig)],
      ...tokenizer,
      ['onnx/model.onnx', encodeModel(external.model)],
      ...[...external.files].map(([name, bytes]) => [`onnx/${name}`, bytes] as [string, Uint8Array]),
      ['onnx/model_q4.onnx', encodeModel(q4)],
    ]),
  );

  const heads = config.n_head;
  const headSize = config.n_embd / config.n_head;
  for (const [repo, attentionMask, namesBackend] of [
    [TEST_REPOS.raw, true, true],
    [TEST_REPOS.rawIdsOnly, false, false],
  ] as const) {
    const raw = toRawExport(decodeModel(graph), { heads, headSize, attentionMask });
    repos.set(repo, new Map([['config.json', json(rawConfig(config, namesBackend))], ...tokenizer, ['onnx/model.onnx', encodeModel(raw)]]));
  }
  return repos;
}

/** Writes one repository in the Hub layout, with a commit id derived from its contents. */
function writeRepo(hubDir: string, repo: string, files: Map<string, Uint8Array>): void {
  const paths = [...files.keys()].sort();
  const commitHash = createHash('sha1');
  for (const path of paths) commitHash.update(`${path}\0${sha256(files.get(path)!)}\n`);
  const commit = commitHash.digest('hex');

  const tree = paths.map((path) => {
    const bytes = files.get(path)!;
    const target = join(hubDir, repo, 'resolve', commit, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
    const oid = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
    const binary = /\.onnx(_data(_\d+)?)?$/.test(path);
    return { type: 'file', oid, size: bytes.length, path, ...(binary ? { lfs: { oid: sha256(bytes), size: bytes.length, pointerSize: 134 } } : {}) };
  });
  const info = { id: repo, sha: commit, private: false, gated: false, siblings: paths.map((rfilename) => ({ rfilename })) };
  const api = join(hubDir, 'api', 'models', repo);
  mkdirSync(join(api, 'revision'), { recursive: true });
  mkdirSync(join(api, 'tree'), { recursive: true });
  for (const revision of ['main', commit]) {
    writeFileSync(join(api, 'revision', revision), JSON.stringify(info, null, 1) + '\n');
    writeFileSync(join(api, 'tree', revision), JSON.stringify(tree, null, 1) + '\n');
  }
}

/**
 * Builds the test hub into `hubDir` unless it is already there for the current source and
 * generator, and returns `hubDir`.
 */
export function ensureTestHub(hubDir: string = TEST_HUB_DIR): string {
  const source = readSource();
  const stamp = `${GENERATOR_VERSION} ${sha256(source.get('onnx/model.onnx')!)} ${sha256(source.get('config.json')!)}`;
  const stampFile = join(hubDir, 'stamp.txt');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return hubDir;

  const staging = `${hubDir}.tmp-${process.pid}-${Date.now()}`;
  for (const [repo, files] of buildTestRepos(source)) writeRepo(staging, repo, files);
  writeFileSync(join(staging, 'stamp.txt'), stamp);
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    // Another process finished first with the same content.
    rmSync(staging, { recursive: true, force: true });
    return hubDir;
  }
  rmSync(hubDir, { recursive: true, force: true });
  mkdirSync(dirname(hubDir), { recursive: true });
  try {
    renameSync(staging, hubDir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!(existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp)) throw error;
  }
  return hubDir;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const dir = ensureTestHub(process.argv[2] ? resolve(process.argv[2]) : TEST_HUB_DIR);
  console.log(`test hub ready in ${dir}`);
}
