/**
 * Which pair of series the comparison shows in detail. The pair is an index pair into the series on
 * screen; views clamp it with `fitPair` when fewer series are shown.
 */
import { create } from 'zustand';

interface CompareState {
  /** Series indices (a, b), a < b. */
  pair: [number, number];
  setPair(pair: [number, number]): void;
}

/** The store of the chosen pair. */
export const useCompare = create<CompareState>()((set) => ({
  pair: [0, 1],
  setPair(pair) {
    set({ pair });
  },
}));

/** The pair when both indices exist among `count` series, else the first pair; null for fewer than two series. */
export function fitPair(pair: [number, number], count: number): [number, number] | null {
  if (count < 2) return null;
  return pair[0] < pair[1] && pair[1] < count ? pair : [0, 1];
}
