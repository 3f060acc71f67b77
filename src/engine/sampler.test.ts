import { describe, expect, it } from 'vitest';
import { itemStream, mulberry32 } from './random';
import { argmax, chooseToken } from './sampler';

function logSoftmax(weights: number[]): Float32Array {
  const total = weights.reduce((a, b) => a + b, 0);
  return Float32Array.from(weights.map((w) => Math.log(w / total)));
}

describe('random streams', () => {
  it('repeat for the same seed and item', () => {
    const a = itemStream(1234, 3, 'anatomy/7');
    const b = itemStream(1234, 3, 'anatomy/7');
    for (let i = 0; i < 5; i++) expect(a.next()).toBe(b.next());
  });

  it('differ between runs and between items', () => {
    const first = itemStream(1234, 0, 'anatomy/7').next();
    expect(itemStream(1234, 1, 'anatomy/7').next()).not.toBe(first);
    expect(itemStream(1234, 0, 'anatomy/8').next()).not.toBe(first);
  });

  it('stay in [0, 1)', () => {
    const random = mulberry32(42);
    for (let i = 0; i < 10_000; i++) {
      const u = random.next();
      expect(u >= 0 && u < 1).toBe(true);
    }
  });
});

describe('chooseToken', () => {
  it('takes the lowest index among equal maxima when greedy', () => {
    expect(argmax([0.1, 0.5, 0.5, 0.2])).toBe(1);
    expect(chooseToken(logSoftmax([1, 3, 3]), { kind: 'greedy' }, mulberry32(1))).toBe(1);
  });

  it('samples in proportion to the probabilities', () => {
    const random = mulberry32(7);
    const counts = [0, 0, 0];
    for (let i = 0; i < 20_000; i++) counts[chooseToken(logSoftmax([1, 2, 7]), { kind: 'sample', temperature: 1, topK: null }, random)]!++;
    expect(counts[0]! / 20_000).toBeCloseTo(0.1, 1);
    expect(counts[2]! / 20_000).toBeCloseTo(0.7, 1);
  });

  it('never picks a token outside the top k', () => {
    const random = mulberry32(3);
    for (let i = 0; i < 2_000; i++) {
      const token = chooseToken(logSoftmax([5, 1, 4, 3]), { kind: 'sample', temperature: 1, topK: 2 }, random);
      expect([0, 2]).toContain(token);
    }
  });

  it('sharpens the distribution at low temperature', () => {
    const random = mulberry32(5);
    let top = 0;
    for (let i = 0; i < 2_000; i++) if (chooseToken(logSoftmax([1, 2]), { kind: 'sample', temperature: 0.1, topK: null }, random) === 1) top++;
    expect(top / 2_000).toBeGreaterThan(0.99);
  });

  it('rejects a temperature of 0', () => {
    expect(() => chooseToken(logSoftmax([1, 1]), { kind: 'sample', temperature: 0, topK: null }, mulberry32(1))).toThrow(RangeError);
  });
});
