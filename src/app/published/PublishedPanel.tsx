import { useState } from 'react';
import { useResults } from '../results/resultsStore';
import { BUNDLED_LOGS, bundledLogUrl, seriesFromLog } from './publishedSeries';

/** Adds published logs (the study's, or any file in their format) as series beside the runs. */
export function PublishedPanel() {
  const published = useResults((s) => s.published);
  const addPublished = useResults((s) => s.addPublished);
  const removePublished = useResults((s) => s.removePublished);
  const [choice, setChoice] = useState<string>('best_bvv_ru');
  const [error, setError] = useState<string | null>(null);

  const addBundled = async () => {
    setError(null);
    try {
      const response = await fetch(bundledLogUrl(choice));
      if (!response.ok) throw new Error(`the log ${choice} could not be loaded (HTTP ${response.status})`);
      addPublished(seriesFromLog(await response.text(), `${choice}.txt`, 'the study (AVBochkov/PGT)'));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    try {
      addPublished(seriesFromLog(await file.text(), file.name, `imported file ${file.name}`));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section className="panel" aria-labelledby="published-heading">
      <h2 id="published-heading">Published results</h2>
      <p className="muted">
        Draw published figures (the study's logs, or any file of <code>{'{model} {label}: 12.34% ± 0.56% (σ=0.78%)'}</code> lines) as more series beside your runs.
      </p>
      <div className="published-actions">
        <label>
          The study's logs
          <select value={choice} onChange={(e) => setChoice(e.target.value)} data-testid="published-select">
            {BUNDLED_LOGS.map((name) => (
              <option key={name} value={name}>{name}</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void addBundled()} data-testid="published-add">Add</button>
        <label>
          Import a log file
          <input type="file" accept=".txt,.log,text/plain" onChange={(e) => void importFile(e.target.files?.[0])} data-testid="published-file" />
        </label>
      </div>
      {error && <p className="error" role="alert" data-testid="published-error">{error}</p>}
      {published.length > 0 && (
        <ul className="published-list">
          {published.map((series, i) => (
            <li key={`${series.model.repo}-${i}`}>
              {series.model.repo} <span className="muted">(published, from {series.model.revision})</span>{' '}
              <button type="button" className="link" onClick={() => removePublished(i)}>Remove</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
