/**
 * Peak memory of a process and its descendants, sampled from Linux's /proc: the sum of the
 * proportional set sizes (Pss in smaps_rollup), so pages shared between Chromium's processes
 * count once in total.
 */
import { readdirSync, readFileSync } from 'node:fs';

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    // The process ended between listing and reading.
    return null;
  }
}

/** Process ids of `root` and all its descendants. */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readOrNull(`/proc/${entry}/stat`);
    if (!stat) continue;
    // The command name in parentheses may contain spaces; the parent id is the second field after it.
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const list = children.get(parent) ?? [];
    list.push(Number(entry));
    children.set(parent, list);
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

/** Proportional set size of the process tree under `root`, in bytes. */
export function treePss(root: number): number {
  let total = 0;
  for (const pid of processTree(root)) {
    const rollup = readOrNull(`/proc/${pid}/smaps_rollup`);
    const match = rollup ? /^Pss:\s+(\d+) kB/m.exec(rollup) : null;
    if (match) total += Number(match[1]) * 1024;
  }
  return total;
}

/** Samples the tree's memory every `intervalMs` until stopped; `stop` returns the peak in bytes. */
export function startPeakSampler(root: number, intervalMs = 200): { stop(): number } {
  let peak = treePss(root);
  const timer = setInterval(() => {
    peak = Math.max(peak, treePss(root));
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, treePss(root));
      return peak;
    },
  };
}
