/**
 * Downloads a repository's files into IndexedDB in Range-request chunks, hashed while streaming. A
 * download resumes from the last stored chunk after a reload or a dropped connection. The repository
 * counts as cached only once every file is verified and the manifest is written, which happens last.
 *
 * A download writes a pending record before its first chunk. The record pins the commit and the file
 * list, so a resume after a reload fetches exactly the same files, and the cache manager can show
 * and discard what an interrupted download stored.
 */
import { fileUrl, resolveRevision, type RepoFile, type RepoKind } from './client';
import { downloadVerifiedFile } from './fileDownload';
import type { RequestPolicy } from './http';
import {
  CHUNK_SIZE,
  bytesStoredOf,
  commitManifest,
  fileKey,
  getChunks,
  getManifest,
  getPartial,
  getPending,
  listManifests,
  isSameFile,
  manifestKey,
  putPending,
  sameCommit,
  StorageError,
  type ListedFile,
  type PendingDownload,
  type RepoManifest,
  type StoredRepoId,
} from './store';
import { createLogger } from '../util/logger';

export { CHUNK_SIZE };

const log = createLogger('download');

/** Browsers cannot hand one buffer over 2 GiB to ONNX Runtime. */
export const MAX_SINGLE_FILE = 2 ** 31 - 1;

/** Progress of one file in a download. */
export interface FileProgress {
  path: string;
  size: number;
  loaded: number;
}

/** Progress of a repository download, tagged by status. `loaded` never goes down. */
export type DownloadProgress =
  | { status: 'resolving'; repo: string }
  | { status: 'downloading'; repo: string; files: FileProgress[]; loaded: number; total: number; bytesPerSecond: number }
  | { status: 'ready'; repo: string; commit: string; fromCache: boolean; files: FileProgress[] };

/** A repository download request: the endpoint, the repository, the revision and the files to pick. */
export interface EnsureRepoRequest {
  /** The endpoint as stored and shown: `bundled` or a URL. */
  endpointKey: string;
  /** Base URL requests go to. */
  endpointUrl: string;
  kind: RepoKind;
  repo: string;
  revision: string;
  /** Weight variant of a model; null for a dataset. */
  dtype: string | null;
  /** Chooses the files needed from the repository's listing; may throw to reject the repository. Unused on a resume. */
  pickFiles: (files: RepoFile[]) => RepoFile[];
  token?: string | null;
}

/** Options and callbacks of a download: the request policy and a progress callback. */
export interface DownloadHooks extends RequestPolicy {
  onProgress?: (progress: DownloadProgress) => void;
}

/** The download does not fit the storage the browser grants this site. */
export class QuotaError extends Error {
  readonly code = 'quota';
  constructor(message: string) {
    super(message);
    this.name = 'QuotaError';
  }
}

/** A file too large for the browser; the message names the variant to pick instead. */
export class FileTooLargeError extends Error {
  readonly code = 'file-too-large';
  constructor(message: string) {
    super(message);
    this.name = 'FileTooLargeError';
  }
}

