import { TASKS } from '../../engine/tasks/registry';
import { useResults } from './resultsStore';
import { TabList } from './TabList';
import { protocolsOf, tasksOf, type SortKey, type ViewRun } from './viewModel';

/** Task and protocol tabs, the sort order and the grouping by MMLU category. */
export function ViewControls({ runs }: { runs: ViewRun[] }) {
  const view = useResults((s) => s.view);
  const setView = useResults((s) => s.setView);
  const tasks = tasksOf(runs);
  const protocols = protocolsOf(runs, view.task);

  return (
    <div className="view-controls">
      {tasks.length > 1 && (
        <TabList label="Task" selected={view.task} onSelect={(task) => setView({ task })} tabs={tasks.map((t) => ({ value: t, label: TASKS[t].name, testId: `task-tab-${t}` }))} />
      )}
      <TabList
        label="Protocol"
        selected={view.protocol}
        onSelect={(protocol) => setView({ protocol })}
        tabs={protocols.map((p) => ({ value: p, label: p === 'study' ? 'Study protocol' : 'Harness protocol', testId: `protocol-tab-${p}` }))}
      />
      <label>
        Sort by
        <select value={view.sort} onChange={(e) => setView({ sort: e.target.value as SortKey })} data-testid="sort-select">
          <option value="name">name</option>
          <option value="a">model A</option>
          <option value="b" disabled={runs.length < 2}>model B</option>
          <option value="difference" disabled={runs.length < 2}>difference A − B</option>
        </select>
      </label>
      {view.task === 'mmlu' && (
        <label className="check">
          <input type="checkbox" checked={view.groupByCategory} onChange={(e) => setView({ groupByCategory: e.target.checked })} data-testid="group-toggle" />
          Group by category
        </label>
      )}
    </div>
  );
}
