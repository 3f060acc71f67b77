/**
 * Formats `value` with `digits` decimals the way Python's `format(value, '.Nf')` does.
 *
 * Both Python and `Number.prototype.toFixed` round the exact binary value, so they agree except on
 * exact ties (a value whose decimal expansion ends in 5 right after the last kept digit, such as
 * 0.125). Python rounds those half to even, `toFixed` rounds them away from zero.
 * Throws a RangeError when `digits` is outside 0..20.
 */
export function formatFixed(value: number, digits: number): string {
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) {
    throw new RangeError(`digits must be an integer from 0 to 20, got ${digits}`);
  }
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
  const rounded = value.toFixed(digits);
  if (!isExactTie(value, digits)) return fixNegativeZero(rounded, value);

  // An exact tie: toFixed went away from zero; step back when the kept last digit is odd.
  const lastDigit = Number(rounded[rounded.length - 1]);
  if (lastDigit % 2 === 0) return fixNegativeZero(rounded, value);
  const step = 10 ** -digits;
  const towardZero = value > 0 ? Number(rounded) - step : Number(rounded) + step;
  return fixNegativeZero(towardZero.toFixed(digits), value);
}

/** Whether the exact decimal expansion of `value` is ...d5000... with the 5 at position digits + 1. */
function isExactTie(value: number, digits: number): boolean {
  // toFixed(100) prints the exact binary value for any |value| >= 1e-80, which covers every tie:
  // a tie needs |value| >= 0.5 * 10^-digits.
  const exact = Math.abs(value).toFixed(100);
  const point = exact.indexOf('.');
  const tail = exact.slice(point + 1 + digits);
  return tail.length > 0 && tail[0] === '5' && /^50*$/.test(tail);
}

/** Python prints -0.00 for negative values that round to zero, as toFixed does; keep the sign. */
function fixNegativeZero(text: string, value: number): string {
  if (value < 0 && !text.startsWith('-')) return `-${text}`;
  return text;
}