/** Formats a byte count in kB, MB or GB (powers of 1000), as the UI shows it. */
function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} B`;
}

type RepoLookup = Pick<EnsureRepoRequest, 'endpointKey' | 'kind' | 'repo' | 'revision' | 'dtype'>;

function keyOf(request: RepoLookup): string {
  return manifestKey(request.endpointKey, request.kind, request.repo, request.revision, request.dtype);
}

/** Returns the stored manifest of the request, or null; never touches the network. */
export async function findCachedRepo(request: RepoLookup): Promise<RepoManifest | null> {
  return (await getManifest(keyOf(request))) ?? null;
}

/** Returns the pending (interrupted or running) download of the request, or null; never touches the network. */
export async function findPendingDownload(request: RepoLookup): Promise<PendingDownload | null> {
  return (await getPending(keyOf(request))) ?? null;
}

const commitLocks = new Map<string, Promise<unknown>>();

function commitLockKey(id: StoredRepoId): string {
  return `${id.endpoint}|${id.kind}|${id.repo}|${id.commit}`;
}

/** Reports whether a download of this commit's files runs in this context (the worker) now. */
export function isCommitBusy(id: StoredRepoId): boolean {
  return commitLocks.has(commitLockKey(id));
}

/** Runs `work` after every earlier download of the same commit has settled: they share chunks. */
async function withCommitLock<T>(id: StoredRepoId, work: () => Promise<T>): Promise<T> {
  const key = commitLockKey(id);
  const previous = commitLocks.get(key) ?? Promise.resolve();
  const current = previous.catch(() => undefined).then(work);
  commitLocks.set(key, current);
  try {
    return await current;
  } finally {
    if (commitLocks.get(key) === current) commitLocks.delete(key);
  }
}

/** The plan of a download: the pinned commit, the files, and the pending record of an earlier start. */
interface DownloadPlan {
  id: StoredRepoId;
  files: ListedFile[];
  pending: PendingDownload | null;
}

async function planDownload(request: EnsureRepoRequest, key: string, hooks: DownloadHooks): Promise<DownloadPlan> {
  const pending = await getPending(key);
  if (pending) return { id: { endpoint: pending.endpoint, kind: pending.kind, repo: pending.repo, commit: pending.commit }, files: pending.files, pending };

  const options = { ...hooks, token: request.token ?? null };
  const resolved = await resolveRevision({ endpoint: request.endpointUrl, kind: request.kind, repo: request.repo }, request.revision, options);
  const files = request.pickFiles(resolved.files).map(({ path, size, sha256, gitOid }) => ({ path, size, sha256, gitOid }));
  rejectOversizedFiles(files);
  return { id: { endpoint: request.endpointKey, kind: request.kind, repo: request.repo, commit: resolved.commit }, files, pending: null };
}

/**
 * Returns the repository's manifest, downloading what is missing first. A repository already stored
 * for this (endpoint, repo, revision, variant) costs no network request. An interrupted download
 * resumes at the commit it pinned, from its last stored chunks.
 * Throws a HubError, QuotaError, FileTooLargeError, IntegrityError, StorageError or AbortError, each
 * with words for the user; after any of them the repository does not count as cached.
 */
export async function ensureRepo(request: EnsureRepoRequest, hooks: DownloadHooks = {}): Promise<RepoManifest> {
  const key = keyOf(request);
  const cached = await getManifest(key);
  if (cached) {
    reportReady(cached, true, hooks);
    return cached;
  }
  hooks.onProgress?.({ status: 'resolving', repo: request.repo });
  const plan = await planDownload(request, key, hooks);
  return withCommitLock(plan.id, () => runDownload(request, key, plan, hooks));
}

function reportReady(manifest: RepoManifest, fromCache: boolean, hooks: DownloadHooks): void {
  const files = manifest.files.map((f) => ({ path: f.path, size: f.size, loaded: f.size }));
  hooks.onProgress?.({ status: 'ready', repo: manifest.repo, commit: manifest.commit, fromCache, files });
}

/** Files of this commit that a manifest already lists, by path: their chunks are stored and verified. */
async function storedCopies(id: StoredRepoId): Promise<Map<string, RepoManifest['files'][number]>> {
  const copies = new Map<string, RepoManifest['files'][number]>();
  for (const manifest of await listManifests()) {
    if (!sameCommit(manifest, id)) continue;
    for (const file of manifest.files) copies.set(file.path, file);
  }
  return copies;
}

async function runDownload(request: EnsureRepoRequest, key: string, plan: DownloadPlan, hooks: DownloadHooks): Promise<RepoManifest> {
  // An earlier call for the same key may have finished while this one waited for the lock.
  const finished = await getManifest(key);
  if (finished) {
    reportReady(finished, true, hooks);
    return finished;
  }
  const { id, files } = plan;
  const copies = await storedCopies(id);
  const reusable = (file: ListedFile): boolean => isSameFile(copies.get(file.path), file);
  const stored = await Promise.all(files.map(async (file) => bytesStoredOf(file, await getPartial(fileKey(id, file.path)), copies.get(file.path))));
  const total = files.reduce((sum, f) => sum + f.size, 0);
  const storedTotal = stored.reduce((sum, n) => sum + n, 0);
  await checkQuota(total - storedTotal, plan.pending !== null);

  if (!plan.pending) {
    await putPending({ ...id, key, revision: request.revision, dtype: request.dtype, files, startedAt: new Date().toISOString() });
    log.info(`downloading ${request.repo} at ${id.commit} from ${request.endpointUrl}: ${files.length} files, ${formatBytes(total - storedTotal)} of ${formatBytes(total)} to fetch`);
  } else {
    log.info(`resuming ${request.repo} at ${id.commit}: ${formatBytes(storedTotal)} of ${formatBytes(total)} stored`);
  }

  const progress = new ProgressTracker(request.repo, files, hooks.onProgress);
  const policy: RequestPolicy = { ...hooks, onRetry: hooks.onRetry ?? ((url, attempt, failure) => log.warn(`retrying ${url} (retry ${attempt})`, failure)) };
  const manifestFiles: RepoManifest['files'] = [];
  for (const file of files) {
    if (reusable(file)) {
      progress.update(file.path, file.size, 0, true);
      manifestFiles.push(copies.get(file.path)!);
      continue;
    }
    const source = {
      url: fileUrl({ endpoint: request.endpointUrl, kind: request.kind, repo: request.repo }, id.commit, file.path),
      endpoint: request.endpointUrl,
      token: request.token ?? null,
      key: fileKey(id, file.path),
    };
    try {
      const chunks = await downloadVerifiedFile(file, source, policy, (loaded, fetched, force) => progress.update(file.path, loaded, fetched, force));
      manifestFiles.push({ ...file, chunks });
    } catch (error) {
      if (!(error instanceof StorageError) || error.code !== 'quota') throw error;
      const storedNow = await Promise.all(files.map(async (f) => bytesStoredOf(f, await getPartial(fileKey(id, f.path)), copies.get(f.path))));
      throw storageFullError(request.repo, storedNow.reduce((sum, n) => sum + n, 0), total);
    }
  }

  const manifest: RepoManifest = { ...id, key, revision: request.revision, dtype: request.dtype, files: manifestFiles, completedAt: new Date().toISOString() };
  await commitManifest(manifest);
  log.info(`stored ${request.repo} at ${id.commit}: every file verified`);
  reportReady(manifest, false, hooks);
  return manifest;
}

/** Reads a stored file whole. */
export async function readStoredFile(manifest: RepoManifest, path: string): Promise<Uint8Array | null> {
  const entry = manifest.files.find((f) => f.path === path);
  if (!entry) return null;
  const chunks = await getChunks(fileKey(manifest, path), entry.chunks);
  if (chunks.length === 1) return chunks[0]!;
  const whole = new Uint8Array(entry.size);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return whole;
}

function rejectOversizedFiles(files: readonly ListedFile[]): void {
  const big = files.find((f) => f.size > MAX_SINGLE_FILE);
  if (!big) return;
  throw new FileTooLargeError(
    `${big.path} is ${formatBytes(big.size)}; browsers cannot load one file over 2 GB. ` +
      'Pick a smaller variant (q4 or q4f16) or an export that keeps its weights in external data files.',
  );
}

const GIB = 2 ** 30;

/**
 * Asks for persistent storage, then rejects the download when the bytes still needed exceed what the
 * browser grants this site (`quota - usage` of `navigator.storage.estimate()`).
 *
 * NOTE: Chromium's StaticStorageQuota feature is on by default (seen in Chromium 150). It reports
 * `quota` as usage plus a whole number of GiB, whatever the real quota is: 4 or 5 GiB on the test
 * machine, 10 GiB on larger disks. Such an estimate can neither confirm nor rule out a fit, so the
 * download goes ahead and a full disk shows up as a quota error on a write (see `storageFullError`).
 */
async function checkQuota(bytesNeeded: number, resuming: boolean): Promise<void> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!storage?.estimate || bytesNeeded <= 0) return;
  await storage.persist?.().catch(() => false);
  const { quota, usage } = await storage.estimate();
  if (quota === undefined) return;
  const free = Math.max(0, quota - (usage ?? 0));
  if (bytesNeeded <= free) return;
  if (free > 0 && free % GIB === 0) {
    log.info(`the browser reports a fixed ${formatBytes(free)} of free storage; ${formatBytes(bytesNeeded)} may or may not fit`);
    return;
  }
  throw new QuotaError(
    `The download needs ${formatBytes(bytesNeeded)} more, but the browser grants this site only ${formatBytes(free)} ` +
      `(quota ${formatBytes(quota)}, ${formatBytes(usage ?? 0)} in use). ` +
      'Delete cached models in the cache manager, pick a smaller variant, or free disk space. ' +
      (resuming ? 'The chunks stored so far are kept.' : 'Nothing was written.'),
  );
}

/** Creates the QuotaError of a write that found the storage full, naming the sizes and what to do. */
function storageFullError(repo: string, stored: number, total: number): QuotaError {
  return new QuotaError(
    `The browser's storage for this site is full: ${repo} stopped after ${formatBytes(stored)} of ${formatBytes(total)}, ` +
      `so ${formatBytes(total - stored)} more are needed. Delete cached models in the cache manager or free disk space, then Resume; ` +
      'or Discard what was stored. The partial download does not count as cached.',
  );
}

