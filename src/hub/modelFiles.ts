/**
 * Which files of a model repository a load needs: the configs, the tokenizer and one ONNX variant
 * (`onnx/model{suffix}.onnx`) with its external-data files, named the way transformers.js names them.
 */
import type { RepoFile } from './client';

/** Weight variants and their file-name suffixes, as transformers.js 4.x maps them. */
export const DTYPE_SUFFIXES: Readonly<Record<string, string>> = {
  fp32: '',
  fp16: '_fp16',
  q8: '_quantized',
  int8: '_int8',
  uint8: '_uint8',
  q4: '_q4',
  q4f16: '_q4f16',
  bnb4: '_bnb4',
};

const REQUIRED = ['config.json', 'tokenizer.json', 'tokenizer_config.json'] as const;
const OPTIONAL = ['generation_config.json'] as const;

/** The largest file a browser can hand to ONNX Runtime as one buffer (2 GiB - 1 byte). */
export const BROWSER_MAX_FILE_BYTES = 2 ** 31 - 1;

/** Options of selectModelFiles. */
export interface SelectOptions {
  /** Rejects a variant with a larger file (the browser passes BROWSER_MAX_FILE_BYTES); no limit when absent. */
  maxFileBytes?: number;
}

/** Path of the graph of a weight variant: `onnx/model{suffix}.onnx`. Throws a ModelRepoError on an unknown variant. */
export function graphPathFor(dtype: string): string {
  const suffix = DTYPE_SUFFIXES[dtype];
  if (suffix === undefined) {
    throw new ModelRepoError(`Unknown weight variant "${dtype}"; choose one of ${Object.keys(DTYPE_SUFFIXES).join(', ')}.`);
  }
  return `onnx/model${suffix}.onnx`;
}

/** A model repository's files could not make a loadable model; the message says what to do. */
export class ModelRepoError extends Error {
  readonly code = 'model-repo';
  constructor(message: string) {
    super(message);
    this.name = 'ModelRepoError';
  }
}

/** The weight variants a repository offers, in DTYPE_SUFFIXES order. */
export function availableDtypes(files: readonly RepoFile[]): string[] {
  const paths = new Set(files.map((f) => f.path));
  return Object.entries(DTYPE_SUFFIXES)
    .filter(([, suffix]) => paths.has(`onnx/model${suffix}.onnx`))
    .map(([dtype]) => dtype);
}

/** The external-data files of a graph: `{graph}_data`, `{graph}_data_1`, … as far as they exist. */
export function externalDataFiles(files: readonly RepoFile[], graphPath: string): RepoFile[] {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const out: RepoFile[] = [];
  for (let i = 0; ; i++) {
    const file = byPath.get(i === 0 ? `${graphPath}_data` : `${graphPath}_data_${i}`);
    if (!file) break;
    out.push(file);
  }
  return out;
}

function formatSize(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

/** The largest file (graph or external data) of each variant the repository offers. */
function largestFiles(files: readonly RepoFile[]): Map<string, RepoFile> {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const out = new Map<string, RepoFile>();
  for (const dtype of availableDtypes(files)) {
    const graphPath = graphPathFor(dtype);
    const candidates = [byPath.get(graphPath)!, ...externalDataFiles(files, graphPath)];
    out.set(dtype, candidates.reduce((a, b) => (b.size > a.size ? b : a)));
  }
  return out;
}

/** Throws a ModelRepoError when a file of the variant exceeds `limit`, naming the variants that fit. */
function rejectOversized(files: readonly RepoFile[], chosen: readonly RepoFile[], dtype: string, limit: number): void {
  const big = chosen.find((f) => f.size > limit);
  if (!big) return;
  const fitting = [...largestFiles(files)].filter(([, file]) => file.size <= limit).map(([name]) => name);
  throw new ModelRepoError(
    `${big.path} of the ${dtype} variant is ${formatSize(big.size)}; browsers cannot load one file over 2 GB. ` +
      (fitting.length > 0
        ? `Pick the ${fitting.join(' or ')} variant, whose files are all under 2 GB.`
        : 'The repository offers no variant under that size: pick a smaller quantized export (q4 or q4f16) or one that keeps its weights in external data files (model.onnx_data).'),
  );
}

/** Explains which tokenizer files are missing and what to do about them. */
function missingTokenizerMessage(missing: readonly string[], byPath: ReadonlyMap<string, RepoFile>): string {
  const sentencePiece = byPath.has('tokenizer.model') && missing.includes('tokenizer.json');
  return (
    `The repository has no ${missing.join(' or ')}: the workbench needs the tokenizer files beside the model. ` +
    (sentencePiece
      ? 'It has only a SentencePiece tokenizer.model, which transformers.js cannot read: save the fast tokenizer with ' +
        'AutoTokenizer.from_pretrained(...).save_pretrained(...) and add its tokenizer.json.'
      : 'Pick a repository that includes them (ONNX exports for transformers.js usually do), or copy them from the original model.')
  );
}

/**
 * Picks the files needed to load `dtype`. Throws a ModelRepoError naming what is missing and what the
 * repository offers instead, or, with `options.maxFileBytes`, the file that is too large and the
 * variants that fit.
 */
export function selectModelFiles(files: readonly RepoFile[], dtype: string, options: SelectOptions = {}): RepoFile[] {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const missing = REQUIRED.filter((path) => !byPath.has(path));
  if (missing.includes('config.json')) {
    throw new ModelRepoError('The repository has no config.json, so it is not a transformers model. Check the repository id.');
  }
  if (missing.length > 0) throw new ModelRepoError(missingTokenizerMessage(missing, byPath));
  const graphPath = graphPathFor(dtype);
  const graph = byPath.get(graphPath);
  if (!graph) {
    const offered = availableDtypes(files);
    throw new ModelRepoError(
      offered.length > 0
        ? `The repository has no ${graphPath} for the ${dtype} variant; it offers ${offered.join(', ')}.`
        : 'The repository has no ONNX model under onnx/. The workbench runs ONNX exports (see the export guide in the docs).',
    );
  }
  const chosen = [...REQUIRED, ...OPTIONAL].flatMap((path) => {
    const file = byPath.get(path);
    return file ? [file] : [];
  });
  const weights = [graph, ...externalDataFiles(files, graphPath)];
  if (options.maxFileBytes !== undefined) rejectOversized(files, weights, dtype, options.maxFileBytes);
  return [...chosen, ...weights];
}
