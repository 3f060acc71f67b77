import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { readGraphSignature } from '../../src/model/onnxSignature';
import { moveToExternalData } from './externalData';
import { DataLocation, DataType, decodeModel, encodeModel, makeNode, rawTensor, tensorBytes, type ModelProto } from './onnxProto';
import { BLOCK_SIZE, dequantize, packWeight, quantizeBlock, quantizeMatMulsQ4 } from './quantizeQ4';
import { toRawExport } from './rawExport';

const HUB = resolve(import.meta.dirname, '..', '..', 'public', 'hub');
const commit = (JSON.parse(readFileSync(join(HUB, 'api/models/bundled/tiny-frozen/revision/main'), 'utf8')) as { sha: string }).sha;
const SOURCE = new Uint8Array(readFileSync(join(HUB, 'bundled/tiny-frozen/resolve', commit, 'onnx/model.onnx')));

/** Returns `count` deterministic pseudo-random floats in [-1, 1) from a 32-bit LCG, so failures reproduce. */
function randomValues(count: number, seed: number): Float32Array {
  const out = new Float32Array(count);
  let state = seed >>> 0;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state / 2 ** 31 - 1;
  }
  return out;
}

describe('ONNX protobuf codec', () => {
  it('re-encodes the tiny model byte for byte', () => {
    const again = encodeModel(decodeModel(SOURCE));
    expect(again.length).toBe(SOURCE.length);
    expect(Buffer.compare(again, SOURCE)).toBe(0);
  });

  it('rejects bytes that are not a model', () => {
    expect(() => decodeModel(new Uint8Array([0x0a, 0x05, 0x01]))).toThrow();
  });
});

describe('external data', () => {
  it('points every moved tensor at its bytes in the data files', () => {
    const original = new Map(decodeModel(SOURCE).graph!.initializer.map((t) => [t.name!, tensorBytes(t)]));
    const { model, files } = moveToExternalData(decodeModel(SOURCE), 'model.onnx', 2);
    expect([...files.keys()]).toEqual(['model.onnx_data', 'model.onnx_data_1']);

    const moved = model.graph!.initializer.filter((t) => t.data_location === DataLocation.EXTERNAL);
    expect(moved.length).toBeGreaterThan(10);
    const locations = new Set<string>();
    for (const tensor of moved) {
      const entry = Object.fromEntries(tensor.external_data.map((e) => [e.key, e.value]));
      const offset = Number(entry.offset);
      const length = Number(entry.length);
      locations.add(entry.location!);
      expect(offset % 4096, tensor.name).toBe(0);
      expect(Buffer.compare(files.get(entry.location!)!.subarray(offset, offset + length), original.get(tensor.name!)!), tensor.name).toBe(0);
    }
    expect([...locations].sort()).toEqual(['model.onnx_data', 'model.onnx_data_1']);
    // The graph file keeps only the small tensors: its bytes shrink from 4.5 MB to under 100 kB.
    const graph = encodeModel(model);
    expect(graph.length).toBeLessThan(100_000);
    for (const tensor of decodeModel(graph).graph!.initializer.filter((t) => t.data_location === DataLocation.EXTERNAL)) {
      expect(tensor.raw_data?.length ?? 0, tensor.name).toBe(0);
    }
  });

  it('keeps tensors under 1 kB inside the graph', () => {
    const { model } = moveToExternalData(decodeModel(SOURCE), 'model.onnx', 2);
    for (const tensor of model.graph!.initializer.filter((t) => t.data_location !== DataLocation.EXTERNAL)) {
      expect(tensorBytes(tensor).length, tensor.name).toBeLessThan(1024);
    }
  });
});

