/**
 * Seeded random numbers that give the same sequence on every platform (32-bit integer arithmetic only).
 *
 * Sampling for run r of item i draws from its own stream, keyed by (seed + r, item id). A result is
 * therefore reproducible from the seed alone, whatever the order, batching or subset of the items.
 */

/** A stream of uniform numbers in [0, 1). */
export interface UniformSource {
  next(): number;
}

/** Hashes a string to 32 bits (FNV-1a over UTF-16 code units). */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mixes two 32-bit values into a well-spread 32-bit seed (the murmur3 finalizer over a combination). */
export function mixSeeds(a: number, b: number): number {
  let h = (Math.imul(a >>> 0, 0x9e3779b1) ^ (b >>> 0)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The mulberry32 generator (Tommy Ettinger's): a 32-bit state, period 2^32, one uniform integer in
 * [0, 2^32) per call, from 32-bit integer operations only.
 */
export function mulberry32Uint32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** mulberry32 as uniform numbers in [0, 1): each 32-bit draw divided by 2^32. */
export function mulberry32(seed: number): UniformSource {
  const next = mulberry32Uint32(seed);
  return { next: () => next() / 4294967296 };
}

/** The stream that run `run` uses for item `itemId`: seeded by (seed + run, hash of the item id). */
export function itemStream(seed: number, run: number, itemId: string): UniformSource {
  return mulberry32(mixSeeds(seed + run, hashString(itemId)));
}
