/**
 * ONNX Runtime for the onnxruntime backend in the browser: `onnxruntime-web/webgpu`, the module
 * transformers.js's web build imports, so the bundle contains one copy of ONNX Runtime and both
 * backends share its settings (the WASM file paths of ortSetup.ts) and its WebGPU device.
 */
import * as ort from 'onnxruntime-web/webgpu';
import type { OrtRuntime, OrtSessionLike, OrtTensorLike } from './ortLM';

/** ONNX Runtime Web behind the OrtRuntime interface (execution providers `webgpu` and `wasm`). */
export const webRuntime: OrtRuntime = {
  async createSession(model, device, externalData): Promise<OrtSessionLike> {
    return ort.InferenceSession.create(model, {
      executionProviders: [device === 'webgpu' ? 'webgpu' : 'wasm'],
      ...(externalData.length > 0 ? { externalData: externalData.map((file) => ({ path: file.path, data: file.data })) } : {}),
    });
  },
  int64Tensor(data, dims): OrtTensorLike {
    return new ort.Tensor('int64', data, dims);
  },
};
