import { ALPHA } from '../../engine/compare';
import { formatPercent } from '../format';
import { formatDifference, formatP, seriesLetter } from './format';
import type { PairComparison } from './comparison';

/** The row a pair is summed up by: all of MMLU, or the task's first figure. */
function headline(pair: PairComparison) {
  return pair.overall ?? pair.rows[0] ?? null;
}

/** One line per pair of series: the headline difference, its test, and how many rows differ after Holm. */
export function PairwiseSummary({ pairs, names, selected, onSelect }: {
  pairs: PairComparison[];
  names: string[];
  selected: [number, number] | null;
  onSelect: (pair: [number, number]) => void;
}) {
  return (
    <div className="table-scroll">
      <table className="results-table pairwise" data-testid="pairwise-table">
        <caption className="muted">Every pair of series. Choose a pair to see it row by row.</caption>
        <thead>
          <tr>
            <th scope="col">Pair</th>
            <th scope="col">Figure</th>
            <th scope="col" className="num">A</th>
            <th scope="col" className="num">B</th>
            <th scope="col" className="num">A − B (95% interval)</th>
            <th scope="col" className="num">Discordant (b / c)</th>
            <th scope="col" className="num">McNemar p</th>
            <th scope="col" className="num">Rows with Holm p &lt; {ALPHA}</th>
          </tr>
        </thead>
        <tbody>
          {pairs.map((pair) => {
            const row = headline(pair);
            const isSelected = selected !== null && selected[0] === pair.a && selected[1] === pair.b;
            const significant = pair.rows.filter((r) => r.holmP !== null && r.holmP < ALPHA).length;
            return (
              <tr key={`${pair.a}-${pair.b}`} data-pair={`${pair.a}-${pair.b}`} className={isSelected ? 'selected' : undefined}>
                <th scope="row">
                  <button type="button" className="link" aria-pressed={isSelected} onClick={() => onSelect([pair.a, pair.b])} data-testid={`pair-${pair.a}-${pair.b}`}>
                    {seriesLetter(pair.a)} {names[pair.a]} vs {seriesLetter(pair.b)} {names[pair.b]}
                  </button>
                </th>
                <td>{row?.name ?? '—'}</td>
                <td className="num">{row ? formatPercent(row.a.value) : '—'}</td>
                <td className="num">{row ? formatPercent(row.b.value) : '—'}</td>
                <td className="num">{row ? formatDifference(row.difference) : '—'}</td>
                <td className="num">{row?.test ? `${row.test.b} / ${row.test.c}` : '—'}</td>
                <td className="num">{row?.test ? formatP(row.test.pValue) : 'no paired data'}</td>
                <td className="num">{pair.tests > 0 ? `${significant} of ${pair.tests}` : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
