import { describe, expect, it } from 'vitest';
import { zeroCounters, type CausalLM } from '../engine/lm';
import { runWithDeviceFallback, type LossInfo, type LossWatch } from './deviceLoss';

/** Returns a model that logs its release under its device's name. */
function fakeModel(device: string, log: string[]): CausalLM {
  return {
    window: 512,
    vocabSize: 4,
    eosTokenId: 3,
    batchTokenBudget: 64,
    counters: zeroCounters(),
    encode: () => [],
    decode: () => '',
    logProbs: async () => [],
    dispose: async () => {
      log.push(`dispose ${device}`);
    },
  };
}

/** Returns a device watch that reports a loss when `lose` is called. */
function fakeWatch(): { watch: LossWatch; lose(info: LossInfo): void } {
  let lose: (info: LossInfo) => void = () => {};
  const lost = new Promise<LossInfo>((resolve) => {
    lose = resolve;
  });
  return { watch: { lost }, lose: (info) => lose(info) };
}

describe('device loss fallback', () => {
  it('continues on WASM from the finished items after the device is lost', async () => {
    const log: string[] = [];
    const device = fakeWatch();
    const finished: string[] = [];
    const losses: LossInfo[] = [];
    const outcome = await runWithDeviceFallback({
      device: 'webgpu',
      load: async (target) => {
        log.push(`load ${target}`);
        return fakeModel(target, log);
      },
      watch: async () => device.watch,
      work: async (_lm, target) => {
        const items = ['a', 'b', 'c', 'd'].filter((item) => !finished.includes(item));
        for (const item of items) {
          if (target === 'webgpu' && item === 'c') {
            device.lose({ reason: 'unknown', message: 'GPU process crashed' });
            throw new Error('mapAsync failed: device is lost');
          }
          finished.push(item);
        }
        return `${target}: ${items.join('')}`;
      },
      onFallback: (loss) => losses.push(loss),
    });
    expect(outcome).toEqual({ result: 'wasm: cd', device: 'wasm', loss: { reason: 'unknown', message: 'GPU process crashed' } });
    expect(finished).toEqual(['a', 'b', 'c', 'd']);
    expect(losses).toHaveLength(1);
    expect(log).toEqual(['load webgpu', 'dispose webgpu', 'load wasm', 'dispose wasm']);
  });

  it('throws a failure that is not a lost device', async () => {
    const log: string[] = [];
    const device = fakeWatch();
    const running = runWithDeviceFallback({
      device: 'webgpu',
      load: async (target) => fakeModel(target, log),
      watch: async () => device.watch,
      work: async () => {
        throw new Error('out of memory');
      },
      onFallback: () => log.push('fallback'),
    });
    await expect(running).rejects.toThrow('out of memory');
    expect(log).toEqual(['dispose webgpu']);
  });

  it('rethrows a cancellation without waiting', async () => {
    const started = Date.now();
    const running = runWithDeviceFallback({
      device: 'webgpu',
      load: async (target) => fakeModel(target, []),
      watch: async () => fakeWatch().watch,
      work: async () => {
        throw new DOMException('The run was cancelled.', 'AbortError');
      },
      onFallback: () => {},
    });
    await expect(running).rejects.toThrow('The run was cancelled.');
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('does not watch a model on WASM', async () => {
    let watched = false;
    const outcome = await runWithDeviceFallback({
      device: 'wasm',
      load: async (target) => fakeModel(target, []),
      watch: async () => {
        watched = true;
        return null;
      },
      work: async (_lm, target) => target,
      onFallback: () => {},
    });
    expect(outcome).toEqual({ result: 'wasm', device: 'wasm', loss: null });
    expect(watched).toBe(false);
  });
});
