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

/**
 * Picks the files needed to load `dtype`. Throws a ModelRepoError naming what is missing and what the
 * repository offers instead.
 */
export function selectModelFiles(files: readonly RepoFile[], dtype: string): RepoFile[] {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const missing = REQUIRED.filter((path) => !byPath.has(path));
  if (missing.includes('config.json')) {
    throw new ModelRepoError('The repository has no config.json, so it is not a transformers model. Check the repository id.');
  }
  if (missing.length > 0) {
    throw new ModelRepoError(
      `The repository has no ${missing.join(' or ')}: the workbench needs the tokenizer files beside the model. ` +
        'Pick a repository that includes them (ONNX exports for transformers.js usually do).',
    );
  }
  const suffix = DTYPE_SUFFIXES[dtype];
  if (suffix === undefined) {
    throw new ModelRepoError(`Unknown weight variant "${dtype}"; choose one of ${Object.keys(DTYPE_SUFFIXES).join(', ')}.`);
  }
  const graphPath = `onnx/model${suffix}.onnx`;
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
  return [...chosen, graph, ...externalDataFiles(files, graphPath)];
}
