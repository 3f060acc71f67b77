/**
 * Fixed-width packing of small unsigned integers, such as one correctness bit or one count of
 * correct runs per item. Values are written most significant bit first, and the last byte is
 * padded with zero bits.
 */

/** Number of bits needed to store every integer from 0 to `max`; 1 for a max of 0 or 1. */
export function bitWidth(max: number): number {
  if (!Number.isSafeInteger(max) || max < 0) throw new RangeError(`max must be a non-negative integer, got ${max}`);
  return Math.max(1, Math.ceil(Math.log2(max + 1)));
}

/** Number of bytes that `count` values of `width` bits take. */
export function packedLength(count: number, width: number): number {
  return Math.ceil((count * width) / 8);
}

/**
 * Packs integers of 0..2^width − 1 into bytes, `width` bits each.
 * Throws a RangeError on a width outside 1..16 or a value that does not fit.
 */
export function packUints(values: readonly number[], width: number): Uint8Array {
  checkWidth(width);
  const limit = 2 ** width;
  const bytes = new Uint8Array(packedLength(values.length, width));
  let bitIndex = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (!Number.isInteger(value) || value < 0 || value >= limit) {
      throw new RangeError(`value ${value} at index ${i} does not fit in ${width} bits`);
    }
    for (let b = width - 1; b >= 0; b--) {
      if ((value >> b) & 1) bytes[bitIndex >> 3]! |= 0x80 >> (bitIndex & 7);
      bitIndex++;
    }
  }
  return bytes;
}

/**
 * Unpacks `count` integers of `width` bits. Returns null unless `bytes` has exactly the packed length
 * and zero padding bits, so a stray or missing byte is noticed.
 */
export function unpackUints(bytes: Uint8Array, width: number, count: number): number[] | null {
  checkWidth(width);
  if (bytes.length !== packedLength(count, width)) return null;
  const values = new Array<number>(count);
  let bitIndex = 0;
  for (let i = 0; i < count; i++) {
    let value = 0;
    for (let b = 0; b < width; b++) {
      value = (value << 1) | ((bytes[bitIndex >> 3]! >> (7 - (bitIndex & 7))) & 1);
      bitIndex++;
    }
    values[i] = value;
  }
  const usedBits = count * width;
  const paddingBits = bytes.length * 8 - usedBits;
  if (paddingBits > 0 && (bytes[bytes.length - 1]! & ((1 << paddingBits) - 1)) !== 0) return null;
  return values;
}

function checkWidth(width: number): void {
  if (!Number.isInteger(width) || width < 1 || width > 16) {
    throw new RangeError(`width must be an integer from 1 to 16, got ${width}`);
  }
}
