/**
 * The app's IndexedDB storage, and the only module that uses idb-keyval.
 *
 * - `chunks`: file contents in chunks, keyed by `{endpoint}|{kind}|{repo}|{commit}|{path}#{index}`.
 *   A commit names its content, so revisions that point to one commit share the chunks.
 * - `meta`: download state (`pending:` records of downloads under way and `partial:` records of
 *   their files), manifests (`manifest:`), written only once every file of a repository is stored
 *   and verified, and the settings.
 * - `runs`: evaluation state and finished results.
 */
import { createStore, del, delMany, entries, get, getMany, keys, promisifyRequest, set, setMany, type UseStore } from 'idb-keyval';

/** Size of stored chunks and of the Range requests that fetch them: 8 MiB. */
export const CHUNK_SIZE = 8 * 1024 * 1024;

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

/** Reads chunk `index` of a file, or undefined when it is not stored. */
export function getChunk(file: string, index: number): Promise<Uint8Array | undefined> {
  return get<Uint8Array>(`${file}#${index}`, chunks());
}

/** Deletes chunks 0..count-1 of a file. */
export function deleteChunks(file: string, count: number): Promise<void> {
  return delMany(Array.from({ length: count }, (_, i) => `${file}#${i}`), chunks());
}

/** Number of chunks of a file of `size` bytes in chunks of `chunkSize`; an empty file has one. */
export function chunkCount(size: number, chunkSize: number = CHUNK_SIZE): number {
  return Math.max(1, Math.ceil(size / chunkSize));
}

/** Download state of one file of a download under way: the chunks stored so far. */
export interface PartialFile {
  chunkSize: number;
  chunksStored: number;
  bytesStored: number;
  /** Size the listing gave, to notice a changed file. */
  size: number;
  /** Set once every chunk is stored and the whole file matched its listed hash. */
  verified?: boolean;
}

/** Reads the download state of a file (key from `fileKey`). */
export function getPartial(file: string): Promise<PartialFile | undefined> {
  return get<PartialFile>(`partial:${file}`, meta());
}
/** Writes the download state of a file. Throws a StorageError. */
export function putPartial(file: string, partial: PartialFile): Promise<void> {
  return guarded('Saving download progress', () => set(`partial:${file}`, partial, meta()));
}
/** Deletes the download state of a file. */
export function deletePartial(file: string): Promise<void> {
  return del(`partial:${file}`, meta());
}

/** A file as a download lists it: the listing's size and hashes. */
export interface ListedFile {
  path: string;
  size: number;
  sha256: string | null;
  gitOid: string | null;
}

/** Whether a stored copy (a manifest's entry) has the listed file's size and hashes. */
export function isSameFile(copy: ListedFile | undefined, file: ListedFile): boolean {
  return copy !== undefined && copy.size === file.size && copy.sha256 === file.sha256 && copy.gitOid === file.gitOid;
}

/**
 * Bytes of a listed file already stored: all of them when a manifest of the commit lists the file or
 * its download state says verified, the stored chunks' bytes for a partial file, else 0.
 */
export function bytesStoredOf(file: ListedFile, partial: PartialFile | undefined, copy?: ListedFile): number {
  if (isSameFile(copy, file)) return file.size;
  if (!partial || partial.size !== file.size || partial.chunkSize !== CHUNK_SIZE) return 0;
  return partial.verified ? file.size : partial.bytesStored;
}

/**
 * A download that started and has not finished, written before its first chunk and deleted with the
 * manifest's write. It pins the commit and the file list, so a resume after a reload fetches the same
 * files and asks the endpoint nothing but their bytes.
 */
export interface PendingDownload extends StoredRepoId {
  /** The manifest key the download will write. */
  key: string;
  revision: string;
  dtype: string | null;
  files: ListedFile[];
  startedAt: string;
}

