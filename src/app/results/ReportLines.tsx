import { useState } from 'react';
import { formatTaskReport } from '../../engine/report';
import { reportName } from '../../engine/results';
import type { Protocol } from '../../engine/types';
import type { ViewRun } from './viewModel';

/** The study's text report of every task of the runs under a protocol, one line per figure, ready to copy. */
export function ReportLines({ runs, protocol }: { runs: ViewRun[]; protocol: Protocol }) {
  const [copied, setCopied] = useState(false);
  const lines = runs.flatMap((run) =>
    run.tasks.filter((task) => task.protocol === protocol).flatMap((task) => formatTaskReport(reportName(run.model), task)),
  );
  const text = lines.join('\n');
  const copy = async () => {
    await navigator.clipboard.writeText(text);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  const figureLines = lines.filter((line) => !line.startsWith('#')).length;
  if (figureLines === 0) return null;
  return (
    <details className="report">
      <summary>Text report of every task under this protocol ({figureLines} figures, the study's format)</summary>
      <button type="button" onClick={() => void copy()}>{copied ? 'Copied' : 'Copy'}</button>
      <pre data-testid="report-lines">{text}</pre>
    </details>
  );
}
