import { poolFigures } from '../../engine/figures';
import { TASKS } from '../../engine/tasks/registry';
import type { Figure } from '../../engine/types';
import { ExportButtons } from '../share/ExportButtons';
import { ShareButton } from '../share/ShareButton';
import { OverallSummary } from './OverallSummary';
import { ReportLines } from './ReportLines';
import { ResultsTable } from './ResultsTable';
import { useResults, type ViewOptions } from './resultsStore';
import { useDeferredResults } from './deferredResults';
import { RunDetails } from './RunDetails';
import { ChartRow } from './ChartRow';
import { ViewControls } from './ViewControls';
import { figureRows, groupRows, isPublished, overallFigures, seriesName, sortRows, type FigureRow, type ViewRun } from './viewModel';
import { comparePair } from '../compare/comparison';
import { fitPair, useCompare } from '../compare/compareStore';
import { exploreSubset } from '../explore/explorerStore';
import { memo, useDeferredValue, useMemo } from 'react';

const SOURCE_NOTE = {
  none: '',
  run: '',
  restored: 'Results of the last run, restored from this browser.',
  history: 'Results reopened from the history of this browser.',
  shared: 'Shared results, opened from a link. Nothing was run.',
  file: 'Results imported from a file. Nothing was run.',
} as const;

/** The comparison: headline figures, the chart with intervals, the table, the report lines and Share. */
export function ResultsView() {
  const deferred = useDeferredResults();
  const pairNow = useCompare((s) => s.pair);
  const storedPair = useDeferredValue(pairNow);
  const runsNow = useResults((s) => s.runs);
  const viewNow = useResults((s) => s.view);
  // aria-busy marks the moments when the panel still shows older results than the store holds.
  const busy = runsNow !== deferred.runs || viewNow !== deferred.view || pairNow !== storedPair;
  return (
    <div aria-busy={busy} data-testid="results-state">
      <ResultsBody runs={deferred.runs} all={deferred.all} view={deferred.view} storedPair={storedPair} />
    </div>
  );
}

interface BodyProps {
  runs: ViewRun[];
  all: ViewRun[];
  view: ViewOptions;
  storedPair: [number, number];
}

/** The results panel itself; memoized so that it renders only in the deferred pass. */
const ResultsBody = memo(function ResultsBody({ runs, all, view, storedPair }: BodyProps) {
  const source = useResults((s) => s.source);
  const saveError = useResults((s) => s.saveError);
  const pairIndices = fitPair(storedPair, all.length);
  const pairKey = pairIndices?.join('-') ?? '';
  const pair = useMemo(
    () => (pairIndices ? comparePair(all, pairIndices[0], pairIndices[1], view.task, view.protocol) : null),
    // pairKey stands for pairIndices, a new array on every render.
    [all, pairKey, view.task, view.protocol],
  );
  if (all.length === 0) return null;

  const names = all.map(seriesName);
  const rows = sortRows(figureRows(all, view.task, view.protocol), view.sort);
  const overall = overallFigures(all, view.task, view.protocol);
  const grouped = view.task === 'mmlu' && view.groupByCategory;
  const groups = grouped ? groupRows(rows) : [{ category: '', rows }];
  const dashed = all.map(isPublished);
  const onSelectRow = (key: string) => exploreSubset(view.task === 'mmlu' ? key : 'overall');

  return (
    <section className="panel results" aria-labelledby="results-heading" data-testid="results" data-task={view.task} data-protocol={view.protocol}>
      <header className="results-header">
        <h2 id="results-heading">Results: {TASKS[view.task].name}{view.task === 'mmlu' ? ' accuracy per subject' : ''}</h2>
        <div>
          <ShareButton />
          <ExportButtons />
        </div>
      </header>
      {SOURCE_NOTE[source] && <p className="muted" data-testid="results-source">{SOURCE_NOTE[source]}</p>}
      {saveError && <p className="error" role="alert">{saveError}</p>}
      <ViewControls runs={all} />
      {overall.some((f) => f) && <OverallSummary overall={overall} modelNames={names} />}
      <RunDetails runs={all} taskId={view.task} protocol={view.protocol} />
      {groups.map((group) => (
        <ChartRow
          key={group.category}
          category={group.category}
          categoryFigures={group.category ? categoryFigures(group.rows, all.length) : []}
          rows={group.rows}
          names={names}
          published={dashed}
          pair={pair}
          fileName={`${view.task}-${view.protocol}${group.category ? `-${group.category.toLowerCase().replaceAll(' ', '-')}` : ''}`}
          onSelectRow={onSelectRow}
        />
      ))}
      <p className="muted">
        Bars: the figure. Whiskers: 95% interval (
        {view.protocol === 'study'
          ? '1.96·σ/√runs over the runs; it measures sampling noise, not which questions were asked'
          : '1.96 standard errors over the items; a seeded bootstrap for BLEU, chrF and SQuAD'}
        ).
      </p>
      <ResultsTable rows={rows} overall={overall} modelNames={names} onSelectRow={onSelectRow} />
      <ReportLines runs={runs} protocol={view.protocol} />
    </section>
  );
});

function categoryFigures(rows: FigureRow[], models: number): (Figure | null)[] {
  return Array.from({ length: models }, (_, i) => {
    const parts = rows.map((r) => r.figures[i]).filter((f): f is Figure => !!f);
    // A published series has no run scores or standard errors, so its category cannot be pooled.
    if (parts.length === 0 || parts.some((f) => f.runScores === null && f.stderr === null) || parts.some((f) => f.nItems === 0)) return null;
    return poolFigures('category', parts);
  });
}
