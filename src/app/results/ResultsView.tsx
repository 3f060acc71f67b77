import { poolFigures } from '../../engine/figures';
import { reportName } from '../../engine/results';
import { TASKS } from '../../engine/tasks/registry';
import type { Figure } from '../../engine/types';
import { formatPercent } from '../format';
import { ShareButton } from '../share/ShareButton';
import { OverallSummary } from './OverallSummary';
import { ReportLines } from './ReportLines';
import { ResultsTable } from './ResultsTable';
import { shownRuns, useResults } from './resultsStore';
import { RunDetails } from './RunDetails';
import { SubjectChart } from './SubjectChart';
import { ViewControls } from './ViewControls';
import { figureRows, groupRows, isPublished, overallFigures, sortRows, type FigureRow, type ViewRun } from './viewModel';

const SOURCE_NOTE = {
  none: '',
  run: '',
  restored: 'Results of the last run, restored from this browser.',
  shared: 'Shared results, opened from a link. Nothing was run.',
} as const;

/** Name of a series in the legend and the table: the repository's name, marked when published. */
export function seriesName(run: ViewRun): string {
  return isPublished(run) ? `${run.model.repo} (published)` : reportName(run.model);
}

/** The comparison: headline figures, the chart with intervals, the table, the report lines and Share. */
export function ResultsView() {
  const runs = useResults((s) => s.runs);
  const published = useResults((s) => s.published);
  const source = useResults((s) => s.source);
  const view = useResults((s) => s.view);
  const saveError = useResults((s) => s.saveError);
  const all = shownRuns({ runs, published });
  if (all.length === 0) return null;

  const names = all.map(seriesName);
  const rows = sortRows(figureRows(all, view.task, view.protocol), view.sort);
  const overall = overallFigures(all, view.task, view.protocol);
  const grouped = view.task === 'mmlu' && view.groupByCategory;
  const groups = grouped ? groupRows(rows) : [{ category: '', rows }];
  const dashed = all.map(isPublished);

  return (
    <section className="panel results" aria-labelledby="results-heading" data-testid="results">
      <header className="results-header">
        <h2 id="results-heading">Results: {TASKS[view.task].name}{view.task === 'mmlu' ? ' accuracy per subject' : ''}</h2>
        <ShareButton />
      </header>
      {SOURCE_NOTE[source] && <p className="muted" data-testid="results-source">{SOURCE_NOTE[source]}</p>}
      {saveError && <p className="error" role="alert">{saveError}</p>}
      <ViewControls runs={all} />
      {overall.some((f) => f) && <OverallSummary overall={overall} modelNames={names} />}
      <RunDetails runs={all} taskId={view.task} protocol={view.protocol} />
      {groups.map((group) => (
        <div key={group.category} className="chart-group">
          {group.category && <CategoryHeading category={group.category} figures={categoryFigures(group.rows, all.length)} names={names} />}
          <SubjectChart rows={group.rows} modelNames={names} published={dashed} />
        </div>
      ))}
      <p className="muted">
        Bars: the figure. Whiskers: 95% interval (
        {view.protocol === 'study'
          ? '1.96·σ/√runs over the runs; it measures sampling noise, not which questions were asked'
          : '1.96 standard errors over the items; a seeded bootstrap for BLEU, chrF and SQuAD'}
        ).
      </p>
      <ResultsTable rows={rows} overall={overall} modelNames={names} />
      <ReportLines runs={runs} protocol={view.protocol} />
    </section>
  );
}

function categoryFigures(rows: FigureRow[], models: number): (Figure | null)[] {
  return Array.from({ length: models }, (_, i) => {
    const parts = rows.map((r) => r.figures[i]).filter((f): f is Figure => !!f);
    // A published series has no run scores or standard errors, so its category cannot be pooled.
    if (parts.length === 0 || parts.some((f) => f.runScores === null && f.stderr === null) || parts.some((f) => f.nItems === 0)) return null;
    return poolFigures('category', parts);
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
