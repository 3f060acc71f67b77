import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLED_HUB_DIR, endpointUrl } from '../cli/nodeRepos';
import { fileFetch } from '../cli/fileFetch';
import { pushCommit, sha256Hex } from '../../e2e/hub-server/repos';
import { startHubServer, type HubServer } from '../../e2e/hub-server/server';
import { ensureRepo, findCachedRepo, findPendingDownload, readStoredFile, type DownloadProgress } from './download';
import { selectModelFiles } from './modelFiles';
import { CHUNK_SIZE, fileKey, getPartial, listChunkKeys, listManifests } from './store';
import { FAST_RETRIES, LARGE_FILE_SIZE, largeRepo, testRequest } from './testing';

let bundledCount = 0;
function bundledRequest(repo: string, revision = 'main') {
  bundledCount++;
  return {
    endpointKey: `bundled#test-${bundledCount}`,
    endpointUrl: endpointUrl('bundled'),
    kind: 'model' as const,
    repo,
    revision,
    dtype: 'fp32',
    pickFiles: (files: Parameters<typeof selectModelFiles>[0]) => selectModelFiles(files, 'fp32'),
  };
}

/** A fetch that counts requests and can corrupt the first answer for one path. */
function countingFetch(corruptPath?: string) {
  const calls: string[] = [];
  let corrupted = false;
  const doFetch: typeof fetch = async (input, init) => {
    const url = String(input);
    calls.push(url);
    const response = await fileFetch(url, init);
    if (corruptPath && !corrupted && url.endsWith(corruptPath)) {
      corrupted = true;
      const bytes = new Uint8Array(await response.arrayBuffer());
      bytes[10] = bytes[10]! ^ 0xff;
      return new Response(bytes, { status: response.status, headers: response.headers });
    }
    return response;
  };
  return { doFetch, calls };
}

