import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../engine/random';
import { decodeBase64url, encodeBase64url } from './base64url';
import { bitWidth, packedLength, packUints, unpackUints } from './bits';

function randomBytes(length: number, seed: number): Uint8Array {
  const random = mulberry32(seed);
  return Uint8Array.from({ length }, () => Math.floor(random.next() * 256));
}

describe('base64url', () => {
  it('matches Node for every length up to 40', () => {
    for (let length = 0; length <= 40; length++) {
      const bytes = randomBytes(length, length);
      const text = encodeBase64url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(decodeBase64url(text, true)).toEqual({ ok: true, bytes });
    }
  });

  it('reports the first invalid character', () => {
    expect(decodeBase64url('abc=', false)).toEqual({ ok: false, problem: 'character', index: 3 });
    expect(decodeBase64url('ab+d', false)).toEqual({ ok: false, problem: 'character', index: 2 });
  });

  it('rejects a length no bytes encode to', () => {
    expect(decodeBase64url('abcde', false)).toEqual({ ok: false, problem: 'length', index: 4 });
  });

  it('rejects stray low bits only when strict', () => {
    // 'AB' carries 0x00 and four low bits 0001 that no byte uses.
    expect(decodeBase64url('AB', true)).toEqual({ ok: false, problem: 'trailing-bits', index: 1 });
    expect(decodeBase64url('AB', false)).toEqual({ ok: true, bytes: new Uint8Array([0]) });
  });
});

describe('bit packing', () => {
  it('picks the narrowest width', () => {
    expect([0, 1, 2, 3, 4, 10, 15, 16, 1000].map(bitWidth)).toEqual([1, 1, 2, 2, 3, 4, 4, 5, 10]);
  });

  it('round-trips every width', () => {
    const random = mulberry32(7);
    for (let width = 1; width <= 16; width++) {
      for (const count of [0, 1, 7, 8, 9, 100]) {
        const values = Array.from({ length: count }, () => Math.floor(random.next() * 2 ** width));
        const packed = packUints(values, width);
        expect(packed).toHaveLength(packedLength(count, width));
        expect(unpackUints(packed, width, count)).toEqual(values);
      }
    }
  });

  it('writes the first value in the top bit', () => {
    expect([...packUints([1, 0, 1, 1, 0, 0, 0, 0, 1], 1)]).toEqual([0b10110000, 0b10000000]);
  });

  it('rejects a value wider than the width', () => {
    expect(() => packUints([0, 11], 3)).toThrow(/value 11 at index 1 does not fit in 3 bits/);
  });

  it('rejects a wrong byte count', () => {
    const packed = packUints([1, 0, 1], 1);
    expect(unpackUints(packed, 1, 9)).toBeNull();
    expect(unpackUints(new Uint8Array([...packed, 0]), 1, 3)).toBeNull();
  });

  it('rejects set padding bits', () => {
    expect(unpackUints(new Uint8Array([0b10100001]), 1, 3)).toBeNull();
  });
});
