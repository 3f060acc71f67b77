/**
 * ONNX Runtime for the onnxruntime backend in Node (tests and the command line): onnxruntime-node,
 * the package transformers.js's Node build runs on, at the same version.
 */
import * as ort from 'onnxruntime-node';
import type { OrtRuntime, OrtSessionLike, OrtTensorLike } from './ortLM';

/** onnxruntime-node's CPU execution provider behind the OrtRuntime interface. */
export const nodeRuntime: OrtRuntime = {
  async createSession(model, device, externalData): Promise<OrtSessionLike> {
    if (device !== 'cpu') throw new Error(`onnxruntime-node runs on the cpu device here, not ${device}`);
    return ort.InferenceSession.create(model, {
      executionProviders: ['cpu'],
      ...(externalData.length > 0 ? { externalData: externalData.map((file) => ({ path: file.path, data: file.data })) } : {}),
    });
  },
  int64Tensor(data, dims): OrtTensorLike {
    return new ort.Tensor('int64', data, dims);
  },
};
