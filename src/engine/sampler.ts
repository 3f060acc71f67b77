/**
 * Picks the next token from a log-probability row: greedily, or by sampling with temperature and top-k.
 */
import type { UniformSource } from './random';

/** How the next token is chosen. */
export type SamplerSpec =
  | { kind: 'greedy' }
  | {
      kind: 'sample';
      /** > 0; divides the log-probabilities before renormalizing. */
      temperature: number;
      /** Keep only the k most likely tokens; null keeps all. */
      topK: number | null;
    };

/** Index of the largest value; the lowest index on ties (as numpy's argmax). */
export function argmax(row: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i]! > row[best]!) best = i;
  return best;
}

/**
 * Chooses a token from `logProbs` (a log-softmax row). Sampling draws one uniform u from `random`,
 * then walks the kept tokens in index order until the cumulative probability exceeds u.
 * Throws a RangeError for a temperature that is not positive or a top-k below 1.
 */
export function chooseToken(logProbs: Float32Array, sampler: SamplerSpec, random: UniformSource): number {
  if (sampler.kind === 'greedy') return argmax(logProbs);
  const { temperature, topK } = sampler;
  if (!(temperature > 0)) throw new RangeError(`temperature must be > 0, got ${temperature}`);
  if (topK !== null && !(Number.isInteger(topK) && topK >= 1)) {
    throw new RangeError(`top-k must be a whole number >= 1, got ${topK}`);
  }

  const kept = keptTokens(logProbs, topK);
  let max = -Infinity;
  for (const t of kept) max = Math.max(max, logProbs[t]! / temperature);
  const weights = new Float64Array(kept.length);
  let total = 0;
  for (let i = 0; i < kept.length; i++) {
    weights[i] = Math.exp(logProbs[kept[i]!]! / temperature - max);
    total += weights[i]!;
  }

  const u = random.next() * total;
  let cumulative = 0;
  for (let i = 0; i < kept.length; i++) {
    cumulative += weights[i]!;
    if (u < cumulative) return kept[i]!;
  }
  // Rounding can leave u just above the last cumulative sum; the last kept token takes it.
  return kept[kept.length - 1]!;
}

/** Token ids kept by top-k, in increasing id order; all ids when topK is null or covers the row. */
function keptTokens(logProbs: Float32Array, topK: number | null): number[] {
  const all = Array.from({ length: logProbs.length }, (_, i) => i);
  if (topK === null || topK >= logProbs.length) return all;
  // Stable sort by probability, so equal tokens keep their id order and the cut is deterministic.
  const top = [...all].sort((a, b) => logProbs[b]! - logProbs[a]!).slice(0, topK);
  return top.sort((a, b) => a - b);
}
