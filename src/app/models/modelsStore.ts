/**
 * The models picked for comparison, one slot each, with what IndexedDB holds of them and the state of
 * their downloads.
 */
import { create } from 'zustand';
import { findCachedRepo, type DownloadProgress } from '../../hub/download';
import { isRepoId } from '../../hub/client';
import type { RepoManifest } from '../../hub/store';
import type { ModelRequest } from '../../worker/protocol';
import { endpointContext, workerClient } from '../workerClient';
import { useSettings } from '../settings/settingsStore';

/** Where a slot's model comes from: the bundled hub or the configured endpoint. */
export type ModelSource = 'bundled' | 'endpoint';

/** Storage state of a slot's model. */
export type SlotStatus =
  | { kind: 'unchecked' }
  | { kind: 'absent' }
  | { kind: 'downloading'; progress: DownloadProgress | null }
  | { kind: 'cached'; manifest: RepoManifest }
  | { kind: 'error'; message: string };

export interface ModelSlot {
  id: number;
  source: ModelSource;
  repo: string;
  revision: string;
  dtype: string;
  status: SlotStatus;
}

/** The bundled models, offered as quick picks. */
export const BUNDLED_MODELS = ['bundled/tiny-frozen', 'bundled/tiny-trainable'] as const;

interface ModelsState {
  slots: ModelSlot[];
  updateSlot(id: number, patch: Partial<Pick<ModelSlot, 'source' | 'repo' | 'revision' | 'dtype'>>): void;
  addSlot(): void;
  removeSlot(id: number): void;
  refreshStatus(id: number): Promise<void>;
  download(id: number): Promise<void>;
}

let nextId = 3;

/** Checks a slot's input; returns a message for the user, or null when it can be used. */
export function slotProblem(slot: Pick<ModelSlot, 'repo' | 'revision'>): string | null {
  if (!isRepoId(slot.repo)) return `"${slot.repo}" is not a repository id; use the form org/name.`;
  if (slot.revision.trim() === '') return 'The revision is empty; use main, a tag or a commit.';
  return null;
}

/** The request the worker gets for a slot. */
export function slotRequest(slot: ModelSlot): ModelRequest {
  return {
    endpoint: slot.source === 'bundled' ? 'bundled' : useSettings.getState().endpoint,
    repo: slot.repo.trim(),
    revision: slot.revision.trim(),
    dtype: slot.dtype,
  };
}

const initialSlots: ModelSlot[] = BUNDLED_MODELS.map((repo, i) => ({
  id: i + 1, source: 'bundled', repo, revision: 'main', dtype: 'fp32', status: { kind: 'unchecked' },
}));

export const useModels = create<ModelsState>()((set, get) => {
  const setStatus = (id: number, status: SlotStatus): void =>
    set((state) => ({ slots: state.slots.map((s) => (s.id === id ? { ...s, status } : s)) }));

  return {
    slots: initialSlots,
    updateSlot(id, patch) {
      set((state) => ({ slots: state.slots.map((s) => (s.id === id ? { ...s, ...patch, status: { kind: 'unchecked' } } : s)) }));
      void get().refreshStatus(id);
    },
    addSlot() {
      const id = nextId++;
      set((state) => ({ slots: [...state.slots, { id, source: 'bundled', repo: BUNDLED_MODELS[0], revision: 'main', dtype: 'fp32', status: { kind: 'unchecked' } }] }));
      void get().refreshStatus(id);
    },
    removeSlot(id) {
      set((state) => ({ slots: state.slots.length > 1 ? state.slots.filter((s) => s.id !== id) : state.slots }));
    },
    async refreshStatus(id) {
      const slot = get().slots.find((s) => s.id === id);
      if (!slot || slot.status.kind === 'downloading' || slotProblem(slot)) return;
      const request = slotRequest(slot);
      const manifest = await findCachedRepo({ endpointKey: request.endpoint, kind: 'model', repo: request.repo, revision: request.revision, dtype: request.dtype });
      setStatus(id, manifest ? { kind: 'cached', manifest } : { kind: 'absent' });
    },
    async download(id) {
      const slot = get().slots.find((s) => s.id === id);
      if (!slot) return;
      const problem = slotProblem(slot);
      if (problem) {
        setStatus(id, { kind: 'error', message: problem });
        return;
      }
      setStatus(id, { kind: 'downloading', progress: null });
      try {
        const manifest = await workerClient().call('prepareModel', { model: slotRequest(slot), context: endpointContext() }, {
          onProgress: (progress) => setStatus(id, { kind: 'downloading', progress }),
        });
        setStatus(id, { kind: 'cached', manifest });
      } catch (error) {
        setStatus(id, { kind: 'error', message: (error as Error).message });
      }
    },
  };
});

/** Shows a download's progress on a slot while a run fetches its model. */
export function showRunDownload(index: number, progress: DownloadProgress): void {
  const slot = useModels.getState().slots[index];
  if (!slot) return;
  const status: SlotStatus = progress.status === 'ready' ? { kind: 'unchecked' } : { kind: 'downloading', progress };
  useModels.setState((state) => ({ slots: state.slots.map((s) => (s.id === slot.id ? { ...s, status } : s)) }));
  if (progress.status === 'ready') void useModels.getState().refreshStatus(slot.id);
}