/** Sums per-file progress, derives the speed, and reports at most every 100 ms. */
class ProgressTracker {
  readonly files: FileProgress[];
  private readonly started = Date.now();
  private fetchedHere = 0;
  private lastReport = 0;

  constructor(
    private readonly repo: string,
    files: readonly ListedFile[],
    private readonly onProgress?: (progress: DownloadProgress) => void,
  ) {
    this.files = files.map((f) => ({ path: f.path, size: f.size, loaded: 0 }));
  }

  /** Sets a file's loaded bytes; `fetched` counts bytes that came over the network now. */
  update(path: string, loaded: number, fetched: number, force: boolean): void {
    const file = this.files.find((f) => f.path === path)!;
    file.loaded = Math.max(file.loaded, loaded);
    this.fetchedHere += fetched;
    const now = Date.now();
    if (!force && now - this.lastReport < 100) return;
    this.lastReport = now;
    const seconds = (now - this.started) / 1000;
    this.onProgress?.({
      status: 'downloading',
      repo: this.repo,
      files: this.files.map((f) => ({ ...f })),
      loaded: this.files.reduce((sum, f) => sum + f.loaded, 0),
      total: this.files.reduce((sum, f) => sum + f.size, 0),
      bytesPerSecond: seconds > 0 ? this.fetchedHere / seconds : 0,
    });
  }
}
