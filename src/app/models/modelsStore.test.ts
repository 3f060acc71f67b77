import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { manifestKey, putPending, putSetting } from '../../hub/store';
import { useSettings } from '../settings/settingsStore';
import { loadSlots, slotKey, useModels } from './modelsStore';

const ENDPOINT = 'https://hub.example';

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
});