describe('4-bit block quantization', () => {
  it('rounds each weight to the nearest of 16 levels that include zero', () => {
    const values = randomValues(BLOCK_SIZE, 7);
    values[3] = 0;
    const block = quantizeBlock(values);
    for (const [i, value] of values.entries()) {
      expect(block.codes[i]).toBeLessThanOrEqual(15);
      expect(Math.abs(dequantize(block.codes[i]!, block) - value)).toBeLessThanOrEqual(block.scale / 2 + 1e-7);
    }
    expect(dequantize(block.codes[3]!, block)).toBe(0);
  });

  it('matches ONNX Runtime MatMulNBits on the dequantized weights', async () => {
    const k = 64;
    const n = 8;
    const weight = randomValues(k * n, 11);
    const input = randomValues(2 * k, 13);
    const packed = packWeight(weight, k, n);
    const model: ModelProto = {
      ir_version: 8,
      opset_import: [{ domain: '', version: 17 }, { domain: 'com.microsoft', version: 1 }],
      producer_name: 'lm-eval-workbench test',
      graph: {
        name: 'matmul_nbits',
        node: [makeNode('MatMulNBits', ['A', 'B', 'scales', 'zero_points'], ['Y'], 'q', { K: k, N: n, bits: 4, block_size: BLOCK_SIZE }, 'com.microsoft')],
        initializer: [
          rawTensor('B', DataType.UINT8, [n, packed.blocks, BLOCK_SIZE / 2], packed.packed),
          rawTensor('scales', DataType.FLOAT, [n, packed.blocks], new Uint8Array(packed.scales.buffer)),
          rawTensor('zero_points', DataType.UINT8, [n, Math.ceil(packed.blocks / 2)], packed.zeroPoints),
        ],
        input: [{ name: 'A', type: { tensor_type: { elem_type: DataType.FLOAT, shape: { dim: [{ dim_value: 2 }, { dim_value: k }] } } } }],
        output: [{ name: 'Y', type: { tensor_type: { elem_type: DataType.FLOAT, shape: { dim: [{ dim_value: 2 }, { dim_value: n }] } } } }],
        value_info: [],
      },
    };
    const session = await ort.InferenceSession.create(encodeModel(model));
    const { Y } = await session.run({ A: new ort.Tensor('float32', input, [2, k]) });
    const actual = Y!.data as Float32Array;

    // The same product from the codes read back out of the packed bytes, as the spec defines them.
    for (let row = 0; row < 2; row++) {
      for (let col = 0; col < n; col++) {
        let sum = 0;
        for (let i = 0; i < k; i++) {
          const block = col * packed.blocks + Math.floor(i / BLOCK_SIZE);
          const byte = packed.packed[block * (BLOCK_SIZE / 2) + Math.floor((i % BLOCK_SIZE) / 2)]!;
          const code = i % 2 === 0 ? byte & 15 : byte >> 4;
          const zeroByte = packed.zeroPoints[col * Math.ceil(packed.blocks / 2) + (Math.floor(i / BLOCK_SIZE) >> 1)]!;
          const zeroPoint = Math.floor(i / BLOCK_SIZE) % 2 === 0 ? zeroByte & 15 : zeroByte >> 4;
          sum += input[row * k + i]! * (code - zeroPoint) * packed.scales[block]!;
        }
        expect(Math.abs(actual[row * n + col]! - sum)).toBeLessThan(1e-4);
      }
    }
    await session.release();
  });

  it('replaces every weight MatMul of the tiny model', () => {
    const model = decodeModel(SOURCE);
    const quantized = quantizeMatMulsQ4(model);
    expect(quantized).toHaveLength(17);
    const ops = model.graph!.node.map((node) => node.op_type);
    expect(ops.filter((op) => op === 'MatMulNBits')).toHaveLength(17);
    // The 8 attention MatMuls multiply activations and stay fp32.
    expect(ops.filter((op) => op === 'MatMul')).toHaveLength(8);
    expect(model.opset_import).toContainEqual({ domain: 'com.microsoft', version: 1 });
  });
});

describe('plain export', () => {
  it('maps input_ids and attention_mask to logits alone', () => {
    const raw = encodeModel(toRawExport(decodeModel(SOURCE), { heads: 4, headSize: 32, attentionMask: true }));
    const signature = readGraphSignature(raw);
    expect(signature.inputs).toEqual(['input_ids', 'attention_mask']);
    expect(signature.outputs).toEqual(['logits']);
  });

  it('gives the cache graph logits from input_ids alone', async () => {
    const ids = [82, 79, 77, 69, 79, 58, 10, 73, 39, 108];
    const tensor = (values: number[]) => new ort.Tensor('int64', BigInt64Array.from(values.map(BigInt)), [1, values.length]);
    const full = await ort.InferenceSession.create(SOURCE);
    const feeds: Record<string, ort.Tensor> = { input_ids: tensor(ids), attention_mask: tensor(ids.map(() => 1)), position_ids: tensor(ids.map((_, i) => i)) };
    for (const name of full.inputNames.filter((n) => n.startsWith('past_key_values'))) feeds[name] = new ort.Tensor('float32', new Float32Array(0), [1, 4, 0, 32]);
    const expected = (await full.run(feeds)).logits!.data as Float32Array;

    const raw = await ort.InferenceSession.create(encodeModel(toRawExport(decodeModel(SOURCE), { heads: 4, headSize: 32, attentionMask: false })));
    expect(raw.inputNames).toEqual(['input_ids']);
    const actual = (await raw.run({ input_ids: tensor(ids) })).logits!.data as Float32Array;
    expect(actual.length).toBe(expected.length);
    let worst = 0;
    for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
    expect(worst).toBeLessThan(1e-5);
    await Promise.all([full.release(), raw.release()]);
  });
});
