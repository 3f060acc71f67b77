/**
 * String operations with Python 3 semantics, which the reference metrics are written in.
 *
 * Python's `str.split()` and `str.strip()` use a different white-space set than JavaScript's `\s`:
 * Python includes U+001C to U+001F and U+0085, JavaScript includes U+FEFF.
 */

const PYTHON_WHITESPACE_CLASS =
  '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

const NON_WHITESPACE_RUN = new RegExp(`[^${PYTHON_WHITESPACE_CLASS}]+`, 'gu');
const WHITESPACE_CHAR = new RegExp(`^[${PYTHON_WHITESPACE_CLASS}]$`, 'u');

/** Returns whether the UTF-16 code unit at `index` is Python white space (every such character is in the BMP). */
function isSpaceAt(text: string, index: number): boolean {
  return WHITESPACE_CHAR.test(text.charAt(index));
}

/** Splits `text` on runs of white space and drops empty pieces, as Python's `text.split()`. */
export function pySplit(text: string): string[] {
  return text.match(NON_WHITESPACE_RUN) ?? [];
}

/** Returns `text` without trailing white space, as Python's `text.rstrip()`. */
export function pyRstrip(text: string): string {
  let end = text.length;
  while (end > 0 && isSpaceAt(text, end - 1)) end--;
  return text.slice(0, end);
}

/** Returns `text` without leading and trailing white space, as Python's `text.strip()`. */
export function pyStrip(text: string): string {
  const trimmed = pyRstrip(text);
  let start = 0;
  while (start < trimmed.length && isSpaceAt(trimmed, start)) start++;
  return trimmed.slice(start);
}

/** Splits `text` into Unicode code points, the unit in which Python indexes and counts a `str`. */
export function codePoints(text: string): string[] {
  return Array.from(text);
}
