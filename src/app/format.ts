/**
 * Number formatting for the UI. Figures use Python's rounding, as in the study's report, so the page
 * and the report lines never disagree in the last digit.
 */
import { formatFixed } from '../util/pyFormat';

/** A 0–100 figure with two decimals and a percent sign. */
export function formatPercent(value: number): string {
  return `${formatFixed(value, 2)}%`;
}

/** A byte count in B, kB, MB or GB (powers of 1000). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} B`;
}

/** A duration in seconds as `1 h 02 min`, `3 min 05 s` or `12 s`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
  if (s >= 60) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${s} s`;
}

/** The first 7 characters of a commit id, as git shows it. */
export function shortCommit(commit: string): string {
  return commit.slice(0, 7);
}
