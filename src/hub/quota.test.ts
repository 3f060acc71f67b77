import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HubRepo, ServedFile } from '../../e2e/hub-server/repos';
import { startHubServer, type HubServer } from '../../e2e/hub-server/server';
import { ensureRepo, findCachedRepo, findPendingDownload } from './download';
import * as store from './store';
import { largeRepo, testRequest } from './testing';

const GIB = 2 ** 30;

/** A repository listing one 1.5 GiB file whose bytes are never served. */
function hugeRepo(id: string): HubRepo {
  const file: ServedFile = {
    path: 'onnx/model.onnx', size: 1.5 * GIB, oid: 'e'.repeat(40), lfsSha256: 'f'.repeat(64), xetHash: null, hideLfs: false,
    read: () => Promise.reject(new Error('not served')),
  };
  return { kind: 'model', id, commits: new Map([['1'.repeat(40), new Map([[file.path, file]])]]), refs: new Map([['main', '1'.repeat(40)]]), token: null };
}

describe('storage quota', () => {
  let hub: HubServer;
  beforeAll(async () => {
    hub = await startHubServer();
  });
  afterAll(async () => {
    await hub.close();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('goes ahead when the estimate is a fixed number of GiB', async () => {
    hub.addRepo(hugeRepo('org/huge'));
    vi.stubGlobal('navigator', { storage: { estimate: async () => ({ quota: 1000 + GIB, usage: 1000 }) } });
    const controller = new AbortController();
    const download = ensureRepo(testRequest(hub.url, 'org/huge'), {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.status === 'downloading') controller.abort();
      },
    });
    await expect(download).rejects.toThrow(/cancelled/);
  });

  it('names the sizes when a write finds the storage full', async () => {
    hub.addRepo(largeRepo('org/disk-full', 31));
    const request = testRequest(hub.url, 'org/disk-full');
    const putChunk = store.putChunk;
    let writes = 0;
    vi.spyOn(store, 'putChunk').mockImplementation(async (file, index, bytes) => {
      writes++;
      if (writes > 2) throw new store.StorageError('Saving onnx/model.onnx', new DOMException('full', 'QuotaExceededError'));
      return putChunk(file, index, bytes);
    });
    await expect(ensureRepo(request)).rejects.toThrow(
      /The browser's storage for this site is full: org\/disk-full stopped after 8\.4 MB of 16\.8 MB, so 8\.4 MB more are needed\..*then Resume; or Discard/,
    );
    expect(await findCachedRepo(request)).toBeNull();
    expect(await findPendingDownload(request)).not.toBeNull();
  });
});
