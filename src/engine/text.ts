/**
 * String helpers that behave as Python's do, because the protocols were written in Python:
 * `str.strip()` and `str.isspace()` use a different set of white space than JavaScript's `trim()`
 * (Python includes U+001C–U+001F and U+0085, JavaScript includes U+FEFF).
 */

const PYTHON_WHITESPACE = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002,
  0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

/** Returns whether the code unit is white space for Python's `str.isspace()` (all such characters are in the BMP). */
export function isPythonSpace(codeUnit: number): boolean {
  return PYTHON_WHITESPACE.has(codeUnit);
}

/** Number of trailing white-space characters, as `len(s) - len(s.rstrip())` in Python. */
export function trailingSpaceCount(text: string): number {
  let end = text.length;
  while (end > 0 && isPythonSpace(text.charCodeAt(end - 1))) end--;
  return text.length - end;
}

/** Returns `text` without trailing white space, as Python's `text.rstrip()`. */
export function pythonRstrip(text: string): string {
  return text.slice(0, text.length - trailingSpaceCount(text));
}

/** Splits `text` on runs of white space and drops empty pieces, as Python's `text.split()`. */
export function pythonSplit(text: string): string[] {
  const pieces: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const space = i === text.length || isPythonSpace(text.charCodeAt(i));
    if (space && start >= 0) {
      pieces.push(text.slice(start, i));
      start = -1;
    } else if (!space && start < 0) {
      start = i;
    }
  }
  return pieces;
}

/** Python's `s.strip()`. */
export function pythonStrip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isPythonSpace(text.charCodeAt(start))) start++;
  while (end > start && isPythonSpace(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

/** Returns the first code point of `text` (not the first UTF-16 unit), or '' for an empty string. */
export function firstCodePoint(text: string): string {
  const cp = text.codePointAt(0);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/** Splits `text` into Unicode code points, the unit in which Python indexes and counts a `str`. */
export function codePoints(text: string): string[] {
  return Array.from(text);
}

/** Length in Unicode code points, as Python's `len(s)`. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
