import type { ComparisonRow } from './comparison';
import { formatDifference } from './format';
import { ChartBlockSvg, ValueGrid, Whisker } from '../results/ChartParts';
import { bandHeight, barSpan, blockHeight, position, type Scale } from '../results/chartLayout';
import { ScheduledBlocks } from '../results/ScheduledChart';

/**
 * Returns the symmetric axis bound that contains every interval, rounded up to a multiple of 10
 * points so that half of it is a round tick, and at most 100: no difference of accuracies is larger.
 */
export function axisBound(rows: readonly ComparisonRow[]): number {
  const widest = rows.reduce((max, row) => Math.max(max, Math.abs(row.difference.low), Math.abs(row.difference.high)), 0);
  return Math.min(100, Math.max(10, Math.ceil(widest / 10) * 10));
}

/** The pair a difference chart draws: its name such as "B − C" and the colors of its two series. */
export interface PairStyle {
  label: string;
  /** Color of a difference in favor of the first series, then of the second. */
  colors: [string, string];
}

interface DifferenceChartProps {
  rows: ComparisonRow[];
  /** Number of series in the grouped chart beside it, whose block heights this chart matches. */
  models: number;
  /** Axis bound in points, shared by the pair's charts of every category. */
  bound: number;
  pair: PairStyle;
  title: string;
  onSelectRow?: (key: string) => void;
}

/**
 * Draws the pair's difference per row with its 95% interval, in the same blocks and heights as the
 * grouped chart beside it, so that each difference sits next to its row's bars. All blocks share
 * one axis bound. The chart frame shows the title, which here only names the chart for screen readers.
 */
export function DifferenceChart({ rows, models, bound, pair, title, onSelectRow }: DifferenceChartProps) {
  return (
    <div data-testid="difference-chart" data-chart="difference" className="difference-chart" aria-label={title}>
      <ScheduledBlocks rows={rows} series={models}>
        {(block, width, last) => <DifferenceBlock rows={block} models={models} bound={bound} pair={pair} width={width} last={last} onSelectRow={onSelectRow} />}
      </ScheduledBlocks>
    </div>
  );
}

interface DifferenceBlockProps {
  rows: ComparisonRow[];
  models: number;
  bound: number;
  pair: PairStyle;
  width: number;
  last: boolean;
  onSelectRow?: (key: string) => void;
}

/** Draws one block of the difference chart, `width` pixels wide; the `last` block carries the axis. */
export function DifferenceBlock({ rows, models, bound, pair, width, last, onSelectRow }: DifferenceBlockProps) {
  const band = bandHeight(models);
  const plotHeight = rows.length * band;
  const scale: Scale = { lo: -bound, hi: bound, left: 26, right: Math.max(66, width - 26) };
  const zero = position(scale, 0);

  return (
    <ChartBlockSvg
      rows={rows.length}
      band={band}
      width={width}
      height={blockHeight(rows.length, models, last)}
      onSelect={onSelectRow ? (index) => onSelectRow(rows[index]!.key) : undefined}
      tooltip={(index) => (
        <>
          <strong>{rows[index]!.name}</strong>
          <div>
            {pair.label}: {formatDifference(rows[index]!.difference)}
          </div>
        </>
      )}
    >
      <ValueGrid scale={scale} ticks={[-bound, -bound / 2, 0, bound / 2, bound]} format={(tick) => `${tick} pp`} height={plotHeight} axis={last} fontSize={11} />
      <g className="chart-series" data-series={0}>
        {rows.map((row, r) => {
          const { x, width: length } = barSpan(scale, 0, row.difference.value);
          return <rect key={row.key} className="chart-bar" x={x} y={r * band + (band - 10) / 2} width={length} height={10} fill={row.difference.value >= 0 ? pair.colors[0] : pair.colors[1]} />;
        })}
      </g>
      <g className="chart-whiskers" data-series={0}>
        {rows.map((row, r) => (
          <Whisker key={row.key} scale={scale} from={row.difference.low} to={row.difference.high} y={r * band + band / 2} />
        ))}
      </g>
      <line x1={zero} x2={zero} y1={0} y2={plotHeight} stroke="#111827" />
    </ChartBlockSvg>
  );
}
