import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildRepo, pushCommit } from '../../e2e/hub-server/repos';
import { startHubServer, type HubServer } from '../../e2e/hub-server/server';
import { describeHttpFailure, HubError, hubHeaders, listFiles, parseTreeEntry, resolveCommit, resolveRevision } from './client';
import { FAST_RETRIES } from './testing';

describe('parseTreeEntry', () => {
  const sha = 'a'.repeat(64);

  it('reads a plain git file with its blob id', () => {
    const file = parseTreeEntry({ type: 'file', oid: 'b'.repeat(40), size: 12, path: 'config.json' });
    expect(file).toEqual({ path: 'config.json', size: 12, gitOid: 'b'.repeat(40), sha256: null, xetHash: null });
  });

  it('reads an LFS file by its sha256, not its pointer id', () => {
    const file = parseTreeEntry({ type: 'file', oid: 'c'.repeat(40), size: 99, path: 'onnx/model.onnx', lfs: { oid: sha, size: 99, pointerSize: 134 } });
    expect(file?.sha256).toBe(sha);
    expect(file?.gitOid).toBeNull();
  });

  it('reads a Xet file listed with lfs and xetHash', () => {
    const file = parseTreeEntry({ type: 'file', oid: 'c'.repeat(40), size: 99, path: 'm.onnx', lfs: { oid: sha, size: 99 }, xetHash: 'd'.repeat(64) });
    expect(file?.sha256).toBe(sha);
    expect(file?.xetHash).toBe('d'.repeat(64));
    expect(file?.gitOid).toBeNull();
  });

  it('checks a Xet file without lfs by size only', () => {
    const file = parseTreeEntry({ type: 'file', oid: 'c'.repeat(40), size: 99, path: 'm.onnx', xetHash: 'd'.repeat(64) });
    expect(file?.sha256).toBeNull();
    expect(file?.gitOid).toBeNull();
  });

  it('skips folders and malformed entries', () => {
    expect(parseTreeEntry({ type: 'directory', oid: '0'.repeat(40), size: 0, path: 'onnx' })).toBeNull();
    expect(parseTreeEntry({ type: 'file', path: 'x' })).toBeNull();
    expect(parseTreeEntry('nonsense')).toBeNull();
  });
});

describe('hubHeaders', () => {
  it('sends the token to the endpoint origin', () => {
    expect(hubHeaders('https://hub.example/api/models/a/b', 'https://hub.example', 'hf_x').get('Authorization')).toBe('Bearer hf_x');
  });

  it('keeps the token from another origin', () => {
    expect(hubHeaders('https://cdn.example/file', 'https://hub.example', 'hf_x').has('Authorization')).toBe(false);
    expect(hubHeaders('https://hub.example:8443/x', 'https://hub.example', 'hf_x').has('Authorization')).toBe(false);
  });

  it('sends nothing without a token', () => {
    expect(hubHeaders('https://hub.example/x', 'https://hub.example', null).has('Authorization')).toBe(false);
  });
});

