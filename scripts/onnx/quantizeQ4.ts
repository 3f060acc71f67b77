/**
 * 4-bit block quantization of a model's weight matrices with ONNX Runtime's `com.microsoft`
 * MatMulNBits operator, the form of transformers.js's `q4` variants.
 *
 * Every MatMul whose second input is an fp32 initializer of shape [K, N] (K a multiple of the block
 * size) becomes MatMulNBits(A, B, scales, zero_points) with, per ONNX Runtime's contrib operator spec:
 * - B: uint8 [N, K / block, block / 2], weights of output n along K, two per byte, the first in the low nibble;
 * - scales: float32 [N, K / block];
 * - zero_points: uint8 [N, ceil(K / block / 2)], packed the same way;
 * and dequantized weight = (code - zero_point) · scale. Everything else stays fp32.
 */
import { DataType, makeNode, rawTensor, tensorBytes, toNumber, type ModelProto, type TensorProto } from './onnxProto';

/** Quantization block along K, as transformers.js's q4 exports use. */
export const BLOCK_SIZE = 32;
const BITS = 4;
const LEVELS = (1 << BITS) - 1;

/** One block's codes with its scale and zero point. */
export interface QuantizedBlock {
  codes: Uint8Array;
  scale: number;
  zeroPoint: number;
}

/**
 * Quantizes one block asymmetrically to 4 bits. The range always includes 0, so zero weights stay
 * exact; the scale is rounded to float32 before the codes are computed, so dequantizing with the
 * stored scale gives the nearest code's value.
 */
export function quantizeBlock(values: ArrayLike<number>): QuantizedBlock {
  let low = 0;
  let high = 0;
  for (let i = 0; i < values.length; i++) {
    low = Math.min(low, values[i]!);
    high = Math.max(high, values[i]!);
  }
  const scale = high > low ? Math.fround((high - low) / LEVELS) : 1;
  const zeroPoint = Math.min(LEVELS, Math.max(0, Math.round(-low / scale)));
  const codes = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) codes[i] = Math.min(LEVELS, Math.max(0, Math.round(values[i]! / scale) + zeroPoint));
  return { codes, scale, zeroPoint };
}

/** Returns the dequantized value of code `code` of a block. */
export function dequantize(code: number, block: Pick<QuantizedBlock, 'scale' | 'zeroPoint'>): number {
  return (code - block.zeroPoint) * block.scale;
}

/** MatMulNBits's three constant inputs for one [K, N] weight matrix. */
export interface PackedWeight {
  packed: Uint8Array;
  scales: Float32Array;
  zeroPoints: Uint8Array;
  blocks: number;
}

/** Quantizes a row-major [K, N] fp32 matrix into MatMulNBits's layout (see the file comment). */
export function packWeight(weight: Float32Array, k: number, n: number): PackedWeight {
  if (k % BLOCK_SIZE !== 0) throw new RangeError(`K = ${k} is not a multiple of the block size ${BLOCK_SIZE}`);
  const blocks = k / BLOCK_SIZE;
  const blobSize = (BLOCK_SIZE * BITS) / 8;
  const zeroPointBytes = Math.ceil((blocks * BITS) / 8);
  const packed = new Uint8Array(n * blocks * blobSize);
  const scales = new Float32Array(n * blocks);
  const zeroPoints = new Uint8Array(n * zeroPointBytes);
  const column = new Float32Array(BLOCK_SIZE);

  for (let col = 0; col < n; col++) {
    for (let b = 0; b < blocks; b++) {
      for (let j = 0; j < BLOCK_SIZE; j++) column[j] = weight[(b * BLOCK_SIZE + j) * n + col]!;
      const block = quantizeBlock(column);
      scales[col * blocks + b] = block.scale;
      const blob = (col * blocks + b) * blobSize;
      for (let j = 0; j < BLOCK_SIZE; j += 2) packed[blob + j / 2] = block.codes[j]! | (block.codes[j + 1]! << 4);
      const zp = col * zeroPointBytes + (b >> 1);
      zeroPoints[zp] = b % 2 === 0 ? block.zeroPoint : zeroPoints[zp]! | (block.zeroPoint << 4);
    }
  }
  return { packed, scales, zeroPoints, blocks };
}

function floatData(tensor: TensorProto): Float32Array {
  const bytes = tensorBytes(tensor);
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/**
 * Replaces the model's weight MatMuls with MatMulNBits (block 32, 4 bits, with zero points) in
 * place and returns the names of the quantized weights. Throws when there is nothing to quantize.
 */
export function quantizeMatMulsQ4(model: ModelProto): string[] {
  const graph = model.graph;
  if (!graph) throw new Error('the model has no graph');
  const initializers = new Map(graph.initializer.map((t) => [t.name ?? '', t]));
  const uses = new Map<string, number>();
  for (const node of graph.node) for (const input of node.input) uses.set(input, (uses.get(input) ?? 0) + 1);

  const quantized: string[] = [];
  const added: TensorProto[] = [];
  graph.node = graph.node.map((node) => {
    const weight = node.op_type === 'MatMul' && (node.domain ?? '') === '' ? initializers.get(node.input[1] ?? '') : undefined;
    if (!weight || weight.data_type !== DataType.FLOAT || weight.dims.length !== 2) return node;
    const [k, n] = weight.dims.map(toNumber) as [number, number];
    if (k % BLOCK_SIZE !== 0) return node;

    const name = weight.name!;
    const { packed, scales, zeroPoints, blocks } = packWeight(floatData(weight), k, n);
    added.push(
      rawTensor(`${name}_Q4`, DataType.UINT8, [n, blocks, BLOCK_SIZE / 2], packed),
      rawTensor(`${name}_scales`, DataType.FLOAT, [n, blocks], new Uint8Array(scales.buffer)),
      rawTensor(`${name}_zero_points`, DataType.UINT8, [n, Math.ceil(blocks / 2)], zeroPoints),
    );
    quantized.push(name);
    uses.set(name, uses.get(name)! - 1);
    return makeNode(
      'MatMulNBits',
      [node.input[0]!, `${name}_Q4`, `${name}_scales`, `${name}_zero_points`],
      [...node.output],
      `${node.name ?? name}_Q4`,
      { K: k, N: n, bits: BITS, block_size: BLOCK_SIZE },
      'com.microsoft',
    );
  });
  if (quantized.length === 0) throw new Error('the model has no MatMul with an fp32 weight initializer to quantize');

  // A weight still read by another node stays; the others are replaced by their packed form.
  const replaced = new Set(quantized.filter((name) => uses.get(name) === 0));
  graph.initializer = [...graph.initializer.filter((t) => !replaced.has(t.name ?? '')), ...added];
  if (!model.opset_import.some((o) => o.domain === 'com.microsoft')) model.opset_import.push({ domain: 'com.microsoft', version: 1 });
  return quantized;
}