/** Reads the pending download of a manifest key. */
export function getPending(key: string): Promise<PendingDownload | undefined> {
  return get<PendingDownload>(`pending:${key}`, meta());
}
/** Writes a pending download. Throws a StorageError. */
export function putPending(pending: PendingDownload): Promise<void> {
  return guarded('Saving the download', () => set(`pending:${pending.key}`, pending, meta()));
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

/** Reads the manifest of a manifest key. */
export function getManifest(key: string): Promise<RepoManifest | undefined> {
  return get<RepoManifest>(`manifest:${key}`, meta());
}

/**
 * Writes a finished download's manifest and, in the same transaction, deletes its pending record and
 * the download state of its files: the repository turns from pending to cached at once.
 */
export function commitManifest(manifest: RepoManifest): Promise<void> {
  return guarded('Saving the file list', () =>
    meta()('readwrite', (store) => {
      store.put(manifest, `manifest:${manifest.key}`);
      store.delete(`pending:${manifest.key}`);
      for (const file of manifest.files) store.delete(`partial:${fileKey(manifest, file.path)}`);
      return promisifyRequest(store.transaction);
    }),
  );
}

/** Every stored manifest and pending download, read in one pass. */
export async function listRecords(): Promise<{ manifests: RepoManifest[]; pending: PendingDownload[]; partials: Map<string, PartialFile> }> {
  const all = await entries<string, unknown>(meta());
  const manifests: RepoManifest[] = [];
  const pending: PendingDownload[] = [];
  const partials = new Map<string, PartialFile>();
  for (const [key, value] of all) {
    const name = String(key);
    if (name.startsWith('manifest:')) manifests.push(value as RepoManifest);
    else if (name.startsWith('pending:')) pending.push(value as PendingDownload);
    else if (name.startsWith('partial:')) partials.set(name.slice('partial:'.length), value as PartialFile);
  }
  return { manifests, pending, partials };
}

/** Every stored manifest, for the cache manager. */
export async function listManifests(): Promise<RepoManifest[]> {
  return (await listRecords()).manifests;
}

/** Whether two records name the same commit of the same repository on the same endpoint. */
export function sameCommit(a: StoredRepoId, b: StoredRepoId): boolean {
  return a.endpoint === b.endpoint && a.kind === b.kind && a.repo === b.repo && a.commit === b.commit;
}

/**
 * Deletes the chunks and download state of `files` of the commit `id`, except files that a manifest
 * or a pending download still lists: those records share the commit's chunks.
 */
async function releaseFiles(id: StoredRepoId, files: readonly { path: string; size: number }[]): Promise<void> {
  const { manifests, pending, partials } = await listRecords();
  const inUse = new Set<string>();
  for (const record of [...manifests, ...pending]) {
    if (sameCommit(record, id)) for (const file of record.files) inUse.add(file.path);
  }
  for (const file of files) {
    if (inUse.has(file.path)) continue;
    const key = fileKey(id, file.path);
    const partial = partials.get(key);
    const count = Math.max(chunkCount(file.size, partial?.chunkSize), partial?.chunksStored ?? 0);
    await deleteChunks(key, count);
    await deletePartial(key);
  }
}

/**
 * Deletes a manifest and the chunks of its files that no other manifest or pending download of the
 * same commit lists. The manifest goes first, so an interrupted delete never leaves a manifest
 * without its files.
 */
export async function deleteRepo(manifest: RepoManifest): Promise<void> {
  await del(`manifest:${manifest.key}`, meta());
  await releaseFiles(manifest, manifest.files);
}

/** Deletes a pending download and the chunks it stored that no other record lists. */
export async function discardPending(pending: PendingDownload): Promise<void> {
  await del(`pending:${pending.key}`, meta());
  await releaseFiles(pending, pending.files);
}

/** Every chunk key in the chunk store, `{fileKey}#{index}`. */
export async function listChunkKeys(): Promise<string[]> {
  return (await keys(chunks())).map(String);
}

/**
 * Deletes chunks that no manifest and no pending download lists, left by a delete that was
 * interrupted. Returns how many were deleted.
 */
export async function sweepOrphanChunks(): Promise<number> {
  const { manifests, pending } = await listRecords();
  const listed = new Set<string>();
  for (const record of [...manifests, ...pending]) for (const file of record.files) listed.add(fileKey(record, file.path));
  const orphans = (await listChunkKeys()).filter((key) => !listed.has(key.slice(0, key.lastIndexOf('#'))));
  if (orphans.length > 0) await delMany(orphans, chunks());
  return orphans.length;
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
