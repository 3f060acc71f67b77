import { describe, expect, it } from 'vitest';
import { codePoints, pythonRstrip, pythonSplit, pythonStrip } from '../text';
import { isZhTokenizerChineseChar, tokenize, tokenize13a, tokenizeZh } from './tokenizers';

describe('tokenize13a', () => {
  it('splits periods and commas next to non-digits', () => {
    expect(tokenize13a('Hello, world. 3.14 and 1,000.')).toBe('Hello , world . 3.14 and 1,000 .');
  });

  it('splits a hyphen only after a digit', () => {
    expect(tokenize13a('10-15 COVID-19 well-known')).toBe('10 - 15 COVID-19 well-known');
  });

  it('keeps apostrophes inside tokens', () => {
    expect(tokenize13a("don't 'quoted'")).toBe("don't 'quoted'");
  });

  it('decodes entities in sacreBLEU order', () => {
    expect(tokenize13a('&quot;x&quot; &gt;')).toBe('" x " >');
    // &amp; is decoded after &quot; and before &lt;.
    expect(tokenize13a('&amp;quot;')).toBe('& quot ;');
    expect(tokenize13a('&amp;lt;')).toBe('<');
  });

  it('removes skipped markers and joins lines', () => {
    expect(tokenize13a('a<skipped>b well-\nknown\nline')).toBe('ab wellknown line');
  });

  it('applies the rules one after another', () => {
    // Rule 2 turns "a.b" into "a . b", so rule 3 sees ". b" and adds no second split.
    expect(tokenize13a('a.b,c')).toBe('a . b , c');
    // A period between digits survives rules 2 and 3 and stays inside the number.
    expect(tokenize13a('v1.2.3')).toBe('v1.2.3');
  });

  it('keeps characters outside the BMP whole', () => {
    expect(tokenize13a('😀.x')).toBe('😀 . x');
  });
});

describe('tokenizeZh', () => {
  it('spaces each Chinese character and keeps Latin runs', () => {
    expect(tokenizeZh('我爱NLP和AI。')).toBe('我 爱 NLP 和 AI 。');
  });

  it('treats U+2001 to U+2A6D as Chinese', () => {
    expect(isZhTokenizerChineseChar('\u2000')).toBe(false);
    expect(isZhTokenizerChineseChar('\u2001')).toBe(true);
    expect(isZhTokenizerChineseChar('\u201c')).toBe(true);
    expect(isZhTokenizerChineseChar('\u2a6d')).toBe(true);
    expect(isZhTokenizerChineseChar('\u2a6e')).toBe(false);
    expect(tokenizeZh('a—b')).toBe('a — b');
  });

  it('treats no character outside the BMP as Chinese', () => {
    expect(isZhTokenizerChineseChar('\u{20000}')).toBe(false);
    expect(tokenizeZh('\u{20000}\u{20001}')).toBe('\u{20000}\u{20001}');
  });

  it('leaves the middle dot and HTML entities alone', () => {
    expect(tokenizeZh('a·b &amp;')).toBe('a·b & amp ;');
  });
});

describe('tokenize', () => {
  it('passes text through with none', () => {
    expect(tokenize(' a  b. ', 'none')).toBe(' a  b. ');
  });
});

describe('Python string helpers', () => {
  it('split on Python white space only', () => {
    expect(pythonSplit('a\u0085b\u001cc\u3000d\u00a0e')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(pythonSplit('a\ufeffb')).toEqual(['a\ufeffb']);
    expect(pythonSplit(' \t ')).toEqual([]);
  });

  it('strip Python white space only', () => {
    expect(pythonStrip('\u0085 x \u3000')).toBe('x');
    expect(pythonRstrip(' x\ufeff')).toBe(' x\ufeff');
    expect(pythonRstrip(' x \n')).toBe(' x');
  });

  it('count code points, not UTF-16 units', () => {
    expect(codePoints('a😀b')).toEqual(['a', '😀', 'b']);
  });
});
