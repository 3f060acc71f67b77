import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../e2e/hub-server/repos';
import { startHubServer, type HubServer } from '../../e2e/hub-server/server';
import { deleteCachedRepo, discardDownload, findPendingSummary, listCache, verifyCachedRepo } from './cache';
import { ensureRepo, findCachedRepo, readStoredFile } from './download';
import { CHUNK_SIZE, fileKey, listChunkKeys, putChunk } from './store';
import { FAST_RETRIES, LARGE_FILE_SIZE, largeRepo, testRequest } from './testing';

describe('cache manager', () => {
  let hub: HubServer;
  beforeAll(async () => {
    hub = await startHubServer();
  });
  afterAll(async () => {
    await hub.close();
  });
  afterEach(() => {
    hub.clearFaults();
    hub.clearRequests();
  });

  async function interrupted(id: string, seed: number) {
    hub.addRepo(largeRepo(id, seed));
    const request = testRequest(hub.url, id);
    hub.addFault({ server: 'storage', rangeFrom: CHUNK_SIZE, times: Infinity, fault: { kind: 'status', status: 500 } });
    await expect(ensureRepo(request, { ...FAST_RETRIES, maxAttempts: 1 })).rejects.toThrow(/HTTP 500/);
    hub.clearFaults();
    return request;
  }

  it('lists a stored repository with its size, commit and date', async () => {
    const repo = largeRepo('org/listed', 21);
    hub.addRepo(repo);
    const request = testRequest(hub.url, 'org/listed');
    const manifest = await ensureRepo(request);
    const entry = (await listCache()).repos.find((r) => r.key === manifest.key)!;
    expect(entry.repo).toBe('org/listed');
    expect(entry.revision).toBe('main');
    expect(entry.commit).toBe(repo.refs.get('main'));
    expect(entry.bytes).toBe(LARGE_FILE_SIZE + manifest.files[0]!.size);
    expect(Date.parse(entry.completedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(entry.sharedWith).toBe(0);
  });

  it('shows how far an interrupted download got', async () => {
    const request = await interrupted('org/partial', 22);
    const summary = (await listCache()).pending.find((p) => p.repo === 'org/partial')!;
    const config = summary.files.find((f) => f.path === 'config.json')!;
    expect(config.stored).toBe(config.size);
    expect(summary.files.find((f) => f.path === 'onnx/model.onnx')!.stored).toBe(CHUNK_SIZE);
    expect(summary.bytesStored).toBe(CHUNK_SIZE + config.size);
    expect(summary.bytesTotal).toBe(LARGE_FILE_SIZE + config.size);
    expect(await findPendingSummary(summary.key)).toEqual(summary);
    expect(await findCachedRepo(request)).toBeNull();
  });

  it('discards an interrupted download and its chunks', async () => {
    const request = await interrupted('org/discarded', 23);
    const summary = (await findPendingSummary((await listCache()).pending.find((p) => p.repo === 'org/discarded')!.key))!;
    await discardDownload(summary.key);
    expect(await findPendingSummary(summary.key)).toBeNull();
    expect((await listChunkKeys()).filter((k) => k.startsWith(`${request.endpointKey}|`))).toEqual([]);
  });

  it('verifies stored bytes against the listed hashes', async () => {
    const repo = largeRepo('org/verified', 24);
    hub.addRepo(repo);
    const manifest = await ensureRepo(testRequest(hub.url, 'org/verified'));
    const checks = await verifyCachedRepo(manifest.key);
    expect(checks.map((c) => [c.path, c.method, c.ok])).toEqual([
      ['config.json', 'git-blob', true],
      ['onnx/model.onnx', 'sha256', true],
    ]);
    const served = repo.commits.get(manifest.commit)!.get('onnx/model.onnx')!;
    expect(checks[1]!.sha256).toBe(served.lfsSha256);
    expect(checks[1]!.sha256).toBe(sha256Hex((await readStoredFile(manifest, 'onnx/model.onnx'))!));
  });

  it('reports a stored chunk that changed', async () => {
    hub.addRepo(largeRepo('org/tampered', 25));
    const manifest = await ensureRepo(testRequest(hub.url, 'org/tampered'));
    await putChunk(fileKey(manifest, 'onnx/model.onnx'), 1, new Uint8Array(CHUNK_SIZE));
    const check = (await verifyCachedRepo(manifest.key)).find((c) => c.path === 'onnx/model.onnx')!;
    expect(check.ok).toBe(false);
    expect(check.problem).toMatch(/^sha256 [0-9a-f]{64}, expected [0-9a-f]{64}$/);
  });

  it('deletes one revision and keeps another of the same commit working', async () => {
    const repo = largeRepo('org/two-revisions', 26);
    hub.addRepo(repo);
    const byBranch = testRequest(hub.url, 'org/two-revisions');
    const first = await ensureRepo(byBranch);
    const second = await ensureRepo({ ...byBranch, revision: first.commit });
    expect((await listCache()).repos.find((r) => r.key === first.key)!.sharedWith).toBe(1);
    await deleteCachedRepo(first.key);
    expect(await findCachedRepo(byBranch)).toBeNull();
    expect((await verifyCachedRepo(second.key)).every((c) => c.ok)).toBe(true);
  });

  it('refuses to discard a download that is running', async () => {
    hub.addRepo(largeRepo('org/busy', 27));
    const request = testRequest(hub.url, 'org/busy');
    hub.addFault({ server: 'storage', rangeFrom: CHUNK_SIZE, fault: { kind: 'stall' } });
    const controller = new AbortController();
    let reachedStall!: () => void;
    const stalled = new Promise<void>((resolve) => (reachedStall = resolve));
    const running = ensureRepo(request, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.status === 'downloading' && p.loaded >= CHUNK_SIZE) reachedStall();
      },
    });
    await stalled;
    const key = (await listCache()).pending.find((p) => p.repo === 'org/busy')!.key;
    await expect(discardDownload(key)).rejects.toThrow(/Cannot discard the download of org\/busy while it is downloading.*Cancel the download/);
    controller.abort();
    await expect(running).rejects.toThrow(/cancelled/);
    await discardDownload(key);
    expect(await findPendingSummary(key)).toBeNull();
  });

  it('names an unknown key', async () => {
    await expect(verifyCachedRepo('nope')).rejects.toThrow(/No stored repository has the key nope/);
    await expect(deleteCachedRepo('nope')).rejects.toThrow(/reload the cache list/);
  });
});
