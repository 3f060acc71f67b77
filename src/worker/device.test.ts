import { describe, expect, it } from 'vitest';
import { assertVariantRuns, assertWeightsFit, UnsupportedVariantError, variantProblem, weightProblem, type AdapterFacts } from './device';

/** A small adapter without shader-f16, with WebGPU's default limits (256 MiB buffers, 128 MiB storage bindings). */
const SWIFTSHADER: AdapterFacts = {
  description: 'google swiftshader',
  shaderF16: false,
  maxBufferSize: 268_435_456,
  maxStorageBufferBindingSize: 134_217_728,
};
const DESKTOP: AdapterFacts = { description: 'nvidia ampere', shaderF16: true, maxBufferSize: 4_294_967_296, maxStorageBufferBindingSize: 2_147_483_644 };

describe('variant refusal', () => {
  it('refuses fp16 without shader-f16 and names fp32 or q4', () => {
    expect(variantProblem('fp16', SWIFTSHADER)).toBe(
      'The fp16 variant computes in 16-bit floats, which this GPU (google swiftshader) cannot do: it lacks the WebGPU feature shader-f16. ' +
        'Pick the fp32 or q4 variant, or choose WASM as the Device in the run options.',
    );
    expect(() => assertVariantRuns('fp16', SWIFTSHADER)).toThrow(UnsupportedVariantError);
  });

  it('refuses q4f16 without shader-f16 and names q4', () => {
    expect(variantProblem('q4f16', SWIFTSHADER)).toMatch(/Pick the q4 or fp32 variant/);
  });

  it('accepts fp16 with shader-f16 and fp32 or q4 anywhere', () => {
    expect(variantProblem('fp16', DESKTOP)).toBeNull();
    expect(variantProblem('fp32', SWIFTSHADER)).toBeNull();
    expect(variantProblem('q4', SWIFTSHADER)).toBeNull();
    expect(() => assertVariantRuns('fp16', null)).not.toThrow();
  });
});

describe('weight size refusal', () => {
  const embedding = { name: 'model.embed_tokens.weight', bytes: 151_936 * 896 * 4 };

  it('refuses a weight over the storage binding limit and names a quantized variant', () => {
    expect(weightProblem({ initializers: [{ name: 'small', bytes: 1000 }, embedding] }, 'fp32', SWIFTSHADER)).toBe(
      'The weight model.embed_tokens.weight of the fp32 variant takes 544.5 MB, more than this GPU (google swiftshader) can bind in one buffer ' +
        '(maxStorageBufferBindingSize 134.2 MB). Pick a quantized variant (q4, or q4f16 on GPUs with shader-f16).',
    );
    expect(() => assertWeightsFit({ initializers: [embedding] }, 'fp32', SWIFTSHADER)).toThrow(UnsupportedVariantError);
  });

  it('suggests WASM when even q4 does not fit', () => {
    expect(weightProblem({ initializers: [{ name: 'w', bytes: 300_000_000 }] }, 'q4', SWIFTSHADER)).toMatch(/maxStorageBufferBindingSize 134.2 MB\)\. Pick a smaller model, or choose WASM/);
  });

  it('accepts weights within the limits', () => {
    expect(weightProblem({ initializers: [embedding] }, 'fp32', DESKTOP)).toBeNull();
    expect(weightProblem({ initializers: [] }, 'fp32', SWIFTSHADER)).toBeNull();
    expect(() => assertWeightsFit({ initializers: [embedding] }, 'fp32', null)).not.toThrow();
  });
});
