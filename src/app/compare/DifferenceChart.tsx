import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ComparisonRow } from './comparison';
import { formatDifference } from './format';

/** Symmetric axis bound that contains every interval, rounded up to a multiple of 10 points so that half of it is a round tick. */
function axisBound(rows: readonly ComparisonRow[]): number {
  const widest = rows.reduce((max, row) => Math.max(max, Math.abs(row.difference.low), Math.abs(row.difference.high)), 0);
  return Math.max(10, Math.ceil(widest / 10) * 10);
}

/**
 * Draws A − B per row with its 95% interval, with the same rows, height and top margin as the grouped
 * chart beside it, so that each difference sits next to its pair of bars.
 */
export function DifferenceChart({ rows, height, title, onSelectRow }: {
  rows: ComparisonRow[];
  height: number;
  title: string;
  onSelectRow?: (key: string) => void;
}) {
  const bound = axisBound(rows);
  const data = rows.map((row) => ({ name: row.name, key: row.key, d: row.difference.value, e: [row.difference.ci95, row.difference.ci95] as [number, number] }));

  return (
    <div className="chart difference-chart" style={{ height }} data-testid="difference-chart" aria-label={title}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 36, right: 20, bottom: 8, left: 20 }}>
          <text x={8} y={20} fontSize={12} fill="#374151">{title}</text>
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
