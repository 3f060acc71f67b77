import type { Figure } from '../../engine/types';
import { formatPercent } from '../format';
import type { FigureRow } from './viewModel';

function cell(figure: Figure | null): string {
  return figure ? `${formatPercent(figure.value)} ± ${formatPercent(figure.ci95)}` : '—';
}

/** The chart's numbers as a table: value ± 95% half-width per model, item count and A − B. */
export function ResultsTable({ rows, overall, modelNames, onSelectRow }: {
  rows: FigureRow[];
  overall: (Figure | null)[];
  modelNames: string[];
  /** Called with a row's key when its name is clicked. */
  onSelectRow?: (key: string) => void;
}) {
  const showDifference = modelNames.length >= 2;
  const showCategory = rows.some((r) => r.category !== null);
  return (
    <div className="table-scroll">
      <table className="results-table" data-testid="results-table">
        <thead>
          <tr>
            <th scope="col">{showCategory ? 'Subject' : 'Figure'}</th>
            {showCategory && <th scope="col">Category</th>}
            <th scope="col">Items</th>
            {modelNames.map((name, i) => (
              <th scope="col" key={i}>{name}</th>
            ))}
            {showDifference && <th scope="col">A − B</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const [a, b] = row.figures;
            return (
              <tr key={row.key} data-row={row.key}>
                <th scope="row">
                  {onSelectRow ? (
                    <button type="button" className="link" onClick={() => onSelectRow(row.key)} title="Show these questions in the explorer">
                      {row.name}
                    </button>
                  ) : (
                    row.name
                  )}
                </th>
                {showCategory && <td>{row.category}</td>}
                <td className="num">{row.figures.find((f) => f && f.nItems > 0)?.nItems ?? '—'}</td>
                {row.figures.map((f, i) => (
                  <td className="num" key={i}>{cell(f)}</td>
                ))}
                {showDifference && <td className="num">{a && b ? formatPercent(a.value - b.value) : '—'}</td>}
              </tr>
            );
          })}
        </tbody>
        {showCategory && overall.some((f) => f) && (
        <tfoot>
          <tr>
            <th scope="row">All of MMLU</th>
            <td />
            <td className="num">{overall.find((f) => f)?.nItems ?? '—'}</td>
            {overall.map((f, i) => (
              <td className="num" key={i}>{cell(f)}</td>
            ))}
            {showDifference && <td className="num">{overall[0] && overall[1] ? formatPercent(overall[0].value - overall[1].value) : '—'}</td>}
          </tr>
        </tfoot>
        )}
      </table>
    </div>
  );
}
