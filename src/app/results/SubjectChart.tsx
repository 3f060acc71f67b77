import type { Figure } from '../../engine/types';
import { formatPercent } from '../format';
import { ChartBlockSvg, textWidth, ValueGrid, Whisker } from './ChartParts';
import { bandHeight, barOffset, barSize, barSpan, blockHeight, fitLabel, type Scale } from './chartLayout';
import { ScheduledBlocks } from './ScheduledChart';
import type { FigureRow } from './viewModel';

/** Colors of models A, B, C … (the .model-N swatches in styles.css use the same). */
const MODEL_COLORS = ['#2563eb', '#ea580c', '#16a34a', '#9333ea', '#0891b2', '#ca8a04', '#db2777', '#4b5563'];

/** Width of the row names left of the bars, in pixels, in a wide chart; a narrow one gives them 40% of its width. */
const LABEL_WIDTH = 230;
const TICKS = [0, 25, 50, 75, 100];

interface ChartProps {
  rows: FigureRow[];
  modelNames: string[];
  /** Per series: drawn lighter with a dashed outline, for published figures. */
  published?: boolean[];
  /** Called with the row's key when the row is clicked. */
  onSelectRow?: (key: string) => void;
}

/** Returns a series' name for the legend, with its letter when another series has the same name. */
export function legendName(names: readonly string[], index: number): string {
  const name = names[index]!;
  return names.filter((other) => other === name).length > 1 ? `${name} (${String.fromCharCode(65 + index)})` : name;
}

/** Returns the color of series `index`. */
export function colorOf(index: number): string {
  return MODEL_COLORS[index % MODEL_COLORS.length]!;
}

/**
 * Draws one horizontal bar per row and model, with 95% interval whiskers. Rows are drawn in blocks
 * of BLOCK_ROWS that each mount in a task of their own (see ScheduledChart) and stack into one
 * chart. The legend is the chart frame's.
 */
export function SubjectChart(props: ChartProps) {
  return (
    <div data-testid="subject-chart" data-chart="subject">
      <ScheduledBlocks rows={props.rows} series={props.modelNames.length}>
        {(rows, width, last) => <ChartBlock {...props} rows={rows} width={width} last={last} />}
      </ScheduledBlocks>
    </div>
  );
}

/** Draws one block of the chart, `width` pixels wide; the `last` block carries the value axis. */
export function ChartBlock({ rows, modelNames, published = [], onSelectRow, width, last }: ChartProps & { width: number; last: boolean }) {
  const series = modelNames.length;
  const band = bandHeight(series);
  const size = barSize(series);
  const plotHeight = rows.length * band;
  const labelWidth = Math.min(LABEL_WIDTH, Math.round(width * 0.4));
  const scale: Scale = { lo: 0, hi: 100, left: labelWidth + 8, right: Math.max(labelWidth + 40, width - 24) };

  return (
    <ChartBlockSvg
      rows={rows.length}
      band={band}
      width={width}
      height={blockHeight(rows.length, series, last)}
      onSelect={onSelectRow ? (index) => onSelectRow(rows[index]!.key) : undefined}
      tooltip={(index) => <RowTooltip row={rows[index]!} modelNames={modelNames} />}
    >
      <ValueGrid scale={scale} ticks={TICKS} format={(tick) => `${tick}%`} height={plotHeight} axis={last} />
      <line x1={scale.left} x2={scale.left} y1={0} y2={plotHeight} stroke="#4b5563" />
      {rows.map((row, r) => (
        <text key={row.key} x={labelWidth} y={r * band + band / 2} dy="0.35em" textAnchor="end" fontSize={12} fill="#4b5563">
          {fitLabel(row.name, labelWidth - 4, (text) => textWidth(text, 12))}
        </text>
      ))}
      {modelNames.map((name, i) => (
        <g key={name + i} className="chart-series" data-series={i}>
          {rows.map((row, r) => {
            const figure = row.figures[i];
            if (!figure) return null;
            const { x, width: length } = barSpan(scale, 0, figure.value);
            return (
              <rect
                key={row.key}
                className="chart-bar"
                x={x}
                y={r * band + barOffset(i, series)}
                width={length}
                height={size}
                fill={colorOf(i)}
                fillOpacity={published[i] ? 0.35 : 1}
                stroke={published[i] ? colorOf(i) : undefined}
                strokeDasharray={published[i] ? '3 2' : undefined}
              />
            );
          })}
        </g>
      ))}
      {modelNames.map((name, i) => (
        <g key={name + i} className="chart-whiskers" data-series={i}>
          {rows.map((row, r) => {
            const figure = row.figures[i];
            return figure ? <Whisker key={row.key} scale={scale} from={figure.value - figure.ci95} to={figure.value + figure.ci95} y={r * band + barOffset(i, series) + size / 2} /> : null;
          })}
        </g>
      ))}
    </ChartBlockSvg>
  );
}

function RowTooltip({ row, modelNames }: { row: FigureRow; modelNames: string[] }) {
  return (
    <>
      <strong>{row.name}</strong>
      {row.figures.map((f: Figure | null, i) => (
        <div key={i}>
          <span className={`swatch model-${i}`} /> {modelNames[i]}: {f ? `${formatPercent(f.value)} ± ${formatPercent(f.ci95)} (n=${f.nItems})` : 'not run'}
        </div>
      ))}
    </>
  );
}
