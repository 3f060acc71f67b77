/**
 * The models picked for comparison, one slot each, with what IndexedDB contains of them and the state of
 * their downloads.
 */
import { create } from 'zustand';
import { findPendingSummary, type PendingSummary } from '../../hub/cache';
import { findCachedRepo, type DownloadProgress } from '../../hub/download';
import { BUNDLED_MODELS, isRepoId } from '../../hub/client';
import { getSetting, manifestKey, putSetting, type RepoManifest } from '../../hub/store';
import { createLogger } from '../../util/logger';
import { onCacheChange, useCache } from './cacheStore';
import type { BackendChoice } from '../../model/modelChecks';
import type { ModelRequest } from '../../worker/protocol';
import { endpointContext, workerClient } from '../workerClient';
import { useSettings } from '../settings/settingsStore';

/** Where a slot's model comes from: the bundled hub or the configured endpoint. */
export type ModelSource = 'bundled' | 'endpoint';

const log = createLogger('models');

/**
 * Storage state of a slot's model. `interrupted` is a download that stopped (a reload, a cancel, a
 * failure) with chunks stored. An error keeps the interrupted download's summary when there is one.
 */
export type SlotStatus =
  | { kind: 'unchecked' }
  | { kind: 'absent' }
  | { kind: 'downloading'; progress: DownloadProgress | null }
  | { kind: 'interrupted'; pending: PendingSummary }
  | { kind: 'cached'; manifest: RepoManifest }
  | { kind: 'error'; message: string; pending: PendingSummary | null };

export interface ModelSlot {
  id: number;
  source: ModelSource;
  repo: string;
  revision: string;
  dtype: string;
  /** Backend the model loads on. `auto` follows config.json's `workbench_backend`. */
  backend: BackendChoice;
  status: SlotStatus;
}

/** The backends a slot offers, with their labels, `auto` first. */
export const BACKEND_CHOICES: readonly { value: BackendChoice; label: string }[] = [
  { value: 'auto', label: 'auto (config.json decides)' },
  { value: 'transformers.js', label: 'transformers.js (key/value cache)' },
  { value: 'onnxruntime', label: 'ONNX Runtime (plain input_ids → logits export)' },
];

function isBackendChoice(value: unknown): value is BackendChoice {
  return BACKEND_CHOICES.some((choice) => choice.value === value);
}

export { BUNDLED_MODELS } from '../../hub/client';

interface ModelsState {
  slots: ModelSlot[];
  updateSlot(id: number, patch: Partial<Pick<ModelSlot, 'source' | 'repo' | 'revision' | 'dtype' | 'backend'>>): void;
  addSlot(): void;
  removeSlot(id: number): void;
  refreshStatus(id: number): Promise<void>;
  /** Refreshes every slot that is not downloading, after the cache changed. */
  refreshAll(): Promise<void>;
  /** Downloads the slot's model, or resumes its interrupted download. */
  download(id: number): Promise<void>;
  cancelDownload(id: number): void;
  /** Discards the slot's interrupted download and the chunks only it lists. */
  discard(id: number): Promise<void>;
}

const downloadControllers = new Map<number, AbortController>();
/**
 * Cancel callbacks of the runs that download a slot's model, by slot id. Only the run can stop its own
 * download, so the slot's Cancel cancels the run.
 */
const runDownloads = new Map<number, () => void>();

/** Returns the manifest key of a slot's model: the id of its stored copy and of its pending download. */
export function slotKey(slot: ModelSlot): string {
  const request = slotRequest(slot);
  return manifestKey(request.endpoint, 'model', request.repo, request.revision, request.dtype);
}

/** Asks the browser to keep this site's storage under pressure; only the page may ask, not the worker. */
async function requestPersistence(): Promise<void> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!storage?.persist || (await storage.persisted?.())) return;
  const granted = await storage.persist().catch(() => false);
  if (!granted) log.info('persistent storage was not granted; the browser may evict cached models when the disk runs low');
}

let nextId = 3;

/** Checks a slot's repository id as typed and returns a message for the user, or null when the id is valid. */
export function repoProblem(repo: string): string | null {
  const id = repo.trim();
  if (id === '') return 'The repository id is empty. Enter it in the form org/name.';
  if (!isRepoId(id)) return `"${id}" is not a valid repository id. Use the form org/name.`;
  return null;
}

/** Checks a slot's revision as typed and returns a message for the user, or null when it is valid. */
export function revisionProblem(revision: string): string | null {
  return revision.trim() === '' ? 'The revision is empty. Enter main, a tag or a commit.' : null;
}

