import { describe, expect, it } from 'vitest';
import { safeText } from './safeText';

describe('safeText', () => {
  const line = safeText(20);
  const lines = safeText(20, { multiline: true });

  it('accepts plain text', () => {
    expect(line.safeParse('tiny-frozen').success).toBe(true);
  });

  it('rejects line breaks in one-line text', () => {
    expect(line.safeParse('a\nb').success).toBe(false);
    expect(line.safeParse('a\tb').success).toBe(false);
  });

  it('allows line breaks in multiline text', () => {
    expect(lines.safeParse('a\nb\r\n\tc').success).toBe(true);
  });

  it.each([
    ['escape', 'a\u001bb'],
    ['null', 'a\u0000b'],
    ['C1 control', 'a\u0085b'],
    ['right-to-left override', 'a\u202Eb'],
    ['isolate mark', 'a\u2067b'],
    ['lone surrogate', 'a\uD800b'],
  ])('rejects a %s in either kind', (_name, value) => {
    expect(line.safeParse(value).success).toBe(false);
    expect(lines.safeParse(value).success).toBe(false);
  });

  it('bounds the length', () => {
    expect(line.safeParse('x'.repeat(21)).success).toBe(false);
    expect(safeText(5, { minLength: 1 }).safeParse('').success).toBe(false);
  });
});
