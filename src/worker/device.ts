/**
 * Chooses where the forward passes run: WebGPU when the browser offers an adapter, WASM otherwise,
 * with the reason in words for the UI.
 */
import type { DeviceChoice, DevicePreference } from './protocol';

/** Describes the adapter in a few words, such as `google swiftshader`. */
function describeAdapter(adapter: GPUAdapter): string {
  const info = adapter.info;
  const parts = [info?.vendor, info?.architecture, info?.description].filter((p) => p && p.length > 0);
  return parts.length > 0 ? parts.join(' ') : 'unnamed adapter';
}

/** Probes WebGPU (unless the preference is WASM) and returns the device to use with the reason. */
export async function chooseDevice(preference: DevicePreference): Promise<DeviceChoice> {
  if (preference === 'wasm') return { device: 'wasm', reason: 'WASM was chosen in the settings.' };
  const gpu = typeof navigator !== 'undefined' ? navigator.gpu : undefined;
  if (!gpu) {
    return { device: 'wasm', reason: 'This browser exposes no WebGPU (navigator.gpu is missing), so the model runs on WASM.' };
  }
  let adapter: GPUAdapter | null = null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (error) {
    return { device: 'wasm', reason: `Requesting a WebGPU adapter failed (${(error as Error).message}), so the model runs on WASM.` };
  }
  if (!adapter) return { device: 'wasm', reason: 'WebGPU is present but no adapter is available, so the model runs on WASM.' };
  return { device: 'webgpu', reason: `WebGPU adapter found: ${describeAdapter(adapter)}.` };
}
