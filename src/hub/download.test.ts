import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLED_HUB_DIR, endpointUrl } from '../cli/nodeRepos';
import { fileFetch } from '../cli/fileFetch';
import { ensureRepo, readStoredFile, type DownloadProgress } from './download';
import { selectModelFiles } from './modelFiles';
import { listManifests } from './store';
import { sha256Hex } from './verify';

function request(repo: string, revision = 'main') {
  return {
    endpointKey: 'bundled',
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

describe('ensureRepo', () => {
  it('downloads, verifies and stores a model, with progress that never goes down', async () => {
    const { doFetch } = countingFetch();
    const events: DownloadProgress[] = [];
    const manifest = await ensureRepo(request('bundled/tiny-frozen'), { fetch: doFetch, onProgress: (p) => events.push(p) });
    expect(manifest.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(manifest.files.map((f) => f.path)).toContain('onnx/model.onnx');

    const loaded = events.flatMap((e) => (e.status === 'downloading' ? [e.loaded] : []));
    for (let i = 1; i < loaded.length; i++) expect(loaded[i]!).toBeGreaterThanOrEqual(loaded[i - 1]!);
    const last = events.at(-1)!;
    expect(last.status).toBe('ready');

    const onnx = await readStoredFile(manifest, 'onnx/model.onnx');
    const entry = manifest.files.find((f) => f.path === 'onnx/model.onnx')!;
    expect(await sha256Hex(onnx!)).toBe(entry.sha256);
  });

  it('makes no request for a model already stored', async () => {
    await ensureRepo(request('bundled/tiny-frozen'), { fetch: fileFetch });
    const { doFetch, calls } = countingFetch();
    const manifest = await ensureRepo(request('bundled/tiny-frozen'), { fetch: doFetch });
    expect(calls).toEqual([]);
    expect(manifest.repo).toBe('bundled/tiny-frozen');
  });

  it('detects a corrupted file and fetches it again', async () => {
    const { doFetch, calls } = countingFetch('onnx/model.onnx');
    const manifest = await ensureRepo(request('bundled/tiny-trainable'), { fetch: doFetch });
    expect(calls.filter((c) => c.endsWith('onnx/model.onnx'))).toHaveLength(2);
    const entry = manifest.files.find((f) => f.path === 'onnx/model.onnx')!;
    expect(await sha256Hex((await readStoredFile(manifest, 'onnx/model.onnx'))!)).toBe(entry.sha256);
  });

  it('writes no manifest when a file stays corrupt', async () => {
    // The commit id is a revision of its own, so this request has no manifest yet.
    const info = JSON.parse(readFileSync(join(BUNDLED_HUB_DIR, 'api/models/bundled/tiny-trainable/revision/main'), 'utf8'));
    const corruptConfig: typeof fetch = async (input, init) => {
      const response = await fileFetch(input, init);
      if (!String(input).endsWith('/config.json')) return response;
      const bytes = new Uint8Array(await response.arrayBuffer());
      bytes[0] = bytes[0]! ^ 0xff;
      return new Response(bytes, { status: response.status, headers: response.headers });
    };
    await expect(ensureRepo(request('bundled/tiny-trainable', info.sha), { fetch: corruptConfig })).rejects.toThrow(/integrity check/);
    const keys = (await listManifests()).map((m) => m.key);
    expect(keys.some((k) => k.includes(info.sha))).toBe(false);
  });

  it('names the missing repository in a 404 error', async () => {
    await expect(ensureRepo(request('bundled/no-such-model'), { fetch: fileFetch })).rejects.toThrow(/not found \(HTTP 404\)/);
  });
});