describe('describeHttpFailure', () => {
  const cases: [number, object, RegExp][] = [
    [401, {}, /requires an access token \(HTTP 401\).*set a token in Settings/],
    [401, { tokenSent: true }, /rejected the access token \(HTTP 401\).*Check the token in Settings/],
    [403, {}, /access denied \(HTTP 403\).*Accept the repository's terms/],
    [404, {}, /not found \(HTTP 404\) at https:\/\/x\/y.*Check the repository id/],
    [429, { retryAfterSeconds: 30 }, /rate-limiting requests \(HTTP 429\) and asked to wait 30 s\. Wait a minute/],
    [500, { attempts: 5 }, /the endpoint failed \(HTTP 500, 5 attempts\)\. Try again later/],
    [418, {}, /unexpected HTTP 418 from https:\/\/x\/y\. Check the endpoint/],
  ];
  for (const [status, context, expected] of cases) {
    it(`explains HTTP ${status}${Object.keys(context).length ? ` with ${Object.keys(context).join(', ')}` : ''}`, () => {
      expect(describeHttpFailure(status, 'File list of a/b', 'https://x/y', context)).toMatch(expected);
    });
  }
});

describe('Hub API calls on a test Hub', () => {
  let hub: HubServer;
  const ref = () => ({ endpoint: hub.url, kind: 'model' as const, repo: 'org/api' });
  beforeAll(async () => {
    const repo = buildRepo({ id: 'org/api', tags: ['v1.0'], files: { 'a.json': '{}', 'b/c.txt': 'c', 'b/d.txt': 'd', 'e.onnx': 'e', 'f.txt': 'f' } });
    pushCommit(repo, { 'g.txt': 'g' }, 'dev');
    hub = await startHubServer({ repos: [repo, buildRepo({ id: 'org/gated', files: { 'a.json': '{}' }, token: 'hf_right' })], treePageSize: 2 });
  });
  afterAll(async () => {
    await hub.close();
  });
  afterEach(() => {
    hub.clearFaults();
    hub.clearRequests();
  });

  it('resolves a branch, a tag and a commit to one commit id', async () => {
    const commit = await resolveCommit(ref(), 'main');
    expect(commit).toMatch(/^[0-9a-f]{40}$/);
    expect(await resolveCommit(ref(), 'v1.0')).toBe(commit);
    expect(await resolveCommit(ref(), commit)).toBe(commit);
    expect(await resolveCommit(ref(), 'dev')).not.toBe(commit);
  });

  it('lists every file across pages with sizes and hashes', async () => {
    const { commit, files } = await resolveRevision(ref(), 'main');
    expect(files.map((f) => f.path)).toEqual(['a.json', 'b/c.txt', 'b/d.txt', 'e.onnx', 'f.txt']);
    expect(files.find((f) => f.path === 'e.onnx')?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(files.find((f) => f.path === 'a.json')?.gitOid).toMatch(/^[0-9a-f]{40}$/);
    expect(hub.requests.filter((r) => r.url.includes(`/tree/${commit}`)).length).toBeGreaterThan(2);
  });

  it('sends the token to each page of a gated listing', async () => {
    const files = await listFiles({ endpoint: hub.url, kind: 'model', repo: 'org/gated' }, 'main', { token: 'hf_right' });
    expect(files).toHaveLength(1);
    expect(hub.requests.every((r) => r.bearer === 'hf_right')).toBe(true);
  });

  it('explains a missing token and a wrong one', async () => {
    const gated = { endpoint: hub.url, kind: 'model' as const, repo: 'org/gated' };
    await expect(resolveCommit(gated, 'main')).rejects.toThrow(/requires an access token \(HTTP 401\)/);
    await expect(resolveCommit(gated, 'main', { token: 'hf_wrong' })).rejects.toThrow(/rejected the access token \(HTTP 401\)/);
  });

  it('names a missing revision with its URL', async () => {
    const error = await resolveCommit(ref(), 'no-such-branch').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubError);
    expect((error as HubError).status).toBe(404);
    expect((error as HubError).message).toContain(`${hub.url}/api/models/org/api/revision/no-such-branch`);
  });

  it('waits out a 429 with Retry-After, then succeeds', async () => {
    hub.addFault({ path: '/revision/', fault: { kind: 'status', status: 429, retryAfter: 1 } });
    const started = Date.now();
    expect(await resolveCommit(ref(), 'main', FAST_RETRIES)).toMatch(/^[0-9a-f]{40}$/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('gives up on a lasting 429 with the wait asked for', async () => {
    hub.addFault({ path: '/revision/', times: Infinity, fault: { kind: 'status', status: 429, retryAfter: 0 } });
    await expect(resolveCommit(ref(), 'main', { ...FAST_RETRIES, maxAttempts: 3 })).rejects.toThrow(/rate-limiting requests \(HTTP 429, 3 attempts\)/);
  });

  it('gives up on a lasting 500 after its attempts', async () => {
    hub.addFault({ path: '/tree/', times: Infinity, fault: { kind: 'status', status: 500 } });
    await expect(resolveRevision(ref(), 'main', { ...FAST_RETRIES, maxAttempts: 2 })).rejects.toThrow(/File list of org\/api: the endpoint failed \(HTTP 500, 2 attempts\)/);
    expect(hub.requests.filter((r) => r.url.includes('/tree/'))).toHaveLength(2);
  });

  it('times out a stalled answer', async () => {
    hub.addFault({ path: '/revision/', times: Infinity, fault: { kind: 'stall' } });
    await expect(resolveCommit(ref(), 'main', { ...FAST_RETRIES, maxAttempts: 2, idleTimeoutMs: 200 })).rejects.toThrow(
      /Revision main of org\/api: timed out, no data arrived from .* for 0\.2 s \(2 attempts\)/,
    );
  });

  it('reports a web page in place of JSON as not found', async () => {
    const page = async () => new Response('<!doctype html><html></html>', { status: 200, headers: { 'content-type': 'text/html' } });
    const bundled = { endpoint: 'http://127.0.0.1:9/hub', kind: 'model' as const, repo: 'bundled/does-not-exist' };
    const failure = resolveCommit(bundled, 'main', { fetch: page });
    await expect(failure).rejects.toThrow(/not found at .* \(the server sent a web page instead of the Hub's JSON\)/);
    await expect(resolveCommit(bundled, 'main', { fetch: page })).rejects.toThrow(/the bundled hub has bundled\/tiny-frozen and bundled\/tiny-trainable/);
    await expect(resolveCommit(ref(), 'main', { fetch: page })).rejects.not.toThrow(/bundled hub/);
  });

  it('explains an endpoint that is not a Hub', async () => {
    hub.addFault({ path: '/revision/', fault: { kind: 'corrupt', atByte: 0 } });
    await expect(resolveCommit(ref(), 'main')).rejects.toThrow(/is not JSON\. Check that the endpoint in Settings is a Hugging Face Hub/);
  });
});
