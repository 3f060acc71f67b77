import { useExplorer } from './explorerStore';

/** Shows the explorer's filters (subject, disagreement, text) and the counts they leave. */
export function ExplorerFilters({ subsets, total, disagreeing, showing }: { subsets: string[]; total: number; disagreeing: number; showing: number }) {
  const subset = useExplorer((s) => s.subset);
  const disagreeOnly = useExplorer((s) => s.disagreeOnly);
  const search = useExplorer((s) => s.search);
  const setFilter = useExplorer((s) => s.setFilter);
  const activeSubset = subset !== null && subsets.includes(subset) ? subset : '';

  return (
    <div className="view-controls explorer-filters">
      {subsets.length > 1 && (
        <label>
          Subject
          <select value={activeSubset} onChange={(e) => setFilter({ subset: e.target.value || null })} data-testid="explorer-subset">
            <option value="">all ({subsets.length})</option>
            {subsets.map((s) => (
              <option key={s} value={s}>{s.replaceAll('_', ' ')}</option>
            ))}
          </select>
        </label>
      )}
      <label className="check">
        <input type="checkbox" checked={disagreeOnly} onChange={(e) => setFilter({ disagreeOnly: e.target.checked })} data-testid="explorer-disagree" />
        Only where the models answer differently
      </label>
      <label>
        Find
        <input type="search" value={search} placeholder="words of the question" onChange={(e) => setFilter({ search: e.target.value })} data-testid="explorer-search" />
      </label>
      <span className="muted" data-testid="explorer-count">
        {showing} of {total} questions shown · the models answer {disagreeing} differently
      </span>
    </div>
  );
}
