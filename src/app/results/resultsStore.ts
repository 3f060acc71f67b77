/**
 * The results on screen, where they came from, and how the view shows them. Finished results are
 * saved in IndexedDB, so a reload shows them again. Published logs added for comparison are kept
 * apart from the runs, drawn after them, and saved too.
 */
import { create } from 'zustand';
import type { TaskId } from '../../engine/tasks/task';
import type { ModelRun } from '../../engine/results';
import type { Protocol } from '../../engine/types';
import { createLogger } from '../../util/logger';
import { getSetting, putSetting } from '../../hub/store';
import { readNewest, saveToHistory } from '../history/historyStore';
import { isPublished, protocolsOf, tasksOf, type SortKey, type ViewRun } from './viewModel';

const log = createLogger('results');

/** Setting key of the published series the user added. */
const PUBLISHED_KEY = 'published-series';

function savePublished(published: readonly ViewRun[]): void {
  putSetting(PUBLISHED_KEY, published).catch((e: unknown) => log.warn('saving the published series failed', e));
}

/** Checks that a stored value looks like the published series savePublished wrote. */
function isPublishedList(value: unknown): value is ViewRun[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null && isPublished(v as ViewRun) && Array.isArray((v as ViewRun).tasks));
}

/** Where the results on screen came from: a run here, the history, a link or an imported file. */
export type ResultsSource = 'none' | 'run' | 'restored' | 'history' | 'shared' | 'file';

/** How the view shows the results. */
export interface ViewOptions {
  task: TaskId;
  protocol: Protocol;
  sort: SortKey;
  groupByCategory: boolean;
}

interface ResultsState {
  runs: ViewRun[];
  /** Series read from published logs, drawn after the runs. */
  published: ViewRun[];
  source: ResultsSource;
  view: ViewOptions;
  /** A message when saving the results failed; they stay on screen. */
  saveError: string | null;
  beginRun(): void;
  addModelRun(run: ModelRun): void;
  /** Shows a finished run and saves it in the history under `runId`. */
  finishRun(runs: ModelRun[], runId: string): Promise<void>;
  showShared(runs: ViewRun[], view: Partial<ViewOptions>): void;
  /** Shows saved or imported runs, with published series among them kept apart. */
  showRuns(runs: ViewRun[], source: 'history' | 'file'): void;
  addPublished(series: ViewRun): void;
  removePublished(index: number): void;
  setView(patch: Partial<ViewOptions>): void;
}

/** The runs and published series together, as the view draws them. */
export function shownRuns(state: Pick<ResultsState, 'runs' | 'published'>): ViewRun[] {
  return [...state.runs, ...state.published];
}

/** The view adjusted to what the runs contain: a task they have, and a protocol that task has. */
export function fitView(runs: readonly ViewRun[], view: ViewOptions): ViewOptions {
  const tasks = tasksOf(runs);
  const task = tasks.includes(view.task) ? view.task : (tasks[0] ?? view.task);
  const protocols = protocolsOf(runs, task);
  const protocol = protocols.includes(view.protocol) ? view.protocol : (protocols[0] ?? view.protocol);
  return { ...view, task, protocol };
}

export const useResults = create<ResultsState>()((set, get) => {
  /** Sets the runs and refits the view to them and the published series. */
  // A task of the new runs comes first, so a run of ARC alone is not hidden behind a published MMLU log.
  const setRuns = (runs: ViewRun[], source: ResultsSource, view: ViewOptions = get().view) =>
    set({ runs, source, view: fitView([...runs, ...get().published], fitView(runs, view)) });

  return {
    runs: [],
    published: [],
    source: 'none',
    view: { task: 'mmlu', protocol: 'harness', sort: 'name', groupByCategory: false },
    saveError: null,
    beginRun() {
      set({ runs: [], source: 'run', saveError: null });
    },
    addModelRun(run) {
      setRuns([...get().runs, run], 'run');
    },
    async finishRun(runs, runId) {
      setRuns(runs, 'run');
      try {
        await saveToHistory(runId, runs);
      } catch (error) {
        log.error('saving the results failed', error);
        set({ saveError: `${(error as Error).message} The results stay on this page; export them before closing it.` });
      }
    },
    showShared(runs, view) {
      const published = runs.filter(isPublished);
      set({ published });
      setRuns(runs.filter((r) => !isPublished(r)), 'shared', { ...get().view, ...view });
    },
    showRuns(runs, source) {
      set({ published: runs.filter(isPublished), saveError: null });
      setRuns(runs.filter((r) => !isPublished(r)), source);
    },
    addPublished(series) {
      const published = [...get().published, series];
      set({ published, view: fitView([...get().runs, ...published], get().view) });
      savePublished(published);
    },
    removePublished(index) {
      const published = get().published.filter((_, i) => i !== index);
      set({ published, view: fitView([...get().runs, ...published], get().view) });
      savePublished(published);
    },
    setView(patch) {
      set({ view: fitView(shownRuns(get()), { ...get().view, ...patch }) });
    },
  };
});

/** Shows the published series the user added and the results of the last finished run, if IndexedDB has them. */
export async function restoreLastResults(): Promise<void> {
  const published = await getSetting<unknown>(PUBLISHED_KEY).catch(() => undefined);
  if (isPublishedList(published) && published.length > 0 && useResults.getState().published.length === 0) {
    useResults.setState((state) => ({ published, view: fitView([...state.runs, ...published], state.view) }));
  }
  const saved = await readNewest();
  if (!saved || saved.length === 0) return;
  if (useResults.getState().source !== 'none') return;
  const runs = saved;
  useResults.setState((state) => ({ runs, source: 'restored', view: fitView([...runs, ...state.published], state.view) }));
}
