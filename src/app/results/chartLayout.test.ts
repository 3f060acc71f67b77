import { describe, expect, it } from 'vitest';
import { bandHeight, barOffset, barSize, barSpan, blockHeight, fitLabel, position, rowBlocks, type Scale } from './chartLayout';

const PERCENT: Scale = { lo: 0, hi: 100, left: 238, right: 638 };
const DIFFERENCE: Scale = { lo: -20, hi: 20, left: 20, right: 420 };

describe('chart layout', () => {
  it('maps and clamps values', () => {
    expect(position(PERCENT, 0)).toBe(238);
    expect(position(PERCENT, 25)).toBe(338);
    expect(position(PERCENT, 100)).toBe(638);
    expect(position(PERCENT, 112)).toBe(638);
    expect(position(PERCENT, -3)).toBe(238);
    expect(position(DIFFERENCE, 0)).toBe(220);
  });

  it('spans negative bars leftward', () => {
    expect(barSpan(DIFFERENCE, 0, -5)).toEqual({ x: 170, width: 50 });
    expect(barSpan(DIFFERENCE, 0, 5)).toEqual({ x: 220, width: 50 });
    expect(barSpan(PERCENT, 0, 0)).toEqual({ x: 238, width: 0 });
  });

  it('centers bars in their band', () => {
    for (const series of [1, 2, 3, 4]) {
      const first = barOffset(0, series);
      const last = barOffset(series - 1, series) + barSize(series);
      expect(first).toBeCloseTo(bandHeight(series) - last, 9);
      expect(barOffset(1, series) - first).toBe(barSize(series) + 1);
    }
  });

  it('adds the axis to the last block', () => {
    expect(blockHeight(15, 2, false)).toBe(15 * bandHeight(2));
    expect(blockHeight(3, 2, true)).toBe(3 * bandHeight(2) + 26);
  });

  it('splits rows into blocks of 15', () => {
    const rows = Array.from({ length: 57 }, (_, i) => i);
    expect(rowBlocks(rows).map((block) => block.length)).toEqual([15, 15, 15, 12]);
    expect(rowBlocks(rows).flat()).toEqual(rows);
    expect(rowBlocks([])).toEqual([]);
  });

  it('cuts long labels with an ellipsis', () => {
    expect(fitLabel('high school government and politics', 36)).toBe('high school government and politics');
    expect(fitLabel('a subject whose name is far longer than the label column', 20)).toBe('a subject whose nam…');
    expect([...fitLabel('x'.repeat(50), 36)]).toHaveLength(36);
  });
});
