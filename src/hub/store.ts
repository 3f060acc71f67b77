/**
 * The app's IndexedDB storage, and the only module that uses idb-keyval.
 *
 * - `chunks`: file contents in chunks, keyed by `{endpoint}|{kind}|{repo}|{commit}|{path}#{index}`.
 *   A commit names its content, so revisions that point to one commit share the chunks.
 * - `meta`: download state (`partial:` records of files being fetched), manifests (`manifest:`),
 *   written only once every file of a repository is stored and verified, and the settings.
 * - `runs`: evaluation state and finished results.
 */
import { createStore, del, delMany, entries, get, getMany, set, setMany, type UseStore } from 'idb-keyval';

let chunkStore: UseStore | null = null;
let metaStore: UseStore | null = null;
let runStore: UseStore | null = null;

function chunks(): UseStore {
  chunkStore ??= createStore('lm-workbench-chunks', 'chunks');
  return chunkStore;
}
function meta(): UseStore {
  metaStore ??= createStore('lm-workbench-meta', 'meta');
  return metaStore;
}
function runs(): UseStore {
  runStore ??= createStore('lm-workbench-runs', 'runs');
  return runStore;
}

/** Storage failed, most often because the browser's quota is used up. */
export class StorageError extends Error {
  readonly code: 'quota' | 'storage';
  constructor(action: string, cause: unknown) {
    const quota = cause instanceof DOMException && cause.name === 'QuotaExceededError';
    super(
      quota
        ? `${action}: the browser's storage for this site is full. Delete cached models in the cache manager, then try again.`
        : `${action}: IndexedDB failed (${cause instanceof Error ? cause.message : String(cause)}).`,
    );
    this.name = 'StorageError';
    this.code = quota ? 'quota' : 'storage';
  }
}

async function guarded<T>(action: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new StorageError(action, error);
  }
}

/** Identity of a repository's files at a commit. */
export interface StoredRepoId {
  endpoint: string;
  kind: 'model' | 'dataset';
  repo: string;
  commit: string;
}

/** Key prefix of a file's chunks. */
export function fileKey(id: StoredRepoId, path: string): string {
  return `${id.endpoint}|${id.kind}|${id.repo}|${id.commit}|${path}`;
}

/** Stores chunk `index` of a file. Throws a StorageError (code `quota` when the disk is full). */
export function putChunk(file: string, index: number, bytes: Uint8Array): Promise<void> {
  return guarded(`Saving ${file.split('|').pop()}`, () => set(`${file}#${index}`, bytes, chunks()));
}

/** Reads chunks 0..count-1 of a file; throws when one is missing. */
export async function getChunks(file: string, count: number): Promise<Uint8Array[]> {
  const values = await getMany<Uint8Array | undefined>(Array.from({ length: count }, (_, i) => `${file}#${i}`), chunks());
  return values.map((value, i) => {
    if (!value) throw new StorageError(`Reading ${file.split('|').pop()}`, new Error(`chunk ${i} is missing`));
    return value;
  });
}

/** Deletes chunks 0..count-1 of a file. */
export function deleteChunks(file: string, count: number): Promise<void> {
  return delMany(Array.from({ length: count }, (_, i) => `${file}#${i}`), chunks());
}

/** Progress of a file whose download has not finished: the chunks stored so far. */
export interface PartialFile {
  chunkSize: number;
  chunksStored: number;
  bytesStored: number;
  /** Size the listing gave, to notice a changed file. */
  size: number;
}

export function getPartial(file: string): Promise<PartialFile | undefined> {
  return get<PartialFile>(`partial:${file}`, meta());
}
export function putPartial(file: string, partial: PartialFile): Promise<void> {
  return guarded('Saving download progress', () => set(`partial:${file}`, partial, meta()));
}
export function deletePartial(file: string): Promise<void> {
  return del(`partial:${file}`, meta());
}

/** A repository fully stored and verified: the record that makes its files count as cached. */
export interface RepoManifest extends StoredRepoId {
  /** Lookup key: endpoint, kind, repo, requested revision and variant. */
  key: string;
  /** The revision as the user asked for it (a branch, tag or commit). */
  revision: string;
  /** Weight variant of a model; null for a dataset. */
  dtype: string | null;
  files: { path: string; size: number; sha256: string | null; gitOid: string | null; chunks: number }[];
  completedAt: string;
}

/** The manifest lookup key of a request. */
export function manifestKey(endpoint: string, kind: string, repo: string, revision: string, dtype: string | null): string {
  return `${endpoint}|${kind}|${repo}|${revision}|${dtype ?? ''}`;
}

export function getManifest(key: string): Promise<RepoManifest | undefined> {
  return get<RepoManifest>(`manifest:${key}`, meta());
}
export function putManifest(manifest: RepoManifest): Promise<void> {
  return guarded('Saving the file list', () => set(`manifest:${manifest.key}`, manifest, meta()));
}

/** Every stored manifest, for the cache manager. */
export async function listManifests(): Promise<RepoManifest[]> {
  const all = await entries<string, unknown>(meta());
  return all.filter(([key]) => String(key).startsWith('manifest:')).map(([, value]) => value as RepoManifest);
}

/**
 * Deletes a manifest and, unless another manifest still uses the same commit, the file chunks.
 * The manifest goes first, so an interrupted delete never leaves a manifest without its files.
 */
export async function deleteRepo(manifest: RepoManifest): Promise<void> {
  await del(`manifest:${manifest.key}`, meta());
  const others = await listManifests();
  const shared = others.some((m) => m.endpoint === manifest.endpoint && m.repo === manifest.repo && m.commit === manifest.commit && m.kind === manifest.kind);
  if (shared) return;
  for (const file of manifest.files) await deleteChunks(fileKey(manifest, file.path), file.chunks);
}

/** Reads a value of the run store. */
export function getRunValue<T>(key: string): Promise<T | undefined> {
  return get<T>(key, runs());
}

/** Writes values of the run store in one transaction. Throws a StorageError. */
export function setRunValues(values: [string, unknown][]): Promise<void> {
  return guarded('Saving the run', () => setMany(values, runs()));
}

/** Deletes values of the run store. */
export function deleteRunValues(keysToDelete: string[]): Promise<void> {
  return delMany(keysToDelete, runs());
}

/** Reads a value of the settings. */
export function getSetting<T>(key: string): Promise<T | undefined> {
  return get<T>(`setting:${key}`, meta());
}

/** Writes a value of the settings. */
export function putSetting(key: string, value: unknown): Promise<void> {
  return guarded('Saving the settings', () => set(`setting:${key}`, value, meta()));
}
