import { useEffect, useState } from 'react';
import type { ModelRun } from '../../engine/results';
import { useResults } from '../results/resultsStore';
import { useRun } from '../runs/runStore';
import { deleteHistory, describeModels, listHistory, readHistory, type HistoryEntry } from './historyStore';

/** Finished runs saved in this browser: reopen one, compare several together, or delete them. */
export function HistoryPanel() {
  const [entries, setEntries] = useState<HistoryEntry[]>([]);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const status = useRun((s) => s.status);
  const showRuns = useResults((s) => s.showRuns);

  useEffect(() => {
    listHistory().then(setEntries, (e: unknown) => setError(`Reading the history failed: ${(e as Error).message}`));
  }, [status]);

  const open = async (ids: string[]) => {
    setError(null);
    const runs: ModelRun[] = [];
    for (const id of ids) {
      const saved = await readHistory(id);
      if (!saved) {
        setError(`The saved run ${id} is gone from this browser's storage; delete it from the list.`);
        return;
      }
      runs.push(...saved);
    }
    showRuns(runs, 'history');
  };
  const remove = async (ids: string[]) => {
    await deleteHistory(ids);
    setChosen(new Set());
    setEntries(await listHistory());
  };
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
  };
  if (entries.length === 0) return null;

  return (
    <details className="panel history" data-testid="history">
      <summary>
        <h2 id="history-heading" style={{ display: 'inline' }}>History</h2> <span className="muted">({entries.length} finished {entries.length === 1 ? 'run' : 'runs'} in this browser)</span>
      </summary>
      <ul className="history-list">
        {entries.map((entry) => (
          <li key={entry.id} data-testid="history-entry">
            <input type="checkbox" aria-label={`Choose the run of ${entry.savedAt}`} checked={chosen.has(entry.id)} onChange={(e) => toggle(entry.id, e.target.checked)} />
            <span className="history-what">
              <strong>{describeModels(entry)}</strong> <span className="muted">· {entry.tasks.join(', ')} · {entry.items} items per model · {new Date(entry.savedAt).toLocaleString()}</span>
            </span>
            <button type="button" onClick={() => void open([entry.id])}>Open</button>
            <button type="button" onClick={() => void remove([entry.id])}>Delete</button>
          </li>
        ))}
      </ul>
      <p>
        <button type="button" disabled={chosen.size < 2} onClick={() => void open([...chosen])} data-testid="history-compare">Compare the chosen runs together</button>{' '}
        <button type="button" disabled={chosen.size === 0} onClick={() => void remove([...chosen])}>Delete the chosen runs</button>
      </p>
      {error && <p className="error" role="alert">{error}</p>}
    </details>
  );
}
