/**
 * The BLEU tokenizers of sacreBLEU 2.6.0: `13a` (mteval-v13a), `zh` and `none`.
 *
 * Each returns the tokens joined by single spaces, so `pythonSplit` on the output gives the tokens.
 */

import { codePoints, pythonSplit, pythonStrip } from '../text';

/** Name of a tokenizer, as sacreBLEU spells it in its signature. */
export type TokenizerName = '13a' | 'zh' | 'none';

/**
 * The four punctuation rules of mteval-v13a, applied one after another, each as a global replace with
 * non-overlapping matches (Python's `re.sub`). Rewriting them as one pattern with lookarounds would
 * change the output where matches of different rules overlap.
 */
const PUNCTUATION_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  // Any of {|}~ [\]^_` space !"#$%& ()*+ :;<=>?@ / becomes a token of its own.
  // The apostrophe, comma, hyphen, period and digits are not in the class.
  [/([\x7B-\x7E\x5B-\x60\x20-\x26\x28-\x2B\x3A-\x40\x2F])/gu, ' $1 '],
  // A period or comma after a non-digit.
  [/([^0-9])([.,])/gu, '$1 $2 '],
  // A period or comma before a non-digit.
  [/([.,])([^0-9])/gu, ' $1 $2'],
  // A hyphen after a digit.
  [/([0-9])(-)/gu, '$1 $2 '],
];

/** Applies the 13a punctuation rules and collapses white space. The `zh` tokenizer shares this step. */
function splitPunctuation(line: string): string {
  let text = line;
  for (const [pattern, replacement] of PUNCTUATION_RULES) {
    text = text.replace(pattern, replacement);
  }
  return pythonSplit(text).join(' ');
}

/**
 * Tokenizes `line` as sacreBLEU's `13a`: removes `<skipped>`, joins lines, decodes four HTML entities,
 * then splits punctuation. Apostrophes are never split.
 */
export function tokenize13a(line: string): string {
  let text = line.replaceAll('<skipped>', '').replaceAll('-\n', '').replaceAll('\n', ' ');
  // The order matters: `&amp;lt;` becomes `<`, but `&amp;quot;` becomes `&quot;`.
  text = text
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>');
  return splitPunctuation(` ${text} `);
}

/**
 * Code-point ranges, inclusive, that sacreBLEU's `zh` tokenizer treats as Chinese characters.
 *
 * sacreBLEU compares each character with the bounds of its table as strings. Two of its entries were
 * meant for Extension B (U+20000..U+2A6D6) and the Compatibility Supplement (U+2F800..U+2FA1D), but
 * their bounds are written with five hex digits after `\u`, which Python reads as a four-digit
 * escape followed by one more character. Compared as strings, `'\u2000' + '0' <= c <= '\u2a6d' + '6'`
 * holds for the single characters U+2001..U+2A6D, which include general punctuation such as curly
 * quotes and dashes. The second entry likewise covers U+2F81..U+2FA1. Characters outside the BMP
 * never match.
 */
const ZH_CHINESE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x3400, 0x4db5], // CJK Unified Ideographs Extension A
  [0x4e00, 0x9fa5], // CJK Unified Ideographs
  [0x9fa6, 0x9fbb], // CJK Unified Ideographs, Unicode 4.1 additions
  [0xf900, 0xfa2d], // CJK Compatibility Ideographs
  [0xfa30, 0xfa6a], // CJK Compatibility Ideographs, Unicode 3.2 additions
  [0xfa70, 0xfad9], // CJK Compatibility Ideographs, Unicode 4.1 additions
  [0x2001, 0x2a6d], // the misread Extension B entry
  [0x2f81, 0x2fa1], // the misread Compatibility Supplement entry
  [0xff00, 0xffef], // Halfwidth and Fullwidth Forms
  [0x2e80, 0x2eff], // CJK Radicals Supplement
  [0x3000, 0x303f], // CJK Symbols and Punctuation
  [0x31c0, 0x31ef], // CJK Strokes
  [0x2f00, 0x2fdf], // Kangxi Radicals
  [0x2ff0, 0x2fff], // Ideographic Description Characters
  [0x3100, 0x312f], // Bopomofo
  [0x31a0, 0x31bf], // Bopomofo Extended
  [0xfe10, 0xfe1f], // Vertical Forms
  [0xfe30, 0xfe4f], // CJK Compatibility Forms
  [0x2600, 0x26ff], // Miscellaneous Symbols
  [0x2700, 0x27bf], // Dingbats
  [0x3200, 0x32ff], // Enclosed CJK Letters and Months
  [0x3300, 0x33ff], // CJK Compatibility
];

/** Returns whether sacreBLEU's `zh` tokenizer puts spaces around `char`, a string of one code point. */
export function isZhTokenizerChineseChar(char: string): boolean {
  const code = char.codePointAt(0);
  if (code === undefined || char.length !== 1) return false;
  return ZH_CHINESE_RANGES.some(([start, end]) => code >= start && code <= end);
}

/**
 * Tokenizes `line` as sacreBLEU's `zh`: puts spaces around each character that its table lists as
 * Chinese, then applies the 13a punctuation rules. Unlike `13a`, it does not decode HTML entities.
 */
export function tokenizeZh(line: string): string {
  let spaced = '';
  for (const char of codePoints(pythonStrip(line))) {
    spaced += isZhTokenizerChineseChar(char) ? ` ${char} ` : char;
  }
  return splitPunctuation(spaced);
}

/** Tokenizes `line` with the named tokenizer. `none` returns the line unchanged. */
export function tokenize(line: string, name: TokenizerName): string {
  switch (name) {
    case '13a':
      return tokenize13a(line);
    case 'zh':
      return tokenizeZh(line);
    case 'none':
      return line;
    default:
      throw new RangeError(`unknown tokenizer ${String(name)}: expected 13a, zh or none`);
  }
}
