/**
 * The cache manager's view of IndexedDB: the repositories stored (with their sizes, revisions,
 * commits and dates), the downloads that were interrupted or are running and how far each got, and
 * the actions on them: verify the stored bytes, delete a repository, discard a partial download.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { isCommitBusy } from './download';
import {
  bytesStoredOf,
  deleteRepo,
  discardPending,
  fileKey,
  getChunk,
  getManifest,
  getPending,
  listRecords,
  sameCommit,
  sweepOrphanChunks,
  type ListedFile,
  type PartialFile,
  type PendingDownload,
  type RepoManifest,
  type StoredRepoId,
} from './store';

/** A repository stored and verified, as the cache manager lists it. */
export interface CachedRepoSummary {
  /** The manifest key, the id of the delete and verify actions. */
  key: string;
  endpoint: string;
  kind: 'model' | 'dataset';
  repo: string;
  revision: string;
  commit: string;
  dtype: string | null;
  files: ListedFile[];
  bytes: number;
  completedAt: string;
  /** Other stored revisions or variants of the same commit, which share this one's chunks. */
  sharedWith: number;
}

/** A download that started and has not finished: how much of each file is stored. */
export interface PendingSummary {
  /** The manifest key the download will write, the id of the resume and discard actions. */
  key: string;
  endpoint: string;
  kind: 'model' | 'dataset';
  repo: string;
  revision: string;
  commit: string;
  dtype: string | null;
  startedAt: string;
  files: { path: string; size: number; stored: number }[];
  bytesStored: number;
  bytesTotal: number;
}

/** Everything the cache manager lists, newest first. */
export interface CacheListing {
  repos: CachedRepoSummary[];
  pending: PendingSummary[];
}

/** A delete or discard that has to wait: a download of the same commit is running. */
export class CacheBusyError extends Error {
  readonly code = 'cache-busy';
  constructor(message: string) {
    super(message);
    this.name = 'CacheBusyError';
  }
}

/** A cache action named a key that IndexedDB does not have. */
export class CacheEntryMissingError extends Error {
  readonly code = 'cache-missing';
  constructor(message: string) {
    super(message);
    this.name = 'CacheEntryMissingError';
  }
}

/** Summarises a pending download from its files' download state and the manifests of its commit. */
export function summarizePending(pending: PendingDownload, partials: ReadonlyMap<string, PartialFile>, manifests: readonly RepoManifest[]): PendingSummary {
  const copies = new Map<string, ListedFile>();
  for (const manifest of manifests) if (sameCommit(manifest, pending)) for (const file of manifest.files) copies.set(file.path, file);
  const files = pending.files.map((file) => ({
    path: file.path,
    size: file.size,
    stored: bytesStoredOf(file, partials.get(fileKey(pending, file.path)), copies.get(file.path)),
  }));
  return {
    key: pending.key,
    endpoint: pending.endpoint,
    kind: pending.kind,
    repo: pending.repo,
    revision: pending.revision,
    commit: pending.commit,
    dtype: pending.dtype,
    startedAt: pending.startedAt,
    files,
    bytesStored: files.reduce((sum, f) => sum + f.stored, 0),
    bytesTotal: files.reduce((sum, f) => sum + f.size, 0),
  };
}

/** Lists the stored repositories and the pending downloads, newest first; reads only IndexedDB. */
export async function listCache(): Promise<CacheListing> {
  const { manifests, pending, partials } = await listRecords();
  const repos = manifests.map((manifest): CachedRepoSummary => ({
    key: manifest.key,
    endpoint: manifest.endpoint,
    kind: manifest.kind,
    repo: manifest.repo,
    revision: manifest.revision,
    commit: manifest.commit,
    dtype: manifest.dtype,
    files: manifest.files.map(({ path, size, sha256: hash, gitOid }) => ({ path, size, sha256: hash, gitOid })),
    bytes: manifest.files.reduce((sum, f) => sum + f.size, 0),
    completedAt: manifest.completedAt,
    sharedWith: manifests.filter((other) => other.key !== manifest.key && sameCommit(other, manifest)).length,
  }));
  return {
    repos: repos.sort((a, b) => b.completedAt.localeCompare(a.completedAt)),
    pending: pending.map((p) => summarizePending(p, partials, manifests)).sort((a, b) => b.startedAt.localeCompare(a.startedAt)),
  };
}