describe('ensureRepo on the bundled hub', () => {
  it('downloads, verifies and stores a model, with progress that never goes down', async () => {
    const { doFetch } = countingFetch();
    const events: DownloadProgress[] = [];
    const manifest = await ensureRepo(bundledRequest('bundled/tiny-frozen'), { fetch: doFetch, onProgress: (p) => events.push(p) });
    expect(manifest.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(manifest.files.map((f) => f.path)).toContain('onnx/model.onnx');

    const loaded = events.flatMap((e) => (e.status === 'downloading' ? [e.loaded] : []));
    for (let i = 1; i < loaded.length; i++) expect(loaded[i]!).toBeGreaterThanOrEqual(loaded[i - 1]!);
    expect(events.at(-1)!.status).toBe('ready');

    const onnx = await readStoredFile(manifest, 'onnx/model.onnx');
    const entry = manifest.files.find((f) => f.path === 'onnx/model.onnx')!;
    expect(sha256Hex(onnx!)).toBe(entry.sha256);
  });

  it('makes no request for a model already stored', async () => {
    const request = bundledRequest('bundled/tiny-frozen');
    await ensureRepo(request, { fetch: fileFetch });
    const { doFetch, calls } = countingFetch();
    const manifest = await ensureRepo(request, { fetch: doFetch });
    expect(calls).toEqual([]);
    expect(manifest.repo).toBe('bundled/tiny-frozen');
  });

  it('detects a corrupted file and fetches it again', async () => {
    const { doFetch, calls } = countingFetch('onnx/model.onnx');
    const manifest = await ensureRepo(bundledRequest('bundled/tiny-trainable'), { fetch: doFetch });
    expect(calls.filter((c) => c.endsWith('onnx/model.onnx'))).toHaveLength(2);
    const entry = manifest.files.find((f) => f.path === 'onnx/model.onnx')!;
    expect(sha256Hex((await readStoredFile(manifest, 'onnx/model.onnx'))!)).toBe(entry.sha256);
  });

  it('writes no manifest when a file stays corrupt', async () => {
    const info = JSON.parse(readFileSync(join(BUNDLED_HUB_DIR, 'api/models/bundled/tiny-trainable/revision/main'), 'utf8')) as { sha: string };
    const corruptConfig: typeof fetch = async (input, init) => {
      const response = await fileFetch(input, init);
      if (!String(input).endsWith('/config.json')) return response;
      const bytes = new Uint8Array(await response.arrayBuffer());
      bytes[0] = bytes[0]! ^ 0xff;
      return new Response(bytes, { status: response.status, headers: response.headers });
    };
    const request = bundledRequest('bundled/tiny-trainable', info.sha);
    await expect(ensureRepo(request, { fetch: corruptConfig })).rejects.toThrow(/integrity check/);
    expect(await findCachedRepo(request)).toBeNull();
    const configKey = fileKey({ endpoint: request.endpointKey, kind: 'model', repo: request.repo, commit: info.sha }, 'config.json');
    expect((await listChunkKeys()).filter((k) => k.startsWith(configKey))).toEqual([]);
  });

  it('names the missing repository in a 404 error', async () => {
    await expect(ensureRepo(bundledRequest('bundled/no-such-model'), { fetch: fileFetch })).rejects.toThrow(/not found \(HTTP 404\)/);
  });
});

describe('ensureRepo on a test Hub', () => {
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
    vi.unstubAllGlobals();
  });

  function rangeStarts(path: string): number[] {
    return hub.requests.filter((r) => r.server === 'storage' && r.range && r.url.includes(path)).map((r) => Number(/bytes=(\d+)-/.exec(r.range!)![1]));
  }

  it('resumes after an interruption from the last stored chunk', async () => {
    const repo = largeRepo('org/resume', 1);
    hub.addRepo(repo);
    const request = testRequest(hub.url, 'org/resume');
    const sha = repo.commits.get(repo.refs.get('main')!)!.get('onnx/model.onnx')!.lfsSha256!;

    // The second chunk stalls; cancelling then stands in for a reload in the middle of the download.
    hub.addFault({ server: 'storage', rangeFrom: CHUNK_SIZE, fault: { kind: 'stall' } });
    const controller = new AbortController();
    const first = ensureRepo(request, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.status === 'downloading' && p.loaded >= CHUNK_SIZE) controller.abort();
      },
    });
    await expect(first).rejects.toThrow(/cancelled/);
    expect(await findCachedRepo(request)).toBeNull();
    const pending = await findPendingDownload(request);
    expect(pending?.commit).toBe(repo.refs.get('main'));

    hub.clearFaults();
    hub.clearRequests();
    const manifest = await ensureRepo(request);
    expect(rangeStarts('/lfs/')[0]).toBe(CHUNK_SIZE);
    expect(rangeStarts('/lfs/')).not.toContain(0);
    expect(hub.requests.some((r) => r.url.includes('/api/'))).toBe(false);
    expect(sha256Hex((await readStoredFile(manifest, 'onnx/model.onnx'))!)).toBe(sha);
    expect(await findPendingDownload(request)).toBeNull();
  });

  it('resumes a dropped connection inside a chunk', async () => {
    const repo = largeRepo('org/cut', 2);
    hub.addRepo(repo);
    hub.addFault({ server: 'storage', rangeFrom: CHUNK_SIZE, fault: { kind: 'cut', afterBytes: 1_000_000 } });
    const manifest = await ensureRepo(testRequest(hub.url, 'org/cut'), FAST_RETRIES);
    expect(rangeStarts('/lfs/')).toEqual([0, CHUNK_SIZE, CHUNK_SIZE + 1_000_000, 2 * CHUNK_SIZE]);
    const entry = manifest.files.find((f) => f.path === 'onnx/model.onnx')!;
    expect(sha256Hex((await readStoredFile(manifest, 'onnx/model.onnx'))!)).toBe(entry.sha256);
  });

  it('fetches a file again after a corrupted chunk', async () => {
    hub.addRepo(largeRepo('org/corrupt-once', 3));
    hub.addFault({ server: 'storage', rangeFrom: CHUNK_SIZE, fault: { kind: 'corrupt', atByte: 99 } });
    const manifest = await ensureRepo(testRequest(hub.url, 'org/corrupt-once'), FAST_RETRIES);
    expect(rangeStarts('/lfs/')).toEqual([0, CHUNK_SIZE, 2 * CHUNK_SIZE, 0, CHUNK_SIZE, 2 * CHUNK_SIZE]);
    const entry = manifest.files.find((f) => f.path === 'onnx/model.onnx')!;
    expect(sha256Hex((await readStoredFile(manifest, 'onnx/model.onnx'))!)).toBe(entry.sha256);
  });

  it('leaves nothing cached when a file stays corrupt', async () => {
    hub.addRepo(largeRepo('org/corrupt-always', 4));
    hub.addFault({ server: 'storage', rangeFrom: CHUNK_SIZE, times: Infinity, fault: { kind: 'corrupt', atByte: 5 } });
    const request = testRequest(hub.url, 'org/corrupt-always');
    await expect(ensureRepo(request, FAST_RETRIES)).rejects.toThrow(/onnx\/model\.onnx failed its integrity check \(sha256 [0-9a-f]{64}, expected/);
    expect(await findCachedRepo(request)).toBeNull();
    const pending = (await findPendingDownload(request))!;
    expect(await getPartial(fileKey(pending, 'onnx/model.onnx'))).toBeUndefined();
    expect((await listChunkKeys()).filter((k) => k.includes('org/corrupt-always|') && k.includes('onnx/model.onnx'))).toEqual([]);
  });

  it('rejects a download larger than the free quota before writing', async () => {
    hub.addRepo(largeRepo('org/too-big', 5));
    const persist = vi.fn(async () => true);
    vi.stubGlobal('navigator', { storage: { persist, estimate: async () => ({ quota: 10_000_000, usage: 2_000_000 }) } });
    const request = testRequest(hub.url, 'org/too-big');
    await expect(ensureRepo(request)).rejects.toThrow(/needs 16\.8 MB more, but the browser grants this site only 8\.0 MB \(quota 10\.0 MB, 2\.0 MB in use\).*Nothing was written/);
    expect(persist).toHaveBeenCalled();
    expect((await listChunkKeys()).filter((k) => k.includes('org/too-big|'))).toEqual([]);
    expect(await findPendingDownload(request)).toBeNull();
    expect(hub.requests.some((r) => r.url.includes('/resolve/'))).toBe(false);
  });

  it('counts stored chunks against the quota when resuming', async () => {
    hub.addRepo(largeRepo('org/quota-resume', 6));
    const request = testRequest(hub.url, 'org/quota-resume');
    hub.addFault({ server: 'storage', rangeFrom: CHUNK_SIZE, times: Infinity, fault: { kind: 'status', status: 503 } });
    await expect(ensureRepo(request, { ...FAST_RETRIES, maxAttempts: 2 })).rejects.toThrow(/HTTP 503, 2 attempts/);
    hub.clearFaults();
    // Free space for the missing 8.4 MB only: the first chunk is already stored.
    vi.stubGlobal('navigator', { storage: { estimate: async () => ({ quota: LARGE_FILE_SIZE - CHUNK_SIZE + 100_000, usage: 0 }) } });
    const manifest = await ensureRepo(request);
    expect(manifest.files).toHaveLength(2);
  });

  it('pins the commit a download started at', async () => {
    const repo = largeRepo('org/moving', 8);
    hub.addRepo(repo);
    const firstCommit = repo.refs.get('main')!;
    const request = testRequest(hub.url, 'org/moving');
    hub.addFault({ server: 'storage', rangeFrom: CHUNK_SIZE, fault: { kind: 'status', status: 404 } });
    await expect(ensureRepo(request, FAST_RETRIES)).rejects.toThrow(/not found \(HTTP 404\)/);
    pushCommit(repo, { 'config.json': '{"model_type":"gpt2","changed":true}' });
    const manifest = await ensureRepo(request);
    expect(manifest.commit).toBe(firstCommit);
    expect(manifest.revision).toBe('main');
  });

  it('reuses the chunks of a stored revision of the same commit', async () => {
    const repo = largeRepo('org/shared', 9);
    hub.addRepo(repo);
    const commit = repo.refs.get('main')!;
    const byBranch = testRequest(hub.url, 'org/shared');
    await ensureRepo(byBranch);
    hub.clearRequests();
    const byCommit = { ...byBranch, revision: commit };
    const manifest = await ensureRepo(byCommit);
    expect(manifest.commit).toBe(commit);
    expect(hub.requests.filter((r) => r.url.includes('/resolve/'))).toEqual([]);
    expect((await listManifests()).filter((m) => m.repo === 'org/shared')).toHaveLength(2);
  });

  it('runs concurrent downloads of one commit one after the other', async () => {
    hub.addRepo(largeRepo('org/twice', 10));
    const request = testRequest(hub.url, 'org/twice');
    const [a, b] = await Promise.all([ensureRepo(request), ensureRepo(request)]);
    expect(a.commit).toBe(b.commit);
    expect(rangeStarts('/lfs/')).toEqual([0, CHUNK_SIZE, 2 * CHUNK_SIZE]);
  });
});
