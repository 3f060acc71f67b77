/**
 * Moves a model's initializers into external data files, as `onnx.save_model(...,
 * save_as_external_data=True)` lays them out and as transformers.js loads them: the graph in
 * `{name}.onnx`, the tensors in `{name}.onnx_data`, `{name}.onnx_data_1`, … (transformers.js 4.3
 * `getExternalDataChunkNames`), each tensor pointing at its file with `location`, `offset` and `length`.
 */
import { DataLocation, tensorBytes, type ModelProto } from './onnxProto';

/** Tensors smaller than this stay inside the graph, as onnx's size_threshold default does. */
const SIZE_THRESHOLD = 1024;
/** Tensor offsets are multiples of this: the ONNX spec recommends page-aligned offsets so that files can be mapped. */
const ALIGNMENT = 4096;

/** The graph with external tensors and the data files it points to, by file name. */
export interface ExternalDataModel {
  model: ModelProto;
  files: Map<string, Uint8Array>;
}

/** Returns the data file names of `graphFile` (such as `model.onnx`) for `chunks` files, as transformers.js expects them. */
export function externalDataNames(graphFile: string, chunks: number): string[] {
  return Array.from({ length: chunks }, (_, i) => (i === 0 ? `${graphFile}_data` : `${graphFile}_data_${i}`));
}

/**
 * Moves every initializer of at least 1 kB into `chunks` data files of about equal size, in
 * initializer order. Changes `model` in place and returns it with the files.
 */
export function moveToExternalData(model: ModelProto, graphFile: string, chunks: number): ExternalDataModel {
  if (!model.graph) throw new Error('the model has no graph');
  if (!Number.isInteger(chunks) || chunks < 1) throw new RangeError(`chunks must be a positive integer, got ${chunks}`);
  const names = externalDataNames(graphFile, chunks);
  const movable = model.graph.initializer.filter((t) => tensorBytes(t).length >= SIZE_THRESHOLD);
  const total = movable.reduce((sum, t) => sum + tensorBytes(t).length, 0);

  const parts: Uint8Array[][] = names.map(() => []);
  const sizes = names.map(() => 0);
  let before = 0;
  for (const tensor of movable) {
    const bytes = tensorBytes(tensor);
    const file = Math.min(chunks - 1, Math.floor((before * chunks) / total));
    before += bytes.length;
    const offset = Math.ceil(sizes[file]! / ALIGNMENT) * ALIGNMENT;
    if (offset > sizes[file]!) parts[file]!.push(new Uint8Array(offset - sizes[file]!));
    parts[file]!.push(bytes);
    sizes[file] = offset + bytes.length;

    tensor.data_location = DataLocation.EXTERNAL;
    tensor.external_data = [
      { key: 'location', value: names[file]! },
      { key: 'offset', value: String(offset) },
      { key: 'length', value: String(bytes.length) },
    ];
    delete tensor.raw_data;
    tensor.float_data = [];
    tensor.int32_data = [];
    tensor.int64_data = [];
  }

  const files = new Map<string, Uint8Array>();
  names.forEach((name, i) => {
    if (sizes[i] === 0) throw new Error(`${name} would be empty: the model has too few tensors for ${chunks} data files`);
    const joined = new Uint8Array(sizes[i]!);
    let at = 0;
    for (const part of parts[i]!) {
      joined.set(part, at);
      at += part.length;
    }
    files.set(name, joined);
  });
  return { model, files };
}
