import { useState } from 'react';
import { shownRuns, useResults } from '../results/resultsStore';
import { saveResults, type ExportKind } from './exportFiles';
import { ImportButton } from './ImportButton';

/** Saves the results on screen as the results file, the figures as CSV, or the study's text report; opens a results file. */
export function ExportButtons() {
  const runs = useResults((s) => s.runs);
  const published = useResults((s) => s.published);
  const [error, setError] = useState<string | null>(null);

  const save = (kind: ExportKind) => {
    setError(null);
    try {
      saveResults(kind, shownRuns({ runs, published }));
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
