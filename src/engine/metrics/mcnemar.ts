/**
 * McNemar's exact test for two classifiers scored on the same items.
 */

/** The 2x2 table of a paired comparison and its exact two-sided p-value. */
export interface McNemarResult {
  /** Number of items. */
  n: number;
  bothCorrect: number;
  /** Items that A got right and B got wrong. */
  b: number;
  /** Items that A got wrong and B got right. */
  c: number;
  bothWrong: number;
  /** `min(b, c)`. */
  statistic: number;
  /** `min(1, 2 * P[X <= min(b, c)])` with `X ~ Binomial(b + c, 1/2)`, or 1 when `b + c = 0`. */
  pValue: number;
}

function isCorrect(value: number | boolean, label: string, index: number): boolean {
  if (value === true || value === 1) return true;
  if (value === false || value === 0) return false;
  throw new RangeError(`${label}[${index}] must be 0, 1, true or false, got ${String(value)}`);
}

/**
 * Runs McNemar's exact test on per-item correctness of systems A and B (0/1 or booleans, the same
 * items in the same order). Throws a RangeError when the lengths differ or a value is not 0/1.
 */
export function mcnemarExact(
  correctA: ReadonlyArray<number | boolean>,
  correctB: ReadonlyArray<number | boolean>,
): McNemarResult {
  if (correctA.length !== correctB.length) {
    throw new RangeError(`correctA has ${correctA.length} items but correctB has ${correctB.length}`);
  }
  const table = { bothCorrect: 0, b: 0, c: 0, bothWrong: 0 };
  correctA.forEach((valueA, i) => {
    const a = isCorrect(valueA, 'correctA', i);
    const b = isCorrect(correctB[i] ?? Number.NaN, 'correctB', i);
    if (a && b) table.bothCorrect += 1;
    else if (a) table.b += 1;
    else if (b) table.c += 1;
    else table.bothWrong += 1;
  });
  return {
    n: correctA.length,
    ...table,
    statistic: Math.min(table.b, table.c),
    pValue: mcnemarExactPValue(table.b, table.c),
  };
}

/**
 * Computes the exact two-sided McNemar p-value from the discordant counts `b` and `c`.
 *
 * The binomial tail is summed exactly in BigInt and rounded once to a double. The result therefore
 * keeps full double precision down to the smallest normal double, about 2.2e-308, where a float sum
 * of the terms would underflow. The cost grows as min(b, c) * (b + c) bit operations.
 * Throws a RangeError unless `b` and `c` are non-negative integers.
 */
export function mcnemarExactPValue(b: number, c: number): number {
  for (const [name, value] of [['b', b], ['c', c]] as const) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
    }
  }
  const trials = b + c;
  if (trials === 0) return 1.0;

  const k = Math.min(b, c);
  let term = 1n;
  let tail = 1n;
  for (let i = 0; i < k; i++) {
    // C(m, i + 1) = C(m, i) * (m - i) / (i + 1), and the division is exact because C(m, i + 1) is an integer.
    term = (term * BigInt(trials - i)) / BigInt(i + 1);
    tail += term;
  }
  const numerator = 2n * tail;
  const denominatorExponent = trials;
  if (numerator >= 1n << BigInt(denominatorExponent)) return 1.0;
  return scaledBigIntToNumber(numerator, -denominatorExponent);
}

/** Converts `mantissa * 2^exponent` to the nearest double, rounding once. */
function scaledBigIntToNumber(mantissa: bigint, exponent: number): number {
  const bits = mantissa.toString(2).length;
  let shift = 0;
  let top = mantissa;
  if (bits > 64) {
    // Keep 64 leading bits and fold every dropped bit into the lowest one (a sticky bit), so that
    // rounding the 64 bits to 53 gives the same double as rounding the exact value.
    shift = bits - 64;
    top = mantissa >> BigInt(shift);
    if (mantissa - (top << BigInt(shift)) !== 0n) top |= 1n;
  }
  return scaleByPowerOfTwo(Number(top), shift + exponent);
}

/** Returns `value * 2^exponent`, in steps so that no power of two overflows or underflows on its own. */
function scaleByPowerOfTwo(value: number, exponent: number): number {
  let result = value;
  let remaining = exponent;
  while (remaining < -1000) {
    result *= 2 ** -1000;
    remaining += 1000;
  }
  while (remaining > 1000) {
    result *= 2 ** 1000;
    remaining -= 1000;
  }
  return result * 2 ** remaining;
}