/** Checks a slot's input; returns a message for the user, or null when it can be used. */
export function slotProblem(slot: Pick<ModelSlot, 'repo' | 'revision'>): string | null {
  return repoProblem(slot.repo) ?? revisionProblem(slot.revision);
}

/** The request the worker gets for a slot. */
export function slotRequest(slot: ModelSlot): ModelRequest {
  return {
    endpoint: slot.source === 'bundled' ? 'bundled' : useSettings.getState().endpoint,
    repo: slot.repo.trim(),
    revision: slot.revision.trim(),
    dtype: slot.dtype,
    backend: slot.backend,
  };
}

const initialSlots: ModelSlot[] = BUNDLED_MODELS.map((repo, i) => ({
  id: i + 1, source: 'bundled', repo, revision: 'main', dtype: 'fp32', backend: 'auto', status: { kind: 'unchecked' },
}));

export const useModels = create<ModelsState>()((set, get) => {
  const setStatus = (id: number, status: SlotStatus): void =>
    set((state) => ({ slots: state.slots.map((s) => (s.id === id ? { ...s, status } : s)) }));

  return {
    slots: initialSlots,
    updateSlot(id, patch) {
      set((state) => ({ slots: state.slots.map((s) => (s.id === id ? { ...s, ...patch, status: { kind: 'unchecked' } } : s)) }));
      saveSlots(get().slots);
      void get().refreshStatus(id);
    },
    addSlot() {
      const id = nextId++;
      set((state) => ({ slots: [...state.slots, { id, source: 'bundled', repo: BUNDLED_MODELS[0], revision: 'main', dtype: 'fp32', backend: 'auto', status: { kind: 'unchecked' } }] }));
      saveSlots(get().slots);
      void get().refreshStatus(id);
    },
    removeSlot(id) {
      set((state) => ({ slots: state.slots.length > 1 ? state.slots.filter((s) => s.id !== id) : state.slots }));
      saveSlots(get().slots);
    },
    async refreshStatus(id) {
      const slot = get().slots.find((s) => s.id === id);
      if (!slot || slot.status.kind === 'downloading' || slotProblem(slot)) return;
      const request = slotRequest(slot);
      const manifest = await findCachedRepo({ endpointKey: request.endpoint, kind: 'model', repo: request.repo, revision: request.revision, dtype: request.dtype });
      const pending = manifest ? null : await findPendingSummary(slotKey(slot));
      // A download that started while IndexedDB was read owns the slot now.
      const current = get().slots.find((s) => s.id === id)?.status;
      if (!current || current.kind === 'downloading') return;
      if (manifest) setStatus(id, { kind: 'cached', manifest });
      else if (current.kind === 'error') setStatus(id, { ...current, pending });
      else setStatus(id, pending ? { kind: 'interrupted', pending } : { kind: 'absent' });
    },
    async refreshAll() {
      await Promise.all(get().slots.map((slot) => get().refreshStatus(slot.id)));
    },
    async download(id) {
      const slot = get().slots.find((s) => s.id === id);
      if (!slot) return;
      const problem = slotProblem(slot);
      if (problem) {
        setStatus(id, { kind: 'error', message: problem, pending: null });
        return;
      }
      setStatus(id, { kind: 'downloading', progress: null });
      const controller = new AbortController();
      downloadControllers.set(id, controller);
      try {
        await requestPersistence();
        const manifest = await workerClient().call('prepareModel', { model: slotRequest(slot), context: endpointContext() }, {
          signal: controller.signal,
          onProgress: (progress) => setStatus(id, { kind: 'downloading', progress }),
        });
        setStatus(id, { kind: 'cached', manifest });
      } catch (error) {
        const cancelled = (error as { code?: string }).code === 'cancelled';
        setStatus(id, cancelled ? { kind: 'unchecked' } : { kind: 'error', message: (error as Error).message, pending: null });
        await get().refreshStatus(id);
      } finally {
        downloadControllers.delete(id);
        if (useCache.getState().listing) void useCache.getState().refresh();
      }
    },
    cancelDownload(id) {
      const controller = downloadControllers.get(id);
      if (controller) return controller.abort();
      const cancelRun = runDownloads.get(id);
      if (cancelRun) return cancelRun();
      // No call downloads this slot's model any more, so the slot shows what IndexedDB has of it.
      log.warn(`slot ${id} showed a download with no call behind it, so its stored state is read again`);
      setStatus(id, { kind: 'unchecked' });
      void get().refreshStatus(id);
    },
    async discard(id) {
      const slot = get().slots.find((s) => s.id === id);
      if (!slot) return;
      try {
        await workerClient().call('discardDownload', { key: slotKey(slot) });
        setStatus(id, { kind: 'unchecked' });
        await get().refreshStatus(id);
      } catch (error) {
        setStatus(id, { kind: 'error', message: (error as Error).message, pending: null });
      }
      if (useCache.getState().listing) void useCache.getState().refresh();
    },
  };
});

