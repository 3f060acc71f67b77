import { useState } from 'react';
import { reportName } from '../../engine/results';
import { formatReport } from '../../engine/report';
import { figuresCsv } from '../../share/csv';
import { encodeResultsFile } from '../../share/resultsFile';
import { saveBlob } from '../results/chartExport';
import { shownRuns, useResults } from '../results/resultsStore';
import { ImportButton } from './ImportButton';

function stamp(): string {
  return new Date().toISOString().slice(0, 19).replaceAll(':', '-');
}

/** Saves the results on screen as the results file, the figures as CSV, or the study's text report; opens a results file. */
export function ExportButtons() {
  const runs = useResults((s) => s.runs);
  const published = useResults((s) => s.published);
  const [error, setError] = useState<string | null>(null);

  const save = (kind: 'json' | 'csv' | 'txt') => {
    setError(null);
    try {
      const all = shownRuns({ runs, published });
      if (kind === 'json') saveBlob(new Blob([encodeResultsFile(all)], { type: 'application/json' }), `workbench-results-${stamp()}.json`);
      if (kind === 'csv') saveBlob(new Blob([figuresCsv(all)], { type: 'text/csv' }), `workbench-figures-${stamp()}.csv`);
      if (kind === 'txt') {
        const lines = all.flatMap((run) => run.tasks.flatMap((task) => formatReport(reportName(run.model), task.figures)));
        saveBlob(new Blob([`${lines.join('\n')}\n`], { type: 'text/plain' }), `workbench-report-${stamp()}.txt`);
      }
    } catch (e) {
      setError(`Saving the ${kind.toUpperCase()} file failed: ${(e as Error).message}`);
    }
  };

  return (
    <div className="share-actions">
      <button type="button" onClick={() => save('json')} data-testid="export-json" title="Every run with its figures and per-question records">Results file</button>
      <button type="button" onClick={() => save('csv')} data-testid="export-csv" title="One row per figure">Figures CSV</button>
      <button type="button" onClick={() => save('txt')} data-testid="export-report" title="The study's report lines">Text report</button>
      <ImportButton />
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  );
}
