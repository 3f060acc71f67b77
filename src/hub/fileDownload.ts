/**
 * Downloads one file of a repository into IndexedDB chunk by chunk, hashing while it streams. The
 * download state after each chunk lets a later call resume from the last stored chunk; a file whose
 * hash does not match is deleted and fetched once more before the download fails.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { RequestPolicy } from './http';
import { fetchRange } from './rangeFetch';
import { CHUNK_SIZE, chunkCount, deleteChunks, deletePartial, getChunk, getPartial, putChunk, putPartial, type ListedFile } from './store';
import { IntegrityError } from './verify';

/** Where a file comes from and where it goes. */
export interface FileSource {
  /** The file's resolve URL at the pinned commit. */
  url: string;
  /** Base URL of the endpoint: the only origin the token is sent to. */
  endpoint: string;
  token: string | null;
  /** Key prefix of the file's chunks and download state (`fileKey`). */
  key: string;
}

/** Receives a file's stored bytes: `loaded` bytes are stored or arriving, `fetched` came over the network just now. */
export type FileProgressSink = (loaded: number, fetched: number, force: boolean) => void;

/** Incremental hash of a file's content, as the listing names it. */
export interface ContentHasher {
  update(bytes: Uint8Array): void;
  /** Throws an IntegrityError when the digest differs from the listed one. */
  check(): void;
}

/** Creates the hasher of a file's listed hash: sha256 for LFS and Xet files, git's blob id otherwise; null when the listing names neither. */
export function createHasher(file: ListedFile): ContentHasher | null {
  if (file.sha256) {
    const expected = file.sha256;
    const hash = sha256.create();
    return {
      update: (bytes) => hash.update(bytes),
      check: () => {
        const actual = bytesToHex(hash.digest());
        if (actual !== expected) throw new IntegrityError(file.path, `sha256 ${actual}, expected ${expected}`);
      },
    };
  }
  if (file.gitOid) {
    const expected = file.gitOid;
    const hash = sha1.create();
    hash.update(new TextEncoder().encode(`blob ${file.size}\0`));
    return {
      update: (bytes) => hash.update(bytes),
      check: () => {
        const actual = bytesToHex(hash.digest());
        if (actual !== expected) throw new IntegrityError(file.path, `git blob id ${actual}, expected ${expected}`);
      },
    };
  }
  return null;
}

/**
 * Stores the file and verifies it, resuming from stored chunks; a corrupt copy is deleted and
 * fetched once more. Returns the chunk count. Throws a HubError, IntegrityError, StorageError or
 * AbortError; on any of them the file's stored chunks stay only if they passed so far unverified,
 * never as a verified file.
 */
export async function downloadVerifiedFile(file: ListedFile, source: FileSource, policy: RequestPolicy, progress: FileProgressSink): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await downloadFile(file, source, policy, progress);
    } catch (error) {
      if (!(error instanceof IntegrityError) || attempt > 0) throw error;
      progress(0, 0, true);
    }
  }
}

/** Deletes whatever is stored of the file: its chunks and its download state. */
async function resetFile(file: ListedFile, key: string, chunkSize: number, chunksStored: number): Promise<void> {
  await deleteChunks(key, Math.max(chunksStored, chunkCount(file.size, chunkSize)));
  await deletePartial(key);
}

/**
 * Feeds the stored chunks 0..count-1 to the hasher one at a time, so a large file never sits in
 * memory whole. Returns false when a chunk is missing.
 */
async function rehashStored(key: string, count: number, hasher: ContentHasher | null): Promise<boolean> {
  for (let index = 0; index < count; index++) {
    const chunk = await getChunk(key, index);
    if (!chunk) return false;
    hasher?.update(chunk);
  }
  return true;
}

async function downloadFile(file: ListedFile, source: FileSource, policy: RequestPolicy, progress: FileProgressSink): Promise<number> {
  const chunks = chunkCount(file.size);
  let partial = await getPartial(source.key);
  if (partial?.verified && partial.size === file.size && partial.chunkSize === CHUNK_SIZE) {
    progress(file.size, 0, true);
    return chunks;
  }

  const hasher = createHasher(file);
  if (partial && (partial.size !== file.size || partial.chunkSize !== CHUNK_SIZE)) {
    await resetFile(file, source.key, partial.chunkSize, partial.chunksStored);
    partial = undefined;
  }
  // Rehash what earlier sessions stored, so the check covers the whole file.
  if (partial && !(await rehashStored(source.key, partial.chunksStored, hasher))) {
    await resetFile(file, source.key, partial.chunkSize, partial.chunksStored);
    return downloadFile(file, source, policy, progress);
  }

  let stored = partial?.chunksStored ?? 0;
  let bytesStored = partial?.bytesStored ?? 0;
  progress(bytesStored, 0, true);
  while (stored < chunks) {
    const start = stored * CHUNK_SIZE;
    const end = Math.min(file.size, start + CHUNK_SIZE) - 1;
    const bytes =
      end < start
        ? new Uint8Array(0)
        : await fetchRange({ url: source.url, endpoint: source.endpoint, token: source.token, path: file.path, fileSize: file.size, start, end }, policy, (n) =>
            progress(bytesStored + n, 0, false),
          );
    hasher?.update(bytes);
    // The chunk goes first: a reload between the two writes only costs fetching this chunk again.
    await putChunk(source.key, stored, bytes);
    stored++;
    bytesStored += bytes.byteLength;
    await putPartial(source.key, { chunkSize: CHUNK_SIZE, chunksStored: stored, bytesStored, size: file.size });
    progress(bytesStored, bytes.byteLength, true);
  }

  try {
    if (bytesStored !== file.size) throw new IntegrityError(file.path, `${bytesStored} bytes, expected ${file.size}`);
    hasher?.check();
  } catch (error) {
    await resetFile(file, source.key, CHUNK_SIZE, stored);
    throw error;
  }
  await putPartial(source.key, { chunkSize: CHUNK_SIZE, chunksStored: stored, bytesStored, size: file.size, verified: true });
  return chunks;
}