onCacheChange(() => void useModels.getState().refreshAll());
// Slots with the endpoint as their source name another repository once the endpoint changes (or loads).
useSettings.subscribe((state, previous) => {
  if (state.endpoint === previous.endpoint) return;
  useModels.setState((models) => ({
    slots: models.slots.map((slot) => (slot.source === 'endpoint' && slot.status.kind !== 'downloading' ? { ...slot, status: { kind: 'unchecked' } } : slot)),
  }));
  void useModels.getState().refreshAll();
});

/**
 * A slot's choices as saved in the settings, so a reload shows the same models (and their interrupted
 * downloads). Slots saved by earlier versions have no `backend` and load as `auto`.
 */
type SavedSlot = Pick<ModelSlot, 'source' | 'repo' | 'revision' | 'dtype'> & { backend?: BackendChoice };

function saveSlots(slots: readonly ModelSlot[]): void {
  const saved: SavedSlot[] = slots.map(({ source, repo, revision, dtype, backend }) => ({ source, repo, revision, dtype, backend }));
  putSetting('slots', saved).catch((e: unknown) => log.warn('saving the model slots failed', e));
}

function isSavedSlot(value: unknown): value is SavedSlot {
  if (typeof value !== 'object' || value === null) return false;
  const slot = value as Record<string, unknown>;
  return (
    (slot.source === 'bundled' || slot.source === 'endpoint') &&
    typeof slot.repo === 'string' &&
    typeof slot.revision === 'string' &&
    typeof slot.dtype === 'string' &&
    (slot.backend === undefined || isBackendChoice(slot.backend))
  );
}

/** Restores the saved slots (1 to 8 of them), then checks what IndexedDB has of each; keeps the defaults when none are saved. */
export async function loadSlots(): Promise<void> {
  const saved = await getSetting<unknown>('slots');
  if (!Array.isArray(saved) || saved.length === 0 || saved.length > 8 || !saved.every(isSavedSlot)) return;
  if (useModels.getState().slots.some((s) => s.status.kind === 'downloading')) return;
  useModels.setState({ slots: saved.map((slot) => ({ ...slot, backend: slot.backend ?? 'auto', id: nextId++, status: { kind: 'unchecked' } })) });
  await useModels.getState().refreshAll();
}

/**
 * Shows a download's progress on a slot while a run fetches its model. `cancelRun` stops the run and
 * is what the slot's Cancel calls until the download is ready or settleRunDownloads runs.
 */
export function showRunDownload(index: number, progress: DownloadProgress, cancelRun: () => void): void {
  const slot = useModels.getState().slots[index];
  if (!slot) return;
  const status: SlotStatus = progress.status === 'ready' ? { kind: 'unchecked' } : { kind: 'downloading', progress };
  useModels.setState((state) => ({ slots: state.slots.map((s) => (s.id === slot.id ? { ...s, status } : s)) }));
  if (progress.status === 'ready') {
    runDownloads.delete(slot.id);
    void useModels.getState().refreshStatus(slot.id);
  } else {
    runDownloads.set(slot.id, cancelRun);
  }
}

/**
 * Ends the run's downloads once the run has stopped. A slot still downloading gets the run's error,
 * or, when `error` is null (the run was cancelled or finished), shows again what IndexedDB has of it.
 */
export async function settleRunDownloads(error: string | null): Promise<void> {
  const { slots, refreshStatus } = useModels.getState();
  const settled: number[] = [];
  for (const id of runDownloads.keys()) {
    const slot = slots.find((s) => s.id === id);
    // A slot's own download, started while the run fetched its model, keeps the slot.
    if (slot?.status.kind !== 'downloading' || downloadControllers.has(id)) continue;
    const status: SlotStatus = error === null ? { kind: 'unchecked' } : { kind: 'error', message: error, pending: null };
    useModels.setState((state) => ({ slots: state.slots.map((s) => (s.id === id ? { ...s, status } : s)) }));
    settled.push(id);
  }
  runDownloads.clear();
  await Promise.all(settled.map((id) => refreshStatus(id)));
}
