import { describe, expect, it } from 'vitest';
import type { Tokenizer } from './lm';
import { encodePair, fitPrompt, fitWindow } from './tokens';

/** A tokenizer with one token per character, except that "ab" merges into one token (id 1000). */
const charTokenizer: Tokenizer = {
  encode(text) {
    const ids: number[] = [];
    for (let i = 0; i < text.length; i++) {
      if (text.startsWith('ab', i)) {
        ids.push(1000);
        i++;
      } else ids.push(text.charCodeAt(i));
    }
    return ids;
  },
  decode: (ids) => ids.map((id) => (id === 1000 ? 'ab' : String.fromCharCode(id))).join(''),
};

describe('encodePair', () => {
  it('moves trailing white space of the context into the continuation', () => {
    const pair = encodePair(charTokenizer, 'Answer: ', 'B', 512, 0);
    expect(charTokenizer.decode(pair.contextIds)).toBe('Answer:');
    expect(charTokenizer.decode(pair.continuationIds)).toBe(' B');
  });

  it('moves Python white space such as U+0085 but not U+FEFF', () => {
    expect(charTokenizer.decode(encodePair(charTokenizer, 'x\u0085', 'y', 512, 0).continuationIds)).toBe('\u0085y');
    expect(charTokenizer.decode(encodePair(charTokenizer, 'x\ufeff', 'y', 512, 0).continuationIds)).toBe('y');
  });

  it('splits the joint encoding at the length of the encoded context', () => {
    // The joint encoding of "xabcd" is [x, ab, c, d] and the context "xa" is [x, a]; the continuation
    // is what lies beyond two tokens, [c, d], so the merged "b" is lost, as in lm-evaluation-harness.
    const pair = encodePair(charTokenizer, 'xa', 'bcd', 512, 0);
    expect(pair.contextIds).toEqual([120, 97]);
    expect(charTokenizer.decode(pair.continuationIds)).toBe('cd');
  });

  it('replaces an empty context with the end-of-text token', () => {
    const pair = encodePair(charTokenizer, '', 'hi', 512, 7);
    expect(pair.contextIds).toEqual([7]);
    expect(charTokenizer.decode(pair.continuationIds)).toBe('hi');
  });

  it('drops the left of a context longer than the window', () => {
    const pair = encodePair(charTokenizer, '0123456789', 'XYZ', 8, 0);
    expect(charTokenizer.decode(pair.contextIds)).toBe('56789');
    expect(charTokenizer.decode(pair.continuationIds)).toBe('XYZ');
    expect(pair.truncatedTokens).toBe(5);
  });

  it('rejects a continuation that fills the window', () => {
    expect(() => fitWindow([1], [1, 2, 3, 4], 4)).toThrow(RangeError);
  });
});

describe('fitPrompt', () => {
  it('keeps the end of a long prompt and leaves room for new tokens', () => {
    expect(fitPrompt([1, 2, 3, 4, 5, 6], 2, 5)).toEqual([4, 5, 6]);
    expect(fitPrompt([1, 2], 2, 5)).toEqual([1, 2]);
  });

  it('rejects more new tokens than the window holds', () => {
    expect(() => fitPrompt([1], 5, 5)).toThrow(RangeError);
  });
});
