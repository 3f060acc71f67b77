import { poolFigures } from '../../engine/figures';
import type { Figure } from '../../engine/types';
import { reportName } from '../../engine/results';
import { formatPercent } from '../format';
import { ShareButton } from '../share/ShareButton';
import { OverallSummary } from './OverallSummary';
import { ReportLines } from './ReportLines';
import { ResultsTable } from './ResultsTable';
import { useResults } from './resultsStore';
import { RunDetails } from './RunDetails';
import { SubjectChart } from './SubjectChart';
import { groupRows, overallFigures, protocolsOf, sortRows, subjectRows, type SortKey } from './viewModel';

const SOURCE_NOTE = {
  none: '',
  run: '',
  restored: 'Results of the last run, restored from this browser.',
  shared: 'Shared results, opened from a link. Nothing was run.',
} as const;

/** The comparison: overall figures, the per-subject chart, the table, the report lines and Share. */
export function ResultsView() {
  const runs = useResults((s) => s.runs);
  const source = useResults((s) => s.source);
  const view = useResults((s) => s.view);
  const setView = useResults((s) => s.setView);
  const saveError = useResults((s) => s.saveError);
  if (runs.length === 0) return null;

  const protocols = protocolsOf(runs);
  const protocol = view.protocol;
  const names = runs.map((r) => reportName(r.model));
  const rows = sortRows(subjectRows(runs, protocol), view.sort);
  const overall = overallFigures(runs, protocol);
  const groups = view.groupByCategory ? groupRows(rows) : [{ category: '', rows }];

  return (
    <section className="panel results" aria-labelledby="results-heading" data-testid="results">
      <header className="results-header">
        <h2 id="results-heading">Results: MMLU accuracy per subject</h2>
        <ShareButton />
      </header>
      {SOURCE_NOTE[source] && <p className="muted" data-testid="results-source">{SOURCE_NOTE[source]}</p>}
      {saveError && <p className="error" role="alert">{saveError}</p>}
      <div className="view-controls">
        <div role="tablist" aria-label="Protocol">
          {protocols.map((p) => (
            <button key={p} role="tab" type="button" aria-selected={p === protocol} onClick={() => setView({ protocol: p })} data-testid={`protocol-tab-${p}`}>
              {p === 'study' ? 'Study protocol' : 'Harness protocol'}
            </button>
          ))}
        </div>
        <label>
          Sort by
          <select value={view.sort} onChange={(e) => setView({ sort: e.target.value as SortKey })} data-testid="sort-select">
            <option value="name">subject name</option>
            <option value="a">model A</option>
            <option value="b" disabled={runs.length < 2}>model B</option>
            <option value="difference" disabled={runs.length < 2}>difference A − B</option>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={view.groupByCategory} onChange={(e) => setView({ groupByCategory: e.target.checked })} data-testid="group-toggle" />
          Group by category
        </label>
      </div>
      <OverallSummary overall={overall} modelNames={names} />
      <RunDetails runs={runs} protocol={protocol} />
      {groups.map((group) => (
        <div key={group.category} className="chart-group">
          {group.category && <CategoryHeading category={group.category} figures={categoryFigures(group.rows, runs.length)} names={names} />}
          <SubjectChart rows={group.rows} modelNames={names} />
        </div>
      ))}
      <p className="muted">
        Bars: accuracy. Whiskers: 95% interval ({protocol === 'study' ? '1.96·σ/√runs over the runs; it measures sampling noise, not which questions were asked' : '1.96 standard errors over the questions'}).
      </p>
      <ResultsTable rows={rows} overall={overall} modelNames={names} />
      <ReportLines runs={runs} protocol={protocol} />
    </section>
  );
}

function categoryFigures(rows: ReturnType<typeof subjectRows>, models: number): (Figure | null)[] {
  return Array.from({ length: models }, (_, i) => {
    const parts = rows.map((r) => r.figures[i]).filter((f): f is Figure => !!f);
    return parts.length > 0 ? poolFigures('category', parts) : null;
  });
}

function CategoryHeading({ category, figures, names }: { category: string; figures: (Figure | null)[]; names: string[] }) {
  return (
    <h3 className="category-heading">
      {category}
      {figures.map((f, i) =>
        f ? (
          <span key={i} className="category-figure">
            <span className={`swatch model-${i}`} /> {names[i]} {formatPercent(f.value)} ± {formatPercent(f.ci95)}
          </span>
        ) : null,
      )}
    </h3>
  );
}
