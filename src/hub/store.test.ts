import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  commitManifest,
  deleteRepo,
  discardPending,
  fileKey,
  getChunk,
  getManifest,
  getPartial,
  getPending,
  listChunkKeys,
  putChunk,
  putPartial,
  putPending,
  sweepOrphanChunks,
  type PendingDownload,
  type RepoManifest,
  type StoredRepoId,
} from './store';

let repoCount = 0;

/** A fresh repository id at one commit, so tests never share records. */
function freshId(): StoredRepoId {
  repoCount++;
  return { endpoint: 'https://hub.test', kind: 'model', repo: `org/store-${repoCount}`, commit: String(repoCount).padStart(40, '0') };
}

const FILES = [
  { path: 'config.json', size: 3, sha256: null, gitOid: 'a'.repeat(40) },
  { path: 'onnx/model.onnx', size: 5, sha256: 'b'.repeat(64), gitOid: null },
];

function manifestOf(id: StoredRepoId, revision: string, files = FILES): RepoManifest {
  return { ...id, key: `${id.endpoint}|model|${id.repo}|${revision}|fp32`, revision, dtype: 'fp32', files: files.map((f) => ({ ...f, chunks: 1 })), completedAt: '2026-01-01T00:00:00.000Z' };
}

function pendingOf(id: StoredRepoId, revision: string, files = FILES): PendingDownload {
  return { ...id, key: `${id.endpoint}|model|${id.repo}|${revision}|fp32`, revision, dtype: 'fp32', files, startedAt: '2026-01-01T00:00:00.000Z' };
}

async function storeFiles(id: StoredRepoId, files = FILES): Promise<void> {
  for (const file of files) await putChunk(fileKey(id, file.path), 0, new Uint8Array(file.size));
}

async function chunksOf(id: StoredRepoId): Promise<string[]> {
  const prefix = fileKey(id, '');
  return (await listChunkKeys()).filter((k) => k.startsWith(prefix)).sort();
}

describe('commitManifest', () => {
  it('turns a pending download into a manifest at once', async () => {
    const id = freshId();
    const pending = pendingOf(id, 'main');
    await putPending(pending);
    await putPartial(fileKey(id, 'config.json'), { chunkSize: 8, chunksStored: 1, bytesStored: 3, size: 3, verified: true });
    await commitManifest(manifestOf(id, 'main'));
    expect(await getManifest(pending.key)).toBeDefined();
    expect(await getPending(pending.key)).toBeUndefined();
    expect(await getPartial(fileKey(id, 'config.json'))).toBeUndefined();
  });
});

describe('deleteRepo', () => {
  it('deletes the manifest and its chunks', async () => {
    const id = freshId();
    await storeFiles(id);
    const manifest = manifestOf(id, 'main');
    await commitManifest(manifest);
    await deleteRepo(manifest);
    expect(await getManifest(manifest.key)).toBeUndefined();
    expect(await chunksOf(id)).toEqual([]);
  });

  it('keeps chunks another revision of the same commit lists', async () => {
    const id = freshId();
    await storeFiles(id);
    const byBranch = manifestOf(id, 'main');
    const byCommit = manifestOf(id, id.commit);
    await commitManifest(byBranch);
    await commitManifest(byCommit);
    await deleteRepo(byBranch);
    expect(await getManifest(byCommit.key)).toBeDefined();
    expect(await chunksOf(id)).toHaveLength(2);
    expect(await getChunk(fileKey(id, 'onnx/model.onnx'), 0)).toBeDefined();
  });

  it('deletes only the files no other manifest lists', async () => {
    const id = freshId();
    await storeFiles(id);
    const full = manifestOf(id, 'main');
    const configOnly = manifestOf(id, 'v1', [FILES[0]!]);
    await commitManifest(full);
    await commitManifest(configOnly);
    await deleteRepo(full);
    expect(await chunksOf(id)).toEqual([`${fileKey(id, 'config.json')}#0`]);
  });

  it('keeps chunks a pending download of the same commit lists', async () => {
    const id = freshId();
    await storeFiles(id);
    const manifest = manifestOf(id, 'main');
    await commitManifest(manifest);
    await putPending(pendingOf(id, 'v2'));
    await deleteRepo(manifest);
    expect(await chunksOf(id)).toHaveLength(2);
  });

  it('leaves another commit of the same repository alone', async () => {
    const id = freshId();
    const other = { ...id, commit: 'f'.repeat(40) };
    await storeFiles(id);
    await storeFiles(other);
    const manifest = manifestOf(id, 'main');
    await commitManifest(manifest);
    await commitManifest(manifestOf(other, 'old'));
    await deleteRepo(manifest);
    expect(await chunksOf(other)).toHaveLength(2);
  });
});

describe('discardPending', () => {
  it('deletes the record, its chunks and their download state', async () => {
    const id = freshId();
    const pending = pendingOf(id, 'main');
    await putPending(pending);
    await putChunk(fileKey(id, 'onnx/model.onnx'), 0, new Uint8Array(5));
    await putPartial(fileKey(id, 'onnx/model.onnx'), { chunkSize: 8, chunksStored: 1, bytesStored: 5, size: 5 });
    await discardPending(pending);
    expect(await getPending(pending.key)).toBeUndefined();
    expect(await getPartial(fileKey(id, 'onnx/model.onnx'))).toBeUndefined();
    expect(await chunksOf(id)).toEqual([]);
  });

  it('keeps the chunks of a stored manifest of the same commit', async () => {
    const id = freshId();
    await storeFiles(id);
    await commitManifest(manifestOf(id, 'main'));
    const pending = pendingOf(id, 'v3');
    await putPending(pending);
    await discardPending(pending);
    expect(await chunksOf(id)).toHaveLength(2);
  });
});

describe('sweepOrphanChunks', () => {
  it('deletes chunks no record lists and keeps the rest', async () => {
    const kept = freshId();
    const orphan = freshId();
    await storeFiles(kept);
    await commitManifest(manifestOf(kept, 'main'));
    const pendingId = freshId();
    await storeFiles(pendingId);
    await putPending(pendingOf(pendingId, 'main'));
    await storeFiles(orphan);
    expect(await sweepOrphanChunks()).toBeGreaterThanOrEqual(2);
    expect(await chunksOf(orphan)).toEqual([]);
    expect(await chunksOf(kept)).toHaveLength(2);
    expect(await chunksOf(pendingId)).toHaveLength(2);
  });
});
