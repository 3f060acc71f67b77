/**
 * Base64url without padding (RFC 4648 §5), the alphabet that survives in a URL fragment unescaped.
 * Written here because Node 20 has no `Uint8Array.toBase64`, and `btoa` works on strings.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const VALUES = new Map<string, number>([...ALPHABET].map((char, index) => [char, index]));

/** Encodes bytes as base64url without padding. */
export function encodeBase64url(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i]!;
    const b1 = bytes[i + 1] ?? 0;
    const b2 = bytes[i + 2] ?? 0;
    const group = (b0 << 16) | (b1 << 8) | b2;
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) text += ALPHABET[(group >> (18 - 6 * c)) & 63];
  }
  return text;
}

/** Why a text is not base64url: a character outside the alphabet, an impossible length, or stray bits. */
export type Base64urlProblem = 'character' | 'length' | 'trailing-bits';

/** The outcome of decoding: the bytes, or the problem and the offending character's index. */
export type Base64urlResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; problem: Base64urlProblem; index: number };

/**
 * Decodes unpadded base64url. A foreign character is reported first, wherever it is; then a length of
 * 4k + 1 characters, which no byte string encodes and which is what a cut-off text usually looks like.
 * With `strict`, the unused low bits of the last character must be zero, so that each byte string has
 * exactly one text.
 */
export function decodeBase64url(text: string, strict: boolean): Base64urlResult {
  for (let i = 0; i < text.length; i++) {
    if (!VALUES.has(text[i]!)) return { ok: false, problem: 'character', index: i };
  }
  if (text.length % 4 === 1) return { ok: false, problem: 'length', index: text.length - 1 };
  const bytes = new Uint8Array(Math.floor((text.length * 6) / 8));
  let buffer = 0;
  let bufferBits = 0;
  let written = 0;
  for (let i = 0; i < text.length; i++) {
    const value = VALUES.get(text[i]!)!;
    buffer = ((buffer << 6) | value) & 0xffff;
    bufferBits += 6;
    if (bufferBits >= 8) {
      bufferBits -= 8;
      bytes[written++] = (buffer >> bufferBits) & 0xff;
    }
  }
  const leftover = buffer & ((1 << bufferBits) - 1);
  if (strict && leftover !== 0) return { ok: false, problem: 'trailing-bits', index: text.length - 1 };
  return { ok: true, bytes };
}
