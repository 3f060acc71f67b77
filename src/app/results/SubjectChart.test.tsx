import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Figure } from '../../engine/types';
import { DifferenceBlock } from '../compare/DifferenceChart';
import type { ComparisonRow } from '../compare/comparison';
import { ChartBlock } from './SubjectChart';
import type { FigureRow } from './viewModel';

function figure(value: number, ci95: number): Figure {
  return { label: 'x', task: 'mmlu', subset: null, metric: 'acc', value, std: 0, ci95, stderr: ci95 / 1.96, intervalMethod: 'stderr-ci95', nItems: 30, runScores: null };
}

const ROWS: FigureRow[] = [
  { key: 'anatomy', name: 'anatomy', category: null, figures: [figure(50, 10), figure(25, 30)] },
  { key: 'astronomy', name: 'astronomy', category: null, figures: [figure(96, 8), null] },
];

/** Attributes of every element with class `name` in the markup, in order. */
function elements(markup: string, name: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  for (const match of markup.matchAll(/<(\w+)([^>]*)>/g)) {
    const attributes = Object.fromEntries([...match[2]!.matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!]));
    if (attributes.class?.split(' ').includes(name)) found.push(attributes);
  }
  return found;
}

describe('ChartBlock', () => {
  // Width 662: the value axis runs from 238 px (0%) to 638 px (100%), 4 px per point.
  const markup = renderToStaticMarkup(<ChartBlock rows={ROWS} modelNames={['frozen', 'published']} published={[false, true]} width={662} last />);

  it('draws bars to scale, none when missing', () => {
    const bars = elements(markup, 'chart-bar');
    expect(bars.map((bar) => Number(bar.width))).toEqual([200, 384, 100]);
    expect(bars.every((bar) => bar.x === '238')).toBe(true);
  });

  it('dashes published bars', () => {
    const bars = elements(markup, 'chart-bar');
    expect(bars[2]!['fill-opacity']).toBe('0.35');
    expect(bars[2]!['stroke-dasharray']).toBe('3 2');
    expect(bars[0]!['stroke-dasharray']).toBeUndefined();
  });

  it('clips intervals to the axis', () => {
    const whiskers = [...markup.matchAll(/<g class="chart-whisker"><line x1="([\d.]+)" x2="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    // 50 ± 10, 96 ± 8 (clipped at 100), 25 ± 30 (clipped at 0).
    expect(whiskers).toEqual([
      [398, 478],
      [590, 638],
      [238, 458],
    ]);
  });

  it('labels the axis in the last block', () => {
    expect(markup).toContain('>anatomy</text>');
    expect(markup).toContain('>100%</text>');
    const inner = renderToStaticMarkup(<ChartBlock rows={ROWS} modelNames={['a', 'b']} width={662} last={false} />);
    expect(inner).not.toContain('100%');
  });
});

describe('DifferenceBlock', () => {
  const row = (key: string, value: number, low: number, high: number): ComparisonRow => ({
    key,
    name: key,
    nItems: 30,
    a: figure(50, 10),
    b: figure(50, 10),
    difference: { value, ci95: (high - low) / 2, low, high, method: 'paired-items' },
    test: null,
    holmP: null,
  });
  // Width 452: the axis runs from 26 px (−20 pp) to 426 px (+20 pp), 10 px per point, zero at 226.
  const markup = renderToStaticMarkup(<DifferenceBlock rows={[row('up', 5, -2, 12), row('down', -10, -18, -2)]} models={2} bound={20} pair={{ label: 'A − B', colors: ['#2563eb', '#ea580c'] }} width={452} last />);

  it('draws each difference from zero, colored by its sign', () => {
    const bars = elements(markup, 'chart-bar');
    expect(bars.map((bar) => [Number(bar.x), Number(bar.width), bar.fill])).toEqual([
      [226, 50, '#2563eb'],
      [126, 100, '#ea580c'],
    ]);
  });

  it('draws each interval from its low to its high end', () => {
    const whiskers = [...markup.matchAll(/<g class="chart-whisker"><line x1="([\d.]+)" x2="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(whiskers).toEqual([
      [206, 346],
      [46, 206],
    ]);
    expect(markup).toContain('>-20 pp</text>');
  });
});
