/**
 * Python's text forms of numbers and JSON, so that `score` prints what sacreBLEU and the official
 * SQuAD v2.0 script print.
 */

/**
 * Formats `value` as Python's `repr(float)` inside `json.dumps`: the shortest digits that read back
 * as the same double, scientific notation below 1e-4 and from 1e16 on, and always a decimal point
 * or an exponent (`100.0`, `1e-05`, `1.5e+16`). Non-finite values give `NaN`, `Infinity`, `-Infinity`.
 */
export function formatPyFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';

  // Without an argument, toExponential gives the shortest round-trip digits, as Python's repr does.
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const sign = value < 0 ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  const exponent = Number(exponentText);
  // Python writes the number as 0.DIGITS x 10^pointPosition and switches to scientific notation
  // when pointPosition <= -4 or pointPosition > 16.
  const pointPosition = exponent + 1;

  if (pointPosition <= -4 || pointPosition > 16) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const exponentDigits = String(Math.abs(exponent)).padStart(2, '0');
    return `${sign}${digits[0]}${fraction}e${exponent < 0 ? '-' : '+'}${exponentDigits}`;
  }
  if (pointPosition <= 0) return `${sign}0.${'0'.repeat(-pointPosition)}${digits}`;
  if (pointPosition >= digits.length) return `${sign}${digits}${'0'.repeat(pointPosition - digits.length)}.0`;
  return `${sign}${digits.slice(0, pointPosition)}.${digits.slice(pointPosition)}`;
}

/** Output of a score command: its result for stdout and warnings for stderr. */
export interface ScoreReport {
  /** The result, without a final newline. */
  output: string;
  warnings: string[];
}

/** A JSON object member whose value is already JSON text, so that the caller picks int or float form. */
export type JsonEntry = readonly [key: string, valueJson: string];

/** Writes `entries` as Python's `json.dumps(d)` does: one line, `", "` and `": "` separators. */
export function dumpsPyLine(entries: readonly JsonEntry[]): string {
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}: ${value}`).join(', ')}}`;
}

/** Writes `entries` as Python's `json.dumps(d, indent=2)` does, without a final newline. */
export function dumpsPyIndented(entries: readonly JsonEntry[]): string {
  if (entries.length === 0) return '{}';
  const lines = entries.map(([key, value]) => `  ${JSON.stringify(key)}: ${value}`);
  return `{\n${lines.join(',\n')}\n}`;
}
