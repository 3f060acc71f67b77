import { Bar, BarChart, CartesianGrid, ErrorBar, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Figure } from '../../engine/types';
import { formatPercent } from '../format';
import { ScheduledChart } from './ScheduledChart';
import type { FigureRow } from './viewModel';

/** Colors of models A, B, C … (the .model-N swatches in styles.css use the same). */
export const MODEL_COLORS = ['#2563eb', '#ea580c', '#16a34a', '#9333ea', '#0891b2', '#ca8a04', '#db2777', '#4b5563'];

/** Interval of a figure as the chart's [below, above] offsets, clipped to 0–100. */
function errorOffsets(figure: Figure | null): [number, number] | null {
  if (!figure) return null;
  return [Math.min(figure.ci95, figure.value), Math.min(figure.ci95, 100 - figure.value)];
}

interface ChartProps {
  rows: FigureRow[];
  modelNames: string[];
  /** Per series: drawn lighter with an outline, for published figures. */
  published?: boolean[];
  /** Called with the row's key when one of its bars is clicked. */
  onSelectRow?: (key: string) => void;
}

/** Returns a series' name for the legend, with its letter when another series has the same name. */
function legendName(names: readonly string[], index: number): string {
  const name = names[index]!;
  return names.filter((other) => other === name).length > 1 ? `${name} (${String.fromCharCode(65 + index)})` : name;
}

/** Rows per chart block: a block mounts in one task, and 15 rows keep that task short on a slow machine. */
export const BLOCK_ROWS = 15;

/** Splits rows into consecutive blocks of at most BLOCK_ROWS. */
export function rowBlocks<T>(rows: readonly T[]): T[][] {
  const blocks: T[][] = [];
  for (let start = 0; start < rows.length; start += BLOCK_ROWS) blocks.push(rows.slice(start, start + BLOCK_ROWS));
  return blocks;
}

/** Height of a block of `rows` rows and `models` series; `first` blocks carry the legend. A chart beside it matches its rows. */
export function subjectChartHeight(rows: number, models: number, first = true): number {
  return (first ? 60 : 32) + rows * (barSize(models) * models + 12);
}

function barSize(models: number): number {
  return models > 2 ? 7 : 10;
}

/**
 * Draws one horizontal bar per row and model, with 95% interval whiskers, in blocks of BLOCK_ROWS
 * rows that each mount in a task of their own (see ScheduledChart).
 */
export function SubjectChart(props: ChartProps) {
  const blocks = rowBlocks(props.rows);
  return (
    <div data-testid="subject-chart">
      {blocks.map((rows, b) => (
        <ScheduledChart key={b} version={rows} height={subjectChartHeight(rows.length, props.modelNames.length, b === 0)}>
          <ChartBlock {...props} rows={rows} first={b === 0} />
        </ScheduledChart>
      ))}
    </div>
  );
}

/** Draws one block of the chart. The first block carries the legend. */
export function ChartBlock({ rows, modelNames, published = [], onSelectRow, first }: ChartProps & { first: boolean }) {
  const data = rows.map((row) => {
    const point: Record<string, string | number | [number, number] | null> = { name: row.name };
    row.figures.forEach((figure, i) => {
      point[`m${i}`] = figure ? figure.value : null;
      point[`e${i}`] = errorOffsets(figure);
    });
    return point;
  });
  const size = barSize(modelNames.length);
  const height = subjectChartHeight(rows.length, modelNames.length, first);

  return (
    <div className="chart" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: first ? 8 : 0, right: 24, bottom: 0, left: 8 }} barGap={1}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} unit="%" />
          <YAxis type="category" dataKey="name" width={230} interval={0} tick={{ fontSize: 12 }} />
          <Tooltip content={<ChartTooltip rows={rows} modelNames={modelNames} />} />
          {first && <Legend verticalAlign="top" height={28} itemSorter="dataKey" />}
          {modelNames.map((name, i) => (
            <Bar
              key={name + i}
              dataKey={`m${i}`}
              name={legendName(modelNames, i)}
              fill={MODEL_COLORS[i % MODEL_COLORS.length]}
              fillOpacity={published[i] ? 0.35 : 1}
              stroke={published[i] ? MODEL_COLORS[i % MODEL_COLORS.length] : undefined}
              strokeDasharray={published[i] ? '3 2' : undefined}
              barSize={size}
              isAnimationActive={false}
              onClick={(_entry, index) => onSelectRow?.(rows[index]!.key)}
              cursor={onSelectRow ? 'pointer' : undefined}
            >
              <ErrorBar dataKey={`e${i}`} width={3} strokeWidth={1.5} stroke="#111827" direction="x" isAnimationActive={false} />
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

interface TooltipProps extends ChartProps {
  active?: boolean;
  label?: string | number;
}

function ChartTooltip({ active, label, rows, modelNames }: TooltipProps) {
  const row = rows.find((r) => r.name === label);
  if (!active || !row) return null;
  return (
    <div className="chart-tooltip">
      <strong>{row.name}</strong>
      {row.figures.map((f, i) => (
        <div key={i}>
          <span className={`swatch model-${i}`} /> {modelNames[i]}: {f ? `${formatPercent(f.value)} ± ${formatPercent(f.ci95)} (n=${f.nItems})` : 'not run'}
        </div>
      ))}
    </div>
  );
}
