/**
 * The files the results view saves: the results file, the figures as CSV and the study's report.
 */
import { reportLines } from '../../engine/results';
import { figuresCsv } from '../../share/csv';
import { encodeResultsFile, type FileRun } from '../../share/resultsFile';
import { saveBlob } from '../results/chartExport';

/** Kinds of file the results view saves. */
export type ExportKind = 'json' | 'csv' | 'txt';

function stamp(): string {
  return new Date().toISOString().slice(0, 19).replaceAll(':', '-');
}

/** Saves `runs` as a file of the given kind through the browser's download. */
export function saveResults(kind: ExportKind, runs: readonly FileRun[]): void {
  if (kind === 'json') {
    saveBlob(new Blob([encodeResultsFile(runs)], { type: 'application/json' }), `workbench-results-${stamp()}.json`);
  } else if (kind === 'csv') {
    saveBlob(new Blob([figuresCsv(runs)], { type: 'text/csv' }), `workbench-figures-${stamp()}.csv`);
  } else {
    const lines = reportLines(runs);
    saveBlob(new Blob([`${lines.join('\n')}\n`], { type: 'text/plain' }), `workbench-report-${stamp()}.txt`);
  }
}
