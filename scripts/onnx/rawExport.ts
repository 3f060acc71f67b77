/**
 * Turns a key/value-cache decoder graph (Optimum's layout: `input_ids`, `attention_mask`,
 * `position_ids`, `past_key_values.{i}.key|value` in, `logits` and `present.{i}.key|value` out) into
 * the plain form of a custom-architecture export: `input_ids` (and optionally `attention_mask`) in,
 * `logits` out, nothing cached.
 *
 * The removed inputs are computed inside the graph from the shape of `input_ids`. The position ids
 * are Range(0, sequence length) for every row, and each past is an empty [batch, heads, 0, head size]
 * tensor. Without an `attention_mask` input, the mask is all ones. Right-padded batches keep
 * their real tokens at positions 0…n-1, so they score the same as in the cache graph.
 */
import { DataType, int64Tensor, makeNode, rawTensor, type ModelProto, type NodeProto } from './onnxProto';

/** Options of toRawExport. */
export interface RawExportOptions {
  /** Attention heads per layer (config.json `n_head`). */
  heads: number;
  /** Size of one head (`n_embd / n_head`). */
  headSize: number;
  /** Whether the export keeps `attention_mask` as an input (otherwise the graph fills it with ones). */
  attentionMask: boolean;
}

const PAST = /^past_key_values\.\d+\.(key|value)$/;

/** Rewrites the cache graph into the plain input_ids → logits form in place and returns it. */
export function toRawExport(model: ModelProto, options: RawExportOptions): ModelProto {
  const graph = model.graph;
  if (!graph) throw new Error('the model has no graph');
  const inputNames = graph.input.map((i) => i.name ?? '');
  for (const required of ['input_ids', 'attention_mask', 'position_ids']) {
    if (!inputNames.includes(required)) throw new Error(`the graph has no ${required} input; its inputs are ${inputNames.join(', ')}`);
  }
  if (!graph.output.some((o) => o.name === 'logits')) throw new Error('the graph has no logits output');
  const pasts = inputNames.filter((name) => PAST.test(name));

  const zeroFloat = rawTensor('/raw/zero_float', DataType.FLOAT, [1], new Uint8Array(4));
  const oneInt = int64Tensor('/raw/one_int64', [1], [1]);
  graph.initializer.push(
    int64Tensor('/raw/zero', [], [0]),
    int64Tensor('/raw/one', [], [1]),
    int64Tensor('/raw/index_batch', [1], [0]),
    int64Tensor('/raw/index_sequence', [], [1]),
    int64Tensor('/raw/axes_0', [1], [0]),
    int64Tensor('/raw/past_tail', [3], [options.heads, 0, options.headSize]),
  );

  const nodes: NodeProto[] = [
    makeNode('Shape', ['input_ids'], ['/raw/shape'], '/raw/Shape'),
    makeNode('Gather', ['/raw/shape', '/raw/index_batch'], ['/raw/batch'], '/raw/GatherBatch', { axis: 0 }),
    makeNode('Gather', ['/raw/shape', '/raw/index_sequence'], ['/raw/sequence'], '/raw/GatherSequence', { axis: 0 }),
    makeNode('Range', ['/raw/zero', '/raw/sequence', '/raw/one'], ['/raw/positions'], '/raw/Range'),
    makeNode('Unsqueeze', ['/raw/positions', '/raw/axes_0'], ['/raw/positions_row'], '/raw/Unsqueeze'),
    makeNode('Expand', ['/raw/positions_row', '/raw/shape'], ['position_ids'], '/raw/Expand'),
    makeNode('Concat', ['/raw/batch', '/raw/past_tail'], ['/raw/past_shape'], '/raw/Concat', { axis: 0 }),
    ...pasts.map((name, i) => makeNode('ConstantOfShape', ['/raw/past_shape'], [name], `/raw/Past_${i}`, { value: zeroFloat })),
  ];
  if (!options.attentionMask) nodes.push(makeNode('ConstantOfShape', ['/raw/shape'], ['attention_mask'], '/raw/Mask', { value: oneInt }));
  graph.node = [...nodes, ...graph.node];

  const keptInputs = new Set(options.attentionMask ? ['input_ids', 'attention_mask'] : ['input_ids']);
  graph.input = graph.input.filter((i) => keptInputs.has(i.name ?? ''));
  graph.output = graph.output.filter((o) => o.name === 'logits');
  return model;
}
