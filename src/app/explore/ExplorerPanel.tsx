import { memo, useState, type KeyboardEvent } from 'react';
import type { TaskId } from '../../engine/tasks/task';
import type { Protocol } from '../../engine/types';
import { useDeferredResults } from '../results/deferredResults';
import { seriesName, type ViewRun } from '../results/viewModel';
import { answerSummary, choiceLabels } from './answers';
import { ExplorerDetail } from './ExplorerDetail';
import { EXPLORER_ID, useExplorer } from './explorerStore';
import { ExplorerFilters } from './ExplorerFilters';
import { shownQuestion, type ShownQuestion } from './prompts';
import { useExplorerData } from './useExplorerData';

const PAGE = 100;

/** Lists the questions of the task in view with each model's answer, filtered, and shows the chosen one in full. */
export function ExplorerPanel() {
  const { all, task, protocol } = useDeferredResults();
  return <ExplorerBody all={all} task={task} protocol={protocol} />;
}

interface BodyProps {
  all: ViewRun[];
  task: TaskId;
  protocol: Protocol;
}

/** The explorer itself; memoized so that results from the worker render it only in the deferred pass. */
const ExplorerBody = memo(function ExplorerBody({ all, task, protocol }: BodyProps) {
  const subset = useExplorer((s) => s.subset);
  const disagreeOnly = useExplorer((s) => s.disagreeOnly);
  const search = useExplorer((s) => s.search);
  const focused = useExplorer((s) => s.focused);
  const focus = useExplorer((s) => s.focus);
  const [shown, setShown] = useState(PAGE);
  const data = useExplorerData(all, task, protocol);
  const names = all.map(seriesName);

  const questionOf = (itemId: string): ShownQuestion | null => {
    const entry = data.items?.byId.get(itemId);
    if (!entry || !data.settings) return null;
    return shownQuestion(task, entry, data.settings, data.items?.dev.get(entry.item.subset) ?? []);
  };
  const subsets = [...new Set(data.rows.map((row) => row.subset))].filter(Boolean);
  const activeSubset = subset !== null && subsets.includes(subset) ? subset : null;
  const needle = search.trim().toLowerCase();
  const filtered = data.rows.filter(
    (row) =>
      (activeSubset === null || row.subset === activeSubset) &&
      (!disagreeOnly || row.disagree) &&
      (needle === '' || (questionOf(row.itemId)?.text ?? row.itemId).toLowerCase().includes(needle)),
  );
  const selected = filtered.find((row) => row.itemId === focused) ?? null;

  if (all.length === 0 || (data.rows.length === 0 && !data.loading && !data.note)) return null;

  const move = (event: KeyboardEvent<HTMLUListElement>) => {
    const index = filtered.findIndex((row) => row.itemId === focused);
    const step = { ArrowDown: 1, ArrowUp: -1, j: 1, k: -1 }[event.key];
    if (event.key === 'Escape') focus(null);
    if (step === undefined) return;
    event.preventDefault();
    const next = filtered[Math.min(filtered.length - 1, Math.max(0, index + step))];
    if (next) {
      focus(next.itemId);
      document.getElementById(`question-${next.itemId}`)?.scrollIntoView({ block: 'nearest' });
    }
  };

  return (
    <section className="panel explorer" id={EXPLORER_ID} aria-labelledby="explorer-heading" data-testid="explorer">
      <h2 id="explorer-heading">Questions</h2>
      {data.rows.length > 0 && (
        <ExplorerFilters subsets={subsets} total={data.rows.length} disagreeing={data.rows.filter((r) => r.disagree).length} showing={filtered.length} />
      )}
      {data.note && (
        <p className="muted" data-testid="explorer-note">
          {data.note}{' '}
          {data.download && (
            <button type="button" onClick={data.download} data-testid="explorer-download">Load the questions from the app's bundled data</button>
          )}
        </p>
      )}
      {data.loading && <p className="muted" role="status">Loading the questions…</p>}
      <div className="explorer-body" hidden={data.rows.length === 0}>
        <ul className="question-list" role="listbox" aria-label="Questions (arrow keys move, Escape closes)" aria-keyshortcuts="Alt+Q" tabIndex={0} onKeyDown={move} data-testid="question-list">
          {filtered.slice(0, shown).map((row) => {
            const question = questionOf(row.itemId);
            return (
              <li key={row.itemId} id={`question-${row.itemId}`} role="option" aria-selected={row.itemId === focused} onClick={() => focus(row.itemId)} data-item={row.itemId}>
                <span className="question-text">{question?.text ?? row.itemId}</span>
                <span className="question-answers">
                  {row.answers.map((answer, i) => {
                    const summary = answer ? answerSummary(answer, choiceLabels(task, question)) : null;
                    const mark = summary?.correct === null || !summary ? '' : summary.correct ? 'right' : 'wrong';
                    return (
                      <span key={i} className={`answer ${mark}`} title={names[i]}>
                        <span className={`swatch model-${i}`} /> {summary?.text ?? '—'}
                      </span>
                    );
                  })}
                </span>
              </li>
            );
          })}
        </ul>
        {filtered.length > shown && (
          <button type="button" className="link" onClick={() => setShown(shown + PAGE)}>Show {Math.min(PAGE, filtered.length - shown)} more</button>
        )}
        {selected && <ExplorerDetail row={selected} names={names} question={questionOf(selected.itemId)} labels={choiceLabels(task, questionOf(selected.itemId))} />}
      </div>
    </section>
  );
});
