import { describe, expect, it } from 'vitest';
import { bandHeight, barOffset, barSize, barSpan, blockHeight, fitLabel, position, rowBlocks, tooltipPlace, type Scale } from './chartLayout';

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

  it('cuts long labels to their width', () => {
    // Each character 6 px wide, W 12 px.
    const measure = (text: string) => [...text].reduce((sum, c) => sum + (c === 'W' ? 12 : 6), 0);
    expect(fitLabel('high school government and politics', 230, measure)).toBe('high school government and politics');
    expect(fitLabel('a subject whose name is far longer than the label column', 120, measure)).toBe('a subject whose nam…');
    expect(measure(fitLabel('W'.repeat(36), 230, measure))).toBeLessThanOrEqual(230);
    expect(fitLabel('W'.repeat(36), 230, measure)).toBe(`${'W'.repeat(18)}…`);
  });

  describe('tooltipPlace', () => {
    const viewport = { width: 800, height: 600 };
    const tip = { width: 200, height: 80 };

    it('places the tooltip below and right of the pointer', () => {
      expect(tooltipPlace({ x: 100, y: 20 }, tip, { left: 50, top: 100, width: 600, height: 300 }, viewport)).toEqual({ left: 114, top: 34 });
    });

    it('flips left and up near the viewport edges', () => {
      // The pointer at 700, 560 on screen: no room right of it or below it.
      expect(tooltipPlace({ x: 650, y: 60 }, tip, { left: 50, top: 500, width: 700, height: 100 }, viewport)).toEqual({ left: 436, top: -34 });
    });

    it('keeps a tooltip wider than the room inside the viewport', () => {
      const wide = { width: 700, height: 80 };
      // Neither side of the pointer has room, so the tooltip's left edge stops 4 px inside the viewport.
      expect(tooltipPlace({ x: 300, y: 20 }, wide, { left: 0, top: 100, width: 800, height: 300 }, viewport).left).toBe(4);
      expect(tooltipPlace({ x: 200, y: 20 }, wide, { left: -30, top: 100, width: 800, height: 300 }, viewport).left).toBe(34);
    });
  });
});
