/**
 * The results on screen, where they came from, and how the view shows them. Finished results are
 * saved in IndexedDB, so a reload shows them again.
 */
import { create } from 'zustand';
import type { ModelRun } from '../../engine/results';
import type { Protocol } from '../../engine/types';
import { getRunValue, setRunValues } from '../../hub/store';
import { createLogger } from '../../util/logger';
import { protocolsOf, type SortKey, type ViewRun } from './viewModel';

const log = createLogger('results');
const LAST_RESULTS_KEY = 'last-results';

/** Where the results on screen came from. */
export type ResultsSource = 'none' | 'run' | 'restored' | 'shared';

/** How the view shows the results. */
export interface ViewOptions {
  protocol: Protocol;
  sort: SortKey;
  groupByCategory: boolean;
}

interface ResultsState {
  runs: ViewRun[];
  source: ResultsSource;
  view: ViewOptions;
  /** A message when saving the results failed; they stay on screen. */
  saveError: string | null;
  beginRun(): void;
  addModelRun(run: ModelRun): void;
  finishRun(runs: ModelRun[]): Promise<void>;
  showShared(runs: ViewRun[], view: Partial<ViewOptions>): void;
  setView(patch: Partial<ViewOptions>): void;
}

/** The view's protocol if the runs have it, otherwise the first one they have. */
function fitProtocol(runs: readonly ViewRun[], wanted: Protocol): Protocol {
  const present = protocolsOf(runs);
  return present.includes(wanted) ? wanted : (present[0] ?? wanted);
}

export const useResults = create<ResultsState>()((set, get) => ({
  runs: [],
  source: 'none',
  view: { protocol: 'harness', sort: 'name', groupByCategory: false },
  saveError: null,
  beginRun() {
    set({ runs: [], source: 'run', saveError: null });
  },
  addModelRun(run) {
    const runs = [...get().runs, run];
    set({ runs, view: { ...get().view, protocol: fitProtocol(runs, get().view.protocol) } });
  },
  async finishRun(runs) {
    set({ runs, source: 'run', view: { ...get().view, protocol: fitProtocol(runs, get().view.protocol) } });
    try {
      await setRunValues([[LAST_RESULTS_KEY, { savedAt: new Date().toISOString(), runs }]]);
    } catch (error) {
      log.error('saving the results failed', error);
      set({ saveError: `${(error as Error).message} The results stay on this page; export them before closing it.` });
    }
  },
  showShared(runs, view) {
    const merged = { ...get().view, ...view };
    set({ runs, source: 'shared', view: { ...merged, protocol: fitProtocol(runs, merged.protocol) } });
  },
  setView(patch) {
    set({ view: { ...get().view, ...patch } });
  },
}));

/** Shows the results of the last finished run, if IndexedDB has them. */
export async function restoreLastResults(): Promise<void> {
  const saved = await getRunValue<{ runs: ModelRun[] }>(LAST_RESULTS_KEY);
  if (!saved || !Array.isArray(saved.runs) || saved.runs.length === 0) return;
  if (useResults.getState().source !== 'none') return;
  const runs = saved.runs;
  useResults.setState((state) => ({ runs, source: 'restored', view: { ...state.view, protocol: fitProtocol(runs, state.view.protocol) } }));
}
