/**
 * Geometry of the horizontal bar charts: rows stacked top to bottom in bands, one bar per series
 * in each band, and a linear value axis. Pure functions, so the drawing code only maps their
 * output to SVG elements.
 */

/** Rows per chart block: each block is drawn in a task of its own (see ScheduledChart). */
export const BLOCK_ROWS = 15;

/** Height of the value axis under the last block: its line, ticks and tick labels. */
export const AXIS_HEIGHT = 26;

/** Gap between the bars of one row, in pixels. */
const BAR_GAP = 1;

/** Splits rows into consecutive blocks of at most BLOCK_ROWS. */
export function rowBlocks<T>(rows: readonly T[]): T[][] {
  const blocks: T[][] = [];
  for (let start = 0; start < rows.length; start += BLOCK_ROWS) blocks.push(rows.slice(start, start + BLOCK_ROWS));
  return blocks;
}

/** Thickness of one bar when a row has `series` bars. */
export function barSize(series: number): number {
  return series > 2 ? 7 : 10;
}

/** Height of one row's band: its bars and 12 pixels of space. */
export function bandHeight(series: number): number {
  return series * barSize(series) + (series - 1) * BAR_GAP + 12;
}

/**
 * Height of a block of `rows` rows whose grouped chart has `series` series; the `last` block also
 * holds the value axis. The difference chart beside a grouped chart uses the same heights, so that
 * each difference sits next to its row.
 */
export function blockHeight(rows: number, series: number, last: boolean): number {
  return rows * bandHeight(series) + (last ? AXIS_HEIGHT : 0);
}

/** Distance from a band's top to the top of bar `index` of `series`. */
export function barOffset(index: number, series: number): number {
  const size = barSize(series);
  const bars = series * size + (series - 1) * BAR_GAP;
  return (bandHeight(series) - bars) / 2 + index * (size + BAR_GAP);
}

/** A linear map from values in [lo, hi] to pixels in [left, right]. */
export interface Scale {
  lo: number;
  hi: number;
  left: number;
  right: number;
}

/** Pixel position of `value`, clamped to the scale's range. */
export function position(scale: Scale, value: number): number {
  const clamped = Math.min(scale.hi, Math.max(scale.lo, value));
  return scale.left + ((clamped - scale.lo) / (scale.hi - scale.lo)) * (scale.right - scale.left);
}

/** Left edge and width of a bar from `from` to `to`, in pixels; the width is never negative. */
export function barSpan(scale: Scale, from: number, to: number): { x: number; width: number } {
  const a = position(scale, from);
  const b = position(scale, to);
  return { x: Math.min(a, b), width: Math.abs(b - a) };
}

/**
 * Cuts a row name with an ellipsis to fit `maxWidth` pixels as `measure` reports text widths. Row
 * names sit in a fixed width left of the bars, and the tooltip shows the whole name.
 */
export function fitLabel(name: string, maxWidth: number, measure: (text: string) => number): string {
  if (measure(name) <= maxWidth) return name;
  const chars = [...name];
  const cut = (length: number) => `${chars.slice(0, length).join('').trimEnd()}…`;
  // The longest prefix that fits, found by bisection: widths grow with the prefix.
  let fits = 0;
  let tooLong = chars.length;
  while (tooLong - fits > 1) {
    const middle = Math.floor((fits + tooLong) / 2);
    if (measure(cut(middle)) <= maxWidth) fits = middle;
    else tooLong = middle;
  }
  return cut(fits);
}

/** A box on screen, in pixels. */
export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Places a tooltip of size `tip` below and right of the pointer at `pointer` (block pixels), in a
 * block whose box on screen is `block`. Where the tooltip would leave the viewport, it flips to the
 * pointer's other side, and where it fits on neither side it stays inside the viewport. Returns
 * block pixels.
 */
export function tooltipPlace(pointer: { x: number; y: number }, tip: { width: number; height: number }, block: Rect, viewport: { width: number; height: number }): { left: number; top: number } {
  const gap = 14;
  const margin = 4;
  const place = (at: number, size: number, start: number, room: number) => {
    let near = at + gap;
    if (start + near + size > room - margin) near = at - gap - size;
    return Math.max(margin - start, Math.min(near, room - margin - start - size));
  };
  return { left: place(pointer.x, tip.width, block.left, viewport.width), top: place(pointer.y, tip.height, block.top, viewport.height) };
}
