/**
 * Downloads a repository's files into IndexedDB: in Range-request chunks, resumed from the last stored
 * chunk after a reload or a dropped connection, hashed while streaming, and counted as cached only
 * when every file is verified and the manifest is written (last).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { HubError, describeHttpFailure, fileUrl, resolveRevision, type RepoFile, type RepoKind } from './client';
import {
  deleteChunks,
  deletePartial,
  fileKey,
  getChunks,
  getManifest,
  getPartial,
  manifestKey,
  putChunk,
  putManifest,
  putPartial,
  type RepoManifest,
} from './store';
import { IntegrityError } from './verify';

/** Chunk size of Range requests and of stored chunks: 8 MiB. */
export const CHUNK_SIZE = 8 * 1024 * 1024;
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

/** What to download. */
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
  /** Chooses the files needed from the repository's listing; may throw to reject the repository. */
  pickFiles: (files: RepoFile[]) => RepoFile[];
  token?: string | null;
}

/** Options and callbacks of a download. */
export interface DownloadHooks {
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
  fetch?: typeof fetch;
  /** Milliseconds before retry k (0-based) of a failed request; defaults to 500·2^k. */
  retryDelayMs?: (attempt: number) => number;
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

const MAX_ATTEMPTS = 5;

function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${Math.ceil(bytes / 1e3)} kB`;
}

/** Returns the stored manifest of the request, or null; never touches the network. */
export async function findCachedRepo(request: Pick<EnsureRepoRequest, 'endpointKey' | 'kind' | 'repo' | 'revision' | 'dtype'>): Promise<RepoManifest | null> {
  const key = manifestKey(request.endpointKey, request.kind, request.repo, request.revision, request.dtype);
  return (await getManifest(key)) ?? null;
}

/**
 * Returns the repository's manifest, downloading what is missing first. A repository already stored
 * for this (endpoint, repo, revision, variant) costs no network request.
 * Throws a HubError, QuotaError, FileTooLargeError, IntegrityError or StorageError, each with words
 * for the user.
 */
export async function ensureRepo(request: EnsureRepoRequest, hooks: DownloadHooks = {}): Promise<RepoManifest> {
  const cached = await findCachedRepo(request);
  if (cached) {
    hooks.onProgress?.({ status: 'ready', repo: request.repo, commit: cached.commit, fromCache: true, files: cached.files.map((f) => ({ path: f.path, size: f.size, loaded: f.size })) });
    return cached;
  }

  hooks.onProgress?.({ status: 'resolving', repo: request.repo });
  const options = { fetch: hooks.fetch, token: request.token ?? null, signal: hooks.signal };
  const resolved = await resolveRevision({ endpoint: request.endpointUrl, kind: request.kind, repo: request.repo }, request.revision, options);
  const files = request.pickFiles(resolved.files);
  rejectOversizedFiles(files);
  const id = { endpoint: request.endpointKey, kind: request.kind, repo: request.repo, commit: resolved.commit };

  const partials = await Promise.all(files.map((f) => getPartial(fileKey(id, f.path))));
  const stored = partials.reduce((sum, p, i) => sum + (p && p.size === files[i]!.size ? p.bytesStored : 0), 0);
  await checkQuota(files.reduce((sum, f) => sum + f.size, 0) - stored);

  const progress = new ProgressTracker(request.repo, files, hooks.onProgress);
  const manifestFiles: RepoManifest['files'] = [];
  for (const file of files) {
    const chunks = await downloadVerifiedFile(request, id, file, progress, hooks);
    manifestFiles.push({ path: file.path, size: file.size, sha256: file.sha256, gitOid: file.gitOid, chunks });
  }

  const manifest: RepoManifest = {
    ...id,
    key: manifestKey(request.endpointKey, request.kind, request.repo, request.revision, request.dtype),
    revision: request.revision,
    dtype: request.dtype,
    files: manifestFiles,
    completedAt: new Date().toISOString(),
  };
  await putManifest(manifest);
  hooks.onProgress?.({ status: 'ready', repo: request.repo, commit: id.commit, fromCache: false, files: progress.files });
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

function rejectOversizedFiles(files: readonly RepoFile[]): void {
  const big = files.find((f) => f.size > MAX_SINGLE_FILE);
  if (!big) return;
  throw new FileTooLargeError(
    `${big.path} is ${formatBytes(big.size)}; browsers cannot load one file over 2 GB. ` +
      'Pick a smaller variant (q4 or q4f16) or an export that keeps its weights in external data files.',
  );
}

async function checkQuota(bytesNeeded: number): Promise<void> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!storage?.estimate) return;
  await storage.persist?.().catch(() => false);
  const { quota, usage } = await storage.estimate();
  if (quota === undefined) return;
  const free = quota - (usage ?? 0);
  if (bytesNeeded > free) {
    throw new QuotaError(
      `The download needs ${formatBytes(bytesNeeded)}, but the browser grants this site only ${formatBytes(Math.max(0, free))} more. ` +
        'Delete cached models in the cache manager or pick a smaller variant. Nothing was written.',
    );
  }
}

/** Sums per-file progress, derives the speed, and reports at most every 100 ms. */
class ProgressTracker {
  readonly files: FileProgress[];
  private readonly started = Date.now();
  private fetchedHere = 0;
  private lastReport = 0;

  constructor(
    private readonly repo: string,
    files: readonly RepoFile[],
    private readonly onProgress?: (progress: DownloadProgress) => void,
  ) {
    this.files = files.map((f) => ({ path: f.path, size: f.size, loaded: 0 }));
  }

  /** Sets a file's loaded bytes; `fetched` counts bytes that came over the network now. */
  update(path: string, loaded: number, fetched: number, force = false): void {
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

/** Incremental hash of a file's content, as the listing names it. */
function createHasher(file: RepoFile): { update(bytes: Uint8Array): void; check(): void } | null {
  if (file.sha256) {
    const hash = sha256.create();
    return {
      update: (bytes) => hash.update(bytes),
      check: () => {
        const actual = bytesToHex(hash.digest());
        if (actual !== file.sha256) throw new IntegrityError(file.path, `sha256 ${actual}, expected ${file.sha256}`);
      },
    };
  }
  if (file.gitOid) {
    const hash = sha1.create();
    hash.update(new TextEncoder().encode(`blob ${file.size}\0`));
    return {
      update: (bytes) => hash.update(bytes),
      check: () => {
        const actual = bytesToHex(hash.digest());
        if (actual !== file.gitOid) throw new IntegrityError(file.path, `git blob id ${actual}, expected ${file.gitOid}`);
      },
    };
  }
  return null;
}

/** Downloads one file (resuming stored chunks) and verifies it; a corrupt copy is fetched once more. Returns the chunk count. */
async function downloadVerifiedFile(
  request: EnsureRepoRequest,
  id: { endpoint: string; kind: RepoKind; repo: string; commit: string },
  file: RepoFile,
  progress: ProgressTracker,
  hooks: DownloadHooks,
): Promise<number> {
  const key = fileKey(id, file.path);
  for (let attempt = 0; ; attempt++) {
    try {
      return await downloadFile(request, id, file, key, progress, hooks);
    } catch (error) {
      if (!(error instanceof IntegrityError) || attempt > 0) throw error;
      progress.update(file.path, 0, 0, true);
    }
  }
}

async function downloadFile(
  request: EnsureRepoRequest,
  id: { endpoint: string; kind: RepoKind; repo: string; commit: string },
  file: RepoFile,
  key: string,
  progress: ProgressTracker,
  hooks: DownloadHooks,
): Promise<number> {
  const chunkCount = Math.max(1, Math.ceil(file.size / CHUNK_SIZE));
  let partial = await getPartial(key);
  if (partial && (partial.size !== file.size || partial.chunkSize !== CHUNK_SIZE)) {
    await deleteChunks(key, partial.chunksStored);
    partial = undefined;
  }
  const hasher = createHasher(file);

  // Rehash what earlier sessions stored, so the check covers the whole file.
  let stored = partial?.chunksStored ?? 0;
  if (stored > 0) {
    for (const chunk of await getChunks(key, stored)) hasher?.update(chunk);
  }
  let bytesStored = partial?.bytesStored ?? 0;
  progress.update(file.path, bytesStored, 0, true);

  const url = fileUrl({ endpoint: request.endpointUrl, kind: request.kind, repo: request.repo }, id.commit, file.path);
  while (stored < chunkCount) {
    const start = stored * CHUNK_SIZE;
    const end = Math.min(file.size, start + CHUNK_SIZE) - 1;
    const bytes = await fetchRange(url, start, end, file, request.token ?? null, hooks, (n) => progress.update(file.path, bytesStored + n, 0));
    hasher?.update(bytes);
    await putChunk(key, stored, bytes);
    stored++;
    bytesStored += bytes.byteLength;
    await putPartial(key, { chunkSize: CHUNK_SIZE, chunksStored: stored, bytesStored, size: file.size });
    progress.update(file.path, bytesStored, bytes.byteLength, true);
  }

  try {
    if (bytesStored !== file.size) throw new IntegrityError(file.path, `${bytesStored} bytes, expected ${file.size}`);
    hasher?.check();
  } catch (error) {
    await deleteChunks(key, stored);
    await deletePartial(key);
    throw error;
  }
  await deletePartial(key);
  return chunkCount;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('The download was cancelled.', 'AbortError'));
    }, { once: true });
  });
}

/**
 * Fetches bytes start..end (inclusive) of a file, retrying dropped connections, short answers,
 * 429 and 5xx. A server that ignores Range gets its whole answer sliced.
 */
async function fetchRange(
  url: string,
  start: number,
  end: number,
  file: RepoFile,
  token: string | null,
  hooks: DownloadHooks,
  onBytes: (received: number) => void,
): Promise<Uint8Array> {
  const doFetch = hooks.fetch ?? fetch;
  const delay = hooks.retryDelayMs ?? ((attempt: number) => 500 * 2 ** attempt);
  let lastProblem = '';
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (attempt > 0) await sleep(delay(attempt - 1), hooks.signal);
    const headers = new Headers({ Range: `bytes=${start}-${end}` });
    if (token) headers.set('Authorization', `Bearer ${token}`);
    let response: Response;
    try {
      response = await doFetch(url, { headers, signal: hooks.signal ?? null });
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      lastProblem = `no answer (${(error as Error).message})`;
      continue;
    }
    if (response.status === 429 || response.status >= 500) {
      const retryAfter = Number(response.headers.get('retry-after'));
      lastProblem = `HTTP ${response.status}`;
      if (response.status === 429 && retryAfter > 0) await sleep(Math.min(retryAfter, 60) * 1000, hooks.signal);
      continue;
    }
    if (response.status !== 206 && response.status !== 200) {
      throw new HubError(describeHttpFailure(response.status, file.path, url), response.status, url);
    }
    const expected = response.status === 206 ? end - start + 1 : file.size;
    try {
      const body = await readBody(response, expected, onBytes, hooks.signal);
      return response.status === 206 ? body : body.subarray(start, end + 1);
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      lastProblem = (error as Error).message;
    }
  }
  throw new HubError(`${file.path}: the download failed ${MAX_ATTEMPTS} times (last: ${lastProblem}). Check the connection and try again; stored chunks are kept.`, 0, url);
}

/** Reads a response body of `expected` bytes; throws when it ends early or runs over. */
async function readBody(response: Response, expected: number, onBytes: (received: number) => void, signal?: AbortSignal): Promise<Uint8Array> {
  const buffer = new Uint8Array(expected);
  let received = 0;
  if (!response.body) throw new Error('the answer had no body');
  const reader = response.body.getReader();
  for (;;) {
    if (signal?.aborted) {
      await reader.cancel();
      throw new DOMException('The download was cancelled.', 'AbortError');
    }
    const { done, value } = await reader.read();
    if (done) break;
    if (received + value.byteLength > expected) throw new Error(`the answer is longer than the ${expected} bytes expected`);
    buffer.set(value, received);
    received += value.byteLength;
    onBytes(received);
  }
  if (received !== expected) throw new Error(`the connection closed after ${received} of ${expected} bytes`);
  return buffer;
}
