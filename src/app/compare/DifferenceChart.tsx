import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ComparisonRow } from './comparison';
import { formatDifference } from './format';
import { rowBlocks, subjectChartHeight } from '../results/SubjectChart';
import { ScheduledChart } from '../results/ScheduledChart';

/** Symmetric axis bound that contains every interval, rounded up to a multiple of 10 points so that half of it is a round tick. */
function axisBound(rows: readonly ComparisonRow[]): number {
  const widest = rows.reduce((max, row) => Math.max(max, Math.abs(row.difference.low), Math.abs(row.difference.high)), 0);
  return Math.max(10, Math.ceil(widest / 10) * 10);
}

interface DifferenceChartProps {
  rows: ComparisonRow[];
  /** Number of series in the grouped chart beside it, whose block heights this chart matches. */
  models: number;
  title: string;
  onSelectRow?: (key: string) => void;
}

/**
 * Draws A − B per row with its 95% interval, in the same blocks, heights and top margins as the
 * grouped chart beside it, so that each difference sits next to its pair of bars. All blocks share
 * one axis bound.
 */
export function DifferenceChart({ rows, models, title, onSelectRow }: DifferenceChartProps) {
  const bound = axisBound(rows);
  return (
    <div data-testid="difference-chart" aria-label={title}>
      {rowBlocks(rows).map((block, b) => (
        <ScheduledChart key={b} version={block} height={subjectChartHeight(block.length, models, b === 0)}>
          <DifferenceBlock rows={block} bound={bound} height={subjectChartHeight(block.length, models, b === 0)} title={b === 0 ? title : null} onSelectRow={onSelectRow} />
        </ScheduledChart>
      ))}
    </div>
  );
}

/** Draws one block of the difference chart. The first block carries the title. */
export function DifferenceBlock({ rows, bound, height, title, onSelectRow }: { rows: ComparisonRow[]; bound: number; height: number; title: string | null; onSelectRow?: (key: string) => void }) {
  const data = rows.map((row) => ({ name: row.name, key: row.key, d: row.difference.value, e: [row.difference.ci95, row.difference.ci95] as [number, number] }));

  return (
    <div className="chart difference-chart" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: title ? 36 : 0, right: 20, bottom: 0, left: 20 }}>
          {title && <text x={8} y={20} fontSize={12} fill="#374151">{title}</text>}
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" domain={[-bound, bound]} ticks={[-bound, -bound / 2, 0, bound / 2, bound]} unit=" pp" tick={{ fontSize: 11 }} />
          <YAxis type="category" dataKey="name" hide />
          <ReferenceLine x={0} stroke="#111827" />
          <Tooltip formatter={(_value, _name, item) => formatDifference(rows[data.indexOf(item.payload as (typeof data)[number])]!.difference)} />
          <Bar dataKey="d" name="A − B" barSize={10} isAnimationActive={false} onClick={(_entry, index) => onSelectRow?.(rows[index]!.key)} cursor={onSelectRow ? 'pointer' : undefined}>
            {rows.map((row) => (
              <Cell key={row.key} fill={row.difference.value >= 0 ? '#2563eb' : '#ea580c'} />
            ))}
            <ErrorBar dataKey="e" width={3} strokeWidth={1.5} stroke="#111827" direction="x" isAnimationActive={false} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
