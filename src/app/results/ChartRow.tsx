import type { Figure } from '../../engine/types';
import { axisBound, DifferenceChart } from '../compare/DifferenceChart';
import type { PairComparison } from '../compare/comparison';
import { seriesLetter } from '../compare/format';
import { formatPercent } from '../format';
import { ChartFrame } from './ChartFrame';
import { colorOf, legendName, SubjectChart } from './SubjectChart';
import type { FigureRow } from './viewModel';

interface ChartRowProps {
  category: string;
  /** Pooled figure of the category per series, for the heading; empty without a category. */
  categoryFigures: (Figure | null)[];
  rows: FigureRow[];
  names: string[];
  published: boolean[];
  /** The selected pair's comparison, drawn as a difference chart beside the grouped chart. */
  pair: PairComparison | null;
  fileName: string;
  onSelectRow: (key: string) => void;
}

/** The grouped chart of one group of rows and, beside it, the difference chart of the selected pair. */
export function ChartRow({ category, categoryFigures, rows, names, published, pair, fileName, onSelectRow }: ChartRowProps) {
  const byKey = new Map(pair?.rows.map((row) => [row.key, row]));
  const differences = rows.flatMap((row) => {
    const compared = byKey.get(row.key);
    return compared ? [compared] : [];
  });
  const aligned = differences.length === rows.length;
  const legend = names.map((_, i) => ({ name: legendName(names, i), color: colorOf(i), published: published[i] }));
  const label = pair ? `${seriesLetter(pair.a)} − ${seriesLetter(pair.b)}` : '';
  const title = pair ? `${label}: ${names[pair.a]} minus ${names[pair.b]}, 95% interval` : '';

  return (
    <div className="chart-group">
      {category && (
        <h3 className="category-heading">
          {category}
          {categoryFigures.map((f, i) =>
            f ? (
              <span key={i} className="category-figure">
                <span className={`swatch model-${i}`} /> {names[i]} {formatPercent(f.value)} ± {formatPercent(f.ci95)}
              </span>
            ) : null,
          )}
        </h3>
      )}
      <div className={pair && aligned ? 'chart-pair' : undefined}>
        <ChartFrame fileName={fileName} legend={legend}>
          <SubjectChart rows={rows} modelNames={names} published={published} onSelectRow={onSelectRow} />
        </ChartFrame>
        {pair && aligned && (
          <ChartFrame fileName={`${fileName}-difference-${seriesLetter(pair.a)}-${seriesLetter(pair.b)}`} title={title}>
            <DifferenceChart
              rows={differences}
              models={names.length}
              bound={axisBound(pair.rows)}
              pair={{ label, colors: [colorOf(pair.a), colorOf(pair.b)] }}
              title={title}
              onSelectRow={onSelectRow}
            />
          </ChartFrame>
        )}
        {pair && !aligned && (
          <p className="muted chart-note" data-testid="difference-chart-missing">
            No {label} chart here: {rows.length - differences.length} of {rows.length} rows lack a figure of {names[pair.a]} or of {names[pair.b]}. The
            comparison below lists the rows they share.
          </p>
        )}
      </div>
    </div>
  );
}
