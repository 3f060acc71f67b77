/**
 * The parts of a full-sequence forward pass that both backends share: the right-padded input
 * tensors of a batch, the pass counters, and the log-probabilities read back at each query's positions.
 */
import { type LMCounters, type LogProbQuery, logSoftmaxRow } from '../engine/lm';

/** A batch laid out as `[rows, width]` int64 tensors, padded on the right. */
export interface PaddedBatch {
  rows: number;
  width: number;
  ids: BigInt64Array;
  /** 1 on real tokens, 0 on padding. */
  mask: BigInt64Array;
}

/** Lays out `batch` right-padded with `padToken`. */
export function padRight(batch: readonly LogProbQuery[], padToken: number): PaddedBatch {
  const rows = batch.length;
  const width = Math.max(...batch.map((q) => q.ids.length));
  const ids = new BigInt64Array(rows * width).fill(BigInt(padToken));
  const mask = new BigInt64Array(rows * width);
  batch.forEach((query, r) => {
    query.ids.forEach((token, t) => {
      ids[r * width + t] = BigInt(token);
      mask[r * width + t] = 1n;
    });
  });
  return { rows, width, ids, mask };
}

/** Adds one pass over `batch` to the counters. */
export function countPass(counters: LMCounters, batch: readonly LogProbQuery[]): void {
  counters.forwardPasses++;
  counters.sequences += batch.length;
  for (const query of batch) counters.tokens += query.ids.length;
}

/** Returns each query's log-probabilities at its positions, from `[rows, width, vocab]` logits. */
export function logProbsAtPositions(batch: readonly LogProbQuery[], logits: Float32Array, width: number, vocab: number): Float32Array[][] {
  return batch.map((query, r) =>
    query.positions.map((p) => {
      const out = new Float32Array(vocab);
      logSoftmaxRow(logits, (r * width + p) * vocab, vocab, out);
      return out;
    }),
  );
}
