import { ALPHA, minimumMcNemarP } from '../../engine/compare';
import { formatPercent } from '../format';
import type { ComparisonRow, PairComparison } from './comparison';
import { formatDifference, formatP } from './format';

function note(row: ComparisonRow): string {
  if (!row.test) return row.difference.method === 'unpaired' ? 'unpaired interval' : '';
  if (row.test.tooFew) {
    return `${row.test.discordant} discordant: too few to tell (smallest possible p is ${formatP(minimumMcNemarP(row.test.discordant))})`;
  }
  if (row.holmP !== null && row.holmP < ALPHA) return 'differs after Holm';
  if (row.test.pValue < ALPHA) return `p < ${ALPHA} alone, not after Holm`;
  return '';
}

function Row({ row, header, onExplore }: { row: ComparisonRow; header?: boolean; onExplore?: (key: string) => void }) {
  return (
    <tr data-row={row.key}>
      <th scope="row">
        {onExplore && !header ? (
          <button type="button" className="link" onClick={() => onExplore(row.key)} title="Show these questions in the explorer">
            {row.name}
          </button>
        ) : (
          row.name
        )}
      </th>
      <td className="num">{row.nItems}</td>
      <td className="num">{formatPercent(row.a.value)}</td>
      <td className="num">{formatPercent(row.b.value)}</td>
      <td className="num">{formatDifference(row.difference)}</td>
      <td className="num">{row.test ? `${row.test.b} / ${row.test.c}` : '—'}</td>
      <td className="num">{row.test ? formatP(row.test.pValue) : '—'}</td>
      <td className="num">{row.holmP !== null ? formatP(row.holmP) : '—'}</td>
      <td className="note">{note(row)}</td>
    </tr>
  );
}

/** The selected pair row by row: difference with its interval, McNemar's p, Holm's p and a note. */
export function PairTable({ pair, names, onExplore }: { pair: PairComparison; names: string[]; onExplore?: (key: string) => void }) {
  return (
    <div className="table-scroll">
      <table className="results-table" data-testid="pair-table">
        <caption className="muted">
          A = {names[pair.a]}, B = {names[pair.b]}. b: items only A got right; c: items only B got right.
          {pair.tests > 1 ? ` Bonferroni threshold for ${pair.tests} tests: p < ${formatP(pair.bonferroni)}.` : ' One test, so no correction for multiple comparisons.'}
        </caption>
        <thead>
          <tr>
            <th scope="col">Row</th>
            <th scope="col" className="num">Items</th>
            <th scope="col" className="num">A</th>
            <th scope="col" className="num">B</th>
            <th scope="col" className="num">A − B (95% interval)</th>
            <th scope="col" className="num">b / c</th>
            <th scope="col" className="num">McNemar p</th>
            <th scope="col" className="num">Holm p</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {pair.rows.map((row) => (
            <Row key={row.key} row={row} onExplore={onExplore} />
          ))}
        </tbody>
        {pair.overall && (
          <tfoot>
            <Row row={pair.overall} header />
          </tfoot>
        )}
      </table>
    </div>
  );
}
