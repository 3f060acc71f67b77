import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildRepo, seededBytes } from '../../e2e/hub-server/repos';
import { startHubServer, type HubServer } from '../../e2e/hub-server/server';
import { fetchRange, parseContentRange, type RangeRequest } from './rangeFetch';
import { FAST_RETRIES } from './testing';

const CONTENT = seededBytes(100_000, 42);

describe('parseContentRange', () => {
  it('reads start, end and size', () => {
    expect(parseContentRange('bytes 10-19/100')).toEqual({ start: 10, end: 19, size: 100 });
    expect(parseContentRange('bytes 0-0/*')).toEqual({ start: 0, end: 0, size: null });
    expect(parseContentRange(null)).toBeNull();
  });
});

describe('fetchRange', () => {
  let hub: HubServer;
  beforeAll(async () => {
    hub = await startHubServer({
      repos: [
        buildRepo({ id: 'org/r', files: { 'w.bin': { content: CONTENT, storage: 'lfs' }, 'plain.txt': { content: CONTENT, storage: 'git' } } }),
        buildRepo({ id: 'org/gated', files: { 'w.bin': CONTENT }, token: 'hf_ok' }),
      ],
    });
  });
  afterAll(async () => {
    await hub.close();
  });
  afterEach(() => {
    hub.clearFaults();
    hub.clearRequests();
  });

  function range(path: string, start: number, end: number, repo = 'org/r', token: string | null = null): RangeRequest {
    return { url: `${hub.url}/${repo}/resolve/main/${path}`, endpoint: hub.url, token, path, fileSize: CONTENT.byteLength, start, end };
  }

  it('returns the bytes asked for through the redirect', async () => {
    const bytes = await fetchRange(range('w.bin', 1000, 1999), {}, () => undefined);
    expect(bytes).toEqual(CONTENT.subarray(1000, 2000));
    expect(hub.requests.map((r) => r.server)).toEqual(['hub', 'storage']);
  });

  it('asks only for the missing bytes after a cut', async () => {
    hub.addFault({ server: 'storage', fault: { kind: 'cut', afterBytes: 300 } });
    const bytes = await fetchRange(range('w.bin', 1000, 1999), FAST_RETRIES, () => undefined);
    expect(bytes).toEqual(CONTENT.subarray(1000, 2000));
    expect(hub.requests.filter((r) => r.server === 'storage').map((r) => r.range)).toEqual(['bytes=1000-1999', 'bytes=1300-1999']);
  });

  it('keeps reporting bytes that arrive across attempts', async () => {
    hub.addFault({ server: 'hub', fault: { kind: 'cut', afterBytes: 500 } });
    const seen: number[] = [];
    await fetchRange(range('plain.txt', 0, 9999), FAST_RETRIES, (n) => seen.push(n));
    expect(seen).toContain(500);
    expect(seen.at(-1)).toBe(10_000);
  });

  it('retries a 503 and then succeeds', async () => {
    hub.addFault({ server: 'storage', times: 2, fault: { kind: 'status', status: 503 } });
    expect(await fetchRange(range('w.bin', 0, 99), FAST_RETRIES, () => undefined)).toEqual(CONTENT.subarray(0, 100));
  });

  it('fails at once on a 404 with words', async () => {
    await expect(fetchRange(range('missing.bin', 0, 9), FAST_RETRIES, () => undefined)).rejects.toThrow(/missing\.bin: not found \(HTTP 404\)/);
    expect(hub.requests).toHaveLength(1);
  });

  it('sends the token to the Hub and not to the storage host', async () => {
    await fetchRange(range('w.bin', 0, 9, 'org/gated', 'hf_ok'), {}, () => undefined);
    expect(hub.requests.map((r) => [r.server, r.bearer])).toEqual([['hub', 'hf_ok'], ['storage', null]]);
  });

  it('says what to do after a stall outlasts every attempt', async () => {
    hub.addFault({ server: 'storage', times: Infinity, fault: { kind: 'stall', afterBytes: 0 } });
    await expect(fetchRange(range('w.bin', 0, 99), { ...FAST_RETRIES, maxAttempts: 2, idleTimeoutMs: 150 }, () => undefined)).rejects.toThrow(
      /w\.bin: timed out, no data arrived .* for 0\.15 s \(2 attempts\).*The chunks stored so far are kept/,
    );
  });

  it('slices the whole answer of a server that ignores Range', async () => {
    const ignoresRange: typeof fetch = async () => new Response(CONTENT, { status: 200 });
    const bytes = await fetchRange(range('w.bin', 5000, 5099), { fetch: ignoresRange }, () => undefined);
    expect(bytes).toEqual(CONTENT.subarray(5000, 5100));
  });

  it('rejects an answer for the wrong range and retries', async () => {
    let calls = 0;
    const wrongFirst: typeof fetch = async (input, init) => {
      calls++;
      if (calls === 1) return new Response(CONTENT.subarray(0, 10), { status: 206, headers: { 'Content-Range': `bytes 0-9/${CONTENT.byteLength}` } });
      return fetch(input, init);
    };
    const bytes = await fetchRange(range('plain.txt', 10, 19), { ...FAST_RETRIES, fetch: wrongFirst }, () => undefined);
    expect(bytes).toEqual(CONTENT.subarray(10, 20));
    expect(calls).toBe(2);
  });
});
