/**
 * What the benchmark measures of one plan on one backend, and how it prints.
 */
import type { LMCounters } from '../../src/engine/lm';

/** One plan (fast or naive) run over the request set on one backend. */
export interface PlanMeasure {
  /** Wall time of the scoring, model loading excluded. */
  seconds: number;
  items: number;
  counters: LMCounters;
  /** Peak memory of the process tree during the run, bytes; null when not measured. */
  peakBytes: number | null;
}

/** Both plans on one backend, measured in the same run. */
export interface BackendMeasure {
  backend: string;
  fast: PlanMeasure;
  naive: PlanMeasure;
}

/** Counters accumulated between two readings. */
export function counterDelta(after: LMCounters, before: LMCounters): LMCounters {
  return {
    forwardPasses: after.forwardPasses - before.forwardPasses,
    sequences: after.sequences - before.sequences,
    tokens: after.tokens - before.tokens,
    cachedTokens: after.cachedTokens - before.cachedTokens,
    gatheredRows: after.gatheredRows - before.gatheredRows,
  };
}

function row(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
}

/** The figures as a table: one line per backend and plan, the speed-up on the fast plan's line. */
export function formatTable(measures: readonly BackendMeasure[]): string[] {
  const header = ['backend / plan', 'seconds', 'items/s', 'tokens/s', 'passes/item', 'rows/item', 'cached tok', 'peak MiB', 'naive ÷ fast'];
  const widths = header.map((h) => Math.max(h.length, 8));
  widths[0] = 26;
  const lines = [row(header, widths)];
  for (const m of measures) {
    for (const [plan, p] of [['fast', m.fast], ['naive', m.naive]] as const) {
      lines.push(row([
        `${m.backend} ${plan}`,
        p.seconds.toFixed(2),
        (p.items / p.seconds).toFixed(1),
        (p.counters.tokens / p.seconds).toFixed(0),
        (p.counters.forwardPasses / p.items).toFixed(2),
        (p.counters.sequences / p.items).toFixed(2),
        String(p.counters.cachedTokens),
        p.peakBytes === null ? '—' : (p.peakBytes / 2 ** 20).toFixed(0),
        plan === 'fast' ? `${(m.naive.seconds / m.fast.seconds).toFixed(1)}×` : '',
      ], widths));
    }
  }
  return lines;
}
