/**
 * What the per-question explorer shows: its filters and the question in focus. Charts and tables
 * set the subset filter when a row is clicked, and the explorer scrolls into view.
 */
import { create } from 'zustand';

interface ExplorerState {
  /** Subset (MMLU subject) to show; null for all. */
  subset: string | null;
  /** Show only questions on which the models' answers differ. */
  disagreeOnly: boolean;
  /** Text the question must contain, case-insensitive; '' for any. */
  search: string;
  /** Item id of the question in focus. */
  focused: string | null;
  setFilter(patch: Partial<Pick<ExplorerState, 'subset' | 'disagreeOnly' | 'search'>>): void;
  focus(itemId: string | null): void;
}

/** The store of the explorer's filters and focus. */
export const useExplorer = create<ExplorerState>()((set) => ({
  subset: null,
  disagreeOnly: false,
  search: '',
  focused: null,
  setFilter(patch) {
    set({ ...patch, focused: null });
  },
  focus(itemId) {
    set({ focused: itemId });
  },
}));

/** Element id of the explorer section, the target of links from charts and tables. */
export const EXPLORER_ID = 'explorer';

/** Shows the explorer filtered to one subset (or every item for the whole-task row) and scrolls to it. */
export function exploreSubset(key: string): void {
  const subset = key === 'overall' ? null : key;
  useExplorer.getState().setFilter({ subset });
  requestAnimationFrame(() => document.getElementById(EXPLORER_ID)?.scrollIntoView({ behavior: 'smooth', block: 'start' }));
}