/** Returns the summary of the pending download of a manifest key, or null. */
export async function findPendingSummary(key: string): Promise<PendingSummary | null> {
  const { manifests, pending, partials } = await listRecords();
  const record = pending.find((p) => p.key === key);
  return record ? summarizePending(record, partials, manifests) : null;
}

function rejectWhenBusy(id: StoredRepoId, action: string): void {
  if (isCommitBusy(id)) {
    throw new CacheBusyError(`Cannot ${action} ${id.repo} while it is downloading at commit ${id.commit.slice(0, 7)}. Cancel the download or wait for it to finish, then try again.`);
  }
}

/**
 * Deletes a stored repository. Chunks that another manifest or pending download of the same commit
 * lists stay. Throws a CacheBusyError while that commit downloads, and a CacheEntryMissingError for
 * an unknown key.
 */
export async function deleteCachedRepo(key: string): Promise<void> {
  const manifest = await getManifest(key);
  if (!manifest) throw new CacheEntryMissingError(`No stored repository has the key ${key}; reload the cache list.`);
  rejectWhenBusy(manifest, 'delete');
  await deleteRepo(manifest);
  await sweepOrphanChunks();
}

/**
 * Discards a pending download and the chunks it stored (except those another record lists). Throws
 * a CacheBusyError while that commit downloads; does nothing for an unknown key.
 */
export async function discardDownload(key: string): Promise<void> {
  const pending = await getPending(key);
  if (!pending) return;
  rejectWhenBusy(pending, 'discard the download of');
  await discardPending(pending);
  await sweepOrphanChunks();
}

/** The result of reading one stored file back and hashing it. */
export interface StoredFileCheck {
  path: string;
  size: number;
  bytesRead: number;
  /** sha256 of the stored bytes, whatever the listing names. */
  sha256: string;
  /** How the listing lets the file be checked. */
  method: 'sha256' | 'git-blob' | 'size';
  expected: string | null;
  ok: boolean;
  /** Why the check failed, in words; null when it passed. */
  problem: string | null;
}

/** Reads one stored file chunk by chunk and checks it against its listed size and hash. */
export async function checkStoredFile(id: StoredRepoId, file: ListedFile & { chunks: number }): Promise<StoredFileCheck> {
  const key = fileKey(id, file.path);
  const contentHash = sha256.create();
  const blobHash = sha1.create().update(new TextEncoder().encode(`blob ${file.size}\0`));
  let bytesRead = 0;
  let missing: number | null = null;
  for (let index = 0; index < file.chunks; index++) {
    const chunk = await getChunk(key, index);
    if (!chunk) {
      missing = index;
      break;
    }
    contentHash.update(chunk);
    blobHash.update(chunk);
    bytesRead += chunk.byteLength;
  }
  const actualSha256 = bytesToHex(contentHash.digest());
  const method = file.sha256 ? 'sha256' : file.gitOid ? 'git-blob' : 'size';
  const expected = file.sha256 ?? file.gitOid;
  const actual = method === 'sha256' ? actualSha256 : method === 'git-blob' ? bytesToHex(blobHash.digest()) : null;
  let problem: string | null = null;
  if (missing !== null) problem = `chunk ${missing} of ${file.chunks} is missing`;
  else if (bytesRead !== file.size) problem = `${bytesRead} bytes stored, expected ${file.size}`;
  else if (actual !== null && actual !== expected) problem = `${method} ${actual}, expected ${expected}`;
  return { path: file.path, size: file.size, bytesRead, sha256: actualSha256, method, expected, ok: problem === null, problem };
}

/** Reads back every file of a stored repository and checks it. Throws a CacheEntryMissingError for an unknown key. */
export async function verifyCachedRepo(key: string): Promise<StoredFileCheck[]> {
  const manifest = await getManifest(key);
  if (!manifest) throw new CacheEntryMissingError(`No stored repository has the key ${key}; reload the cache list.`);
  const checks: StoredFileCheck[] = [];
  for (const file of manifest.files) checks.push(await checkStoredFile(manifest, file));
  return checks;
}
