import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { getSetting, manifestKey, putPending, putSetting } from '../../hub/store';
import { WorkerError } from '../../worker/protocol';
import { useSettings } from '../settings/settingsStore';
import { loadSlots, slotKey, slotProblem, slotRequest, useModels } from './modelsStore';

const ENDPOINT = 'https://hub.example';

/** The model worker's calls as each test scripts them. */
const workerCall = vi.hoisted(() => vi.fn<(kind: string) => Promise<unknown>>());

vi.mock('../workerClient', () => ({
  workerClient: () => ({ call: (kind: string) => workerCall(kind) }),
  endpointContext: () => ({ bundledUrl: 'http://127.0.0.1/hub', token: null, endpoint: 'https://hub.example', timeoutMs: 1000 }),
}));

describe('model slots', () => {
  it('come back after a reload with their interrupted download', async () => {
    useSettings.setState({ endpoint: ENDPOINT });
    await putSetting('slots', [{ source: 'endpoint', repo: 'org/half', revision: 'main', dtype: 'q4' }]);
    await putPending({
      endpoint: ENDPOINT, kind: 'model', repo: 'org/half', commit: 'a'.repeat(40),
      key: manifestKey(ENDPOINT, 'model', 'org/half', 'main', 'q4'), revision: 'main', dtype: 'q4',
      files: [{ path: 'onnx/model_q4.onnx', size: 1000, sha256: 'b'.repeat(64), gitOid: null }], startedAt: '2026-01-01T00:00:00.000Z',
    });
    await loadSlots();
    const [slot] = useModels.getState().slots;
    expect(useModels.getState().slots).toHaveLength(1);
    expect(slot!.repo).toBe('org/half');
    expect(slotKey(slot!)).toBe(manifestKey(ENDPOINT, 'model', 'org/half', 'main', 'q4'));
    expect(slot!.status).toMatchObject({ kind: 'interrupted', pending: { bytesStored: 0, bytesTotal: 1000, commit: 'a'.repeat(40) } });
  });

  it('keep the current slots when the saved ones are invalid', async () => {
    const before = useModels.getState().slots.map((s) => s.repo);
    await putSetting('slots', [{ source: 'somewhere', repo: 1 }]);
    await loadSlots();
    expect(useModels.getState().slots.map((s) => s.repo)).toEqual(before);
  });

  it('send and save the chosen backend', async () => {
    await putSetting('slots', [{ source: 'endpoint', repo: 'org/plain', revision: 'main', dtype: 'fp32' }]);
    await loadSlots();
    const [slot] = useModels.getState().slots;
    useModels.getState().updateSlot(slot!.id, { backend: 'onnxruntime' });

    const updated = useModels.getState().slots[0]!;
    expect(slotRequest(updated)).toEqual({ endpoint: ENDPOINT, repo: 'org/plain', revision: 'main', dtype: 'fp32', backend: 'onnxruntime' });
    await vi.waitFor(async () => {
      expect(await getSetting('slots')).toEqual([{ source: 'endpoint', repo: 'org/plain', revision: 'main', dtype: 'fp32', backend: 'onnxruntime' }]);
    });
  });

  it('come back with their backend', async () => {
    await putSetting('slots', [
      { source: 'endpoint', repo: 'org/plain', revision: 'v1', dtype: 'q4', backend: 'onnxruntime' },
      { source: 'bundled', repo: 'bundled/tiny-frozen', revision: 'main', dtype: 'fp32', backend: 'transformers.js' },
    ]);
    await loadSlots();
    expect(useModels.getState().slots.map((s) => s.backend)).toEqual(['onnxruntime', 'transformers.js']);
    expect(useModels.getState().slots.map((s) => slotRequest(s).backend)).toEqual(['onnxruntime', 'transformers.js']);
  });

  it('load without a backend as auto', async () => {
    await putSetting('slots', [{ source: 'endpoint', repo: 'org/old', revision: 'main', dtype: 'fp32' }]);
    await loadSlots();
    const [slot] = useModels.getState().slots;
    expect(slot!.repo).toBe('org/old');
    expect(slot!.backend).toBe('auto');
    expect(slotRequest(slot!).backend).toBe('auto');
  });

  it('keep current slots on an unknown backend', async () => {
    const before = useModels.getState().slots.map((s) => s.repo);
    await putSetting('slots', [{ source: 'endpoint', repo: 'org/other', revision: 'main', dtype: 'fp32', backend: 'tensorflow' }]);
    await loadSlots();
    expect(useModels.getState().slots.map((s) => s.repo)).toEqual(before);
  });
});

describe('slot problem', () => {
  it('names an invalid repository id', () => {
    expect(slotProblem({ repo: 'not a repo', revision: 'main' })).toBe('"not a repo" is not a valid repository id. Use the form org/name.');
    expect(slotProblem({ repo: 'a/b/c', revision: 'main' })).toBe('"a/b/c" is not a valid repository id. Use the form org/name.');
  });

  it('names an empty repository id', () => {
    expect(slotProblem({ repo: '', revision: 'main' })).toBe('The repository id is empty. Enter it in the form org/name.');
    expect(slotProblem({ repo: '   ', revision: 'main' })).toBe('The repository id is empty. Enter it in the form org/name.');
  });

  it('names an empty revision', () => {
    expect(slotProblem({ repo: 'org/name', revision: ' ' })).toBe('The revision is empty. Enter main, a tag or a commit.');
  });

  it('accepts a valid id with spaces around it', () => {
    expect(slotProblem({ repo: ' org/name ', revision: 'main' })).toBeNull();
  });
});

describe('slot download', () => {
  const MISSING = 'org/missing';
  const NOT_FOUND = `${MISSING} was not found (HTTP 404). Check the repository id, the revision and the endpoint.`;

  async function slotFor(repo: string) {
    await putSetting('slots', [{ source: 'endpoint', repo, revision: 'main', dtype: 'fp32' }]);
    await loadSlots();
    return useModels.getState().slots[0]!;
  }

  it('shows a failed download as an error', async () => {
    vi.stubGlobal('navigator', {});
    const slot = await slotFor(MISSING);
    workerCall.mockRejectedValueOnce(new WorkerError('not-found', NOT_FOUND));

    await useModels.getState().download(slot.id);

    expect(useModels.getState().slots[0]!.status).toEqual({ kind: 'error', message: NOT_FOUND, pending: null });
  });

  it('frees a stale download on Cancel', async () => {
    const slot = await slotFor(MISSING);
    // A slot left downloading with no download call and no run behind it.
    useModels.setState((state) => ({ slots: state.slots.map((s) => ({ ...s, status: { kind: 'downloading', progress: null } })) }));

    useModels.getState().cancelDownload(slot.id);

    await vi.waitFor(() => expect(useModels.getState().slots[0]!.status).toEqual({ kind: 'absent' }));
  });
});
