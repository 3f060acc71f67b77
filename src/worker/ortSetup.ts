/**
 * Points ONNX Runtime's WASM files at copies the app serves, instead of the CDN that transformers.js
 * uses by default: the app must work offline. The asyncify build is the one that runs both the WASM
 * and the WebGPU execution providers.
 */
import { env } from '@huggingface/transformers';
import ortMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';

const wasm = env.backends.onnx.wasm;
if (wasm) {
  wasm.wasmPaths = { mjs: new URL(ortMjsUrl, self.location.href).href, wasm: new URL(ortWasmUrl, self.location.href).href };
}
// The Cache API copy of the WASM binary would be a second cache beside the browser's own.
env.useWasmCache = false;
