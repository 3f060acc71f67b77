import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildRepo } from '../../../e2e/hub-server/repos';
import { startHubServer, type HubServer } from '../../../e2e/hub-server/server';
import type { ModelRun } from '../../engine/results';
import { ensureRepo, type DownloadProgress } from '../../hub/download';
import { listRecords } from '../../hub/store';
import { FAST_RETRIES, testRequest } from '../../hub/testing';
import { encodePermalink, toSharedView } from '../../share/permalink';
import { syntheticMmluRun } from '../../share/syntheticRuns';
import { tokenFor } from '../../worker/endpointAccess';
import { endpointProblem, useSettings } from './settingsStore';

const TOKEN = 'hf_privacyCheck_8d1e4b';

describe('access token privacy', () => {
  let hub: HubServer;
  const logged: string[] = [];
  beforeAll(async () => {
    hub = await startHubServer({ repos: [buildRepo({ id: 'org/private', token: TOKEN, files: { 'config.json': '{}', 'onnx/model.onnx': 'weights' } })] });
  });
  afterAll(async () => {
    await hub.close();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    hub.clearFaults();
  });

  function captureConsole(): void {
    for (const level of ['info', 'warn', 'error', 'log', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')));
    }
  }

  it('stays out of IndexedDB when set in Settings', async () => {
    useSettings.getState().setToken(TOKEN);
    useSettings.getState().setEndpoint(hub.url);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const { manifests, pending, partials } = await listRecords();
    expect(JSON.stringify({ manifests, pending, partials: [...partials] })).not.toContain(TOKEN);
    expect(useSettings.getState().token).toBe(TOKEN);
  });

  it('stays out of manifests, progress, errors and logs of a download', async () => {
    captureConsole();
    const events: DownloadProgress[] = [];
    const request = testRequest(hub.url, 'org/private', { token: TOKEN });
    hub.addFault({ server: 'storage', fault: { kind: 'status', status: 503 } });
    const manifest = await ensureRepo(request, { ...FAST_RETRIES, onProgress: (p) => events.push(p) });
    const failure = await ensureRepo({ ...request, repo: 'org/missing' }).catch((e: unknown) => e as Error);

    expect(hub.requests.some((r) => r.bearer === TOKEN)).toBe(true);
    expect(logged.some((line) => line.includes('retrying'))).toBe(true);
    expect(JSON.stringify(manifest)).not.toContain(TOKEN);
    expect(JSON.stringify(events)).not.toContain(TOKEN);
    expect(String(failure)).not.toContain(TOKEN);
    expect(logged.join('\n')).not.toContain(TOKEN);
    const { manifests, pending } = await listRecords();
    expect(JSON.stringify({ manifests, pending })).not.toContain(TOKEN);
  });

  it('stays out of a result and its share link', async () => {
    const manifest = await ensureRepo(testRequest(hub.url, 'org/private', { token: TOKEN }));
    const run: ModelRun = {
      ...syntheticMmluRun({ repo: 'org/private', protocol: 'harness', seed: 3, limit: 2 }),
      model: { endpoint: hub.url, repo: manifest.repo, revision: manifest.revision, commit: manifest.commit, dtype: 'fp32' },
    };
    expect(JSON.stringify(run)).not.toContain(TOKEN);
    const link = encodePermalink(toSharedView([run]));
    expect(link).not.toContain(TOKEN);
    expect(link).not.toContain(Buffer.from(TOKEN).toString('base64url'));
  });

  it('goes only to the configured endpoint', () => {
    const context = { bundledUrl: 'http://app/hub', token: TOKEN, endpoint: 'https://hub.example' };
    expect(tokenFor('https://hub.example', context)).toBe(TOKEN);
    expect(tokenFor('https://other.example', context)).toBeNull();
    expect(tokenFor('bundled', context)).toBeNull();
  });

  it('cannot hide in the endpoint URL', () => {
    expect(endpointProblem(`https://user:${TOKEN}@hub.example`)).toMatch(/must not contain a user name or password/);
    expect(endpointProblem(`https://hub.example/?token=${TOKEN}`)).toMatch(/without a query/);
    expect(endpointProblem('https://hub.example')).toBeNull();
  });
});
