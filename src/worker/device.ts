/**
 * Chooses where the forward passes run: WebGPU when the browser offers an adapter, WASM otherwise,
 * with the reason in words for the UI. Also reads the adapter's features and limits, and refuses a
 * weight variant the adapter cannot run, naming the variant to pick instead.
 */
import type { GraphSignature } from '../model/onnxSignature';
import type { DeviceChoice, DevicePreference } from './protocol';

/** Facts about the WebGPU adapter: its name, whether it has shader-f16, and its buffer limits in bytes. */
export interface AdapterFacts {
  description: string;
  shaderF16: boolean;
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
}

/** The device chosen and, on WebGPU, the adapter's facts. */
export interface DeviceProbe {
  choice: DeviceChoice;
  adapter: AdapterFacts | null;
}

/** The weight variant cannot run on this adapter; the message names the variant to pick. */
export class UnsupportedVariantError extends Error {
  readonly code = 'unsupported-variant';
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedVariantError';
  }
}

/** Describes the adapter in a few words, such as `google swiftshader`. */
function describeAdapter(adapter: GPUAdapter): string {
  const info = adapter.info;
  const parts = [info?.vendor, info?.architecture, info?.description].filter((p) => p && p.length > 0);
  return parts.length > 0 ? parts.join(' ') : 'unnamed adapter';
}

/** Reads the facts the variant checks need from an adapter. */
export function adapterFacts(adapter: GPUAdapter): AdapterFacts {
  return {
    description: describeAdapter(adapter),
    shaderF16: adapter.features.has('shader-f16'),
    maxBufferSize: adapter.limits.maxBufferSize,
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
  };
}

/** Probes WebGPU (unless the preference is WASM) and returns the device to use, the reason and the adapter's facts. */
export async function probeDevice(preference: DevicePreference): Promise<DeviceProbe> {
  const wasm = (reason: string): DeviceProbe => ({ choice: { device: 'wasm', reason }, adapter: null });
  if (preference === 'wasm') return wasm('WASM was chosen in the run options.');
  const gpu = typeof navigator !== 'undefined' ? navigator.gpu : undefined;
  if (!gpu) return wasm('This browser exposes no WebGPU (navigator.gpu is missing), so the model runs on WASM.');
  let adapter: GPUAdapter | null = null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (error) {
    return wasm(`Requesting a WebGPU adapter failed (${(error as Error).message}), so the model runs on WASM.`);
  }
  if (!adapter) return wasm('WebGPU is present but no adapter is available, so the model runs on WASM.');
  return { choice: { device: 'webgpu', reason: `WebGPU adapter found: ${describeAdapter(adapter)}.` }, adapter: adapterFacts(adapter) };
}

/** Probes WebGPU (unless the preference is WASM) and returns the device to use with the reason. */
export async function chooseDevice(preference: DevicePreference): Promise<DeviceChoice> {
  return (await probeDevice(preference)).choice;
}

/** Variants whose graphs compute in fp16, which WebGPU runs only with the shader-f16 feature. */
const FP16_VARIANTS = new Set(['fp16', 'q4f16']);

function formatBytes(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

/**
 * Returns why the adapter cannot run the variant `dtype` before anything is downloaded (fp16 math
 * without shader-f16), or null when it can.
 */
export function variantProblem(dtype: string, adapter: AdapterFacts): string | null {
  if (!FP16_VARIANTS.has(dtype) || adapter.shaderF16) return null;
  const instead = dtype === 'q4f16' ? 'q4 or fp32' : 'fp32 or q4';
  return (
    `The ${dtype} variant computes in 16-bit floats, which this GPU (${adapter.description}) cannot do: it lacks the WebGPU feature shader-f16. ` +
    `Pick the ${instead} variant, or choose WASM as the Device in the run options.`
  );
}

/**
 * Returns why the adapter cannot hold one of the graph's weights, or null when all fit. ONNX Runtime
 * keeps each weight in a GPU buffer of its own and binds it whole to a shader, so the largest weight
 * must fit both maxBufferSize and maxStorageBufferBindingSize. The files' sizes do not matter.
 * NOTE: derived from how ONNX Runtime Web allocates initializers; not tried on an adapter whose limits a model exceeds.
 */
export function weightProblem(signature: Pick<GraphSignature, 'initializers'>, dtype: string, adapter: AdapterFacts): string | null {
  const limit = Math.min(adapter.maxBufferSize, adapter.maxStorageBufferBindingSize);
  const largest = signature.initializers.reduce<{ name: string; bytes: number } | null>((a, b) => (a && a.bytes >= b.bytes ? a : b), null);
  if (!largest || largest.bytes <= limit) return null;
  const limitName = adapter.maxBufferSize <= adapter.maxStorageBufferBindingSize ? 'maxBufferSize' : 'maxStorageBufferBindingSize';
  const instead = dtype === 'q4' || dtype === 'q4f16' ? 'a smaller model, or choose WASM as the Device in the run options' : 'a quantized variant (q4, or q4f16 on GPUs with shader-f16)';
  return (
    `The weight ${largest.name} of the ${dtype} variant takes ${formatBytes(largest.bytes)}, more than this GPU (${adapter.description}) ` +
    `can bind in one buffer (${limitName} ${formatBytes(limit)}). Pick ${instead}.`
  );
}

/** Throws an UnsupportedVariantError when variantProblem finds one. */
export function assertVariantRuns(dtype: string, adapter: AdapterFacts | null): void {
  const problem = adapter ? variantProblem(dtype, adapter) : null;
  if (problem) throw new UnsupportedVariantError(problem);
}

/** Throws an UnsupportedVariantError when weightProblem finds one. */
export function assertWeightsFit(signature: Pick<GraphSignature, 'initializers'>, dtype: string, adapter: AdapterFacts | null): void {
  const problem = adapter ? weightProblem(signature, dtype, adapter) : null;
  if (problem) throw new UnsupportedVariantError(problem);
}
