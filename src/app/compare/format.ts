/**
 * Formatting of comparison statistics: signed differences and p-values.
 */
import { formatFixed } from '../../util/pyFormat';
import type { Difference } from '../../engine/compare';

/** A signed difference in percentage points with its 95% half-width: `+3.20 ± 1.10 pp`. */
export function formatDifference(difference: Difference): string {
  const sign = difference.value > 0 ? '+' : difference.value < 0 ? '−' : '±';
  const magnitude = formatFixed(Math.abs(difference.value), 2);
  return `${sign === '±' ? '' : sign}${magnitude} ± ${formatFixed(difference.ci95, 2)} pp`;
}

/** A p-value with two significant digits, or `< 0.0001` below that. */
export function formatP(p: number): string {
  if (p < 1e-4) return '< 0.0001';
  if (p >= 0.9995) return '1';
  return p >= 0.001 ? formatFixed(p, 3) : p.toPrecision(2);
}

/** Letter of a series: A, B, C … */
export function seriesLetter(index: number): string {
  return String.fromCharCode(65 + index);
}
