/**
 * The cache manager's state: what IndexedDB stores (read on the page, no worker needed), the storage
 * the browser grants, and the actions the worker runs: resume, discard, delete and verify.
 */
import { create } from 'zustand';
import { listCache, type CacheListing, type StoredFileCheck } from '../../hub/cache';
import type { DownloadProgress } from '../../hub/download';
import { endpointContext, workerClient } from '../workerClient';

/** What the browser reports about this site's storage; null where it reports nothing. */
export interface StorageInfo {
  usage: number | null;
  quota: number | null;
  persisted: boolean | null;
}

/** The result of verifying a stored repository: the file checks, or why verifying failed. */
export type VerifyResult = { checks: StoredFileCheck[] } | { error: string };

interface CacheState {
  listing: CacheListing | null;
  storage: StorageInfo;
  /** Action running per key. */
  busy: Record<string, 'deleting' | 'discarding' | 'verifying' | 'resuming'>;
  /** Progress of resumes started here, per key. */
  progress: Record<string, DownloadProgress>;
  verified: Record<string, VerifyResult>;
  /** Error of the last action per key, in words. */
  errors: Record<string, string>;
  refresh(): Promise<void>;
  remove(key: string): Promise<void>;
  discard(key: string): Promise<void>;
  verify(key: string): Promise<void>;
  resume(key: string): Promise<void>;
  cancelResume(key: string): void;
}

const resumeControllers = new Map<string, AbortController>();
const listeners = new Set<() => void>();

/** Registers a callback run after every change to the cache (the model slots refresh on it). */
export function onCacheChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Reads usage, quota and persistence from the Storage API, where the browser offers it. */
export async function readStorageInfo(): Promise<StorageInfo> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  const estimate = await storage?.estimate?.().catch(() => undefined);
  const persisted = await storage?.persisted?.().catch(() => undefined);
  return { usage: estimate?.usage ?? null, quota: estimate?.quota ?? null, persisted: persisted ?? null };
}

export const useCache = create<CacheState>()((set, get) => {
  const without = <T>(record: Record<string, T>, key: string): Record<string, T> => {
    const copy = { ...record };
    delete copy[key];
    return copy;
  };
  const run = async (key: string, action: CacheState['busy'][string], work: () => Promise<void>): Promise<void> => {
    set((s) => ({ busy: { ...s.busy, [key]: action }, errors: without(s.errors, key) }));
    try {
      await work();
    } catch (error) {
      if ((error as { code?: string }).code !== 'cancelled') set((s) => ({ errors: { ...s.errors, [key]: (error as Error).message } }));
    } finally {
      set((s) => ({ busy: without(s.busy, key), progress: without(s.progress, key) }));
      await get().refresh();
      for (const listener of listeners) listener();
    }
  };

  return {
    listing: null,
    storage: { usage: null, quota: null, persisted: null },
    busy: {},
    progress: {},
    verified: {},
    errors: {},
    async refresh() {
      const [listing, storage] = await Promise.all([listCache(), readStorageInfo()]);
      set({ listing, storage });
    },
    remove: (key) => run(key, 'deleting', async () => {
      await workerClient().call('deleteCached', { key });
      set((s) => ({ verified: without(s.verified, key) }));
    }),
    discard: (key) => run(key, 'discarding', () => workerClient().call('discardDownload', { key })),
    verify: (key) => run(key, 'verifying', async () => {
      try {
        const checks = await workerClient().call('verifyCached', { key });
        set((s) => ({ verified: { ...s.verified, [key]: { checks } } }));
      } catch (error) {
        set((s) => ({ verified: { ...s.verified, [key]: { error: (error as Error).message } } }));
      }
    }),
    resume: (key) => run(key, 'resuming', async () => {
      const controller = new AbortController();
      resumeControllers.set(key, controller);
      try {
        await workerClient().call('resumeDownload', { key, context: endpointContext() }, {
          signal: controller.signal,
          onProgress: (progress) => set((s) => ({ progress: { ...s.progress, [key]: progress } })),
        });
      } finally {
        resumeControllers.delete(key);
      }
    }),
    cancelResume(key) {
      resumeControllers.get(key)?.abort();
    },
  };
});
