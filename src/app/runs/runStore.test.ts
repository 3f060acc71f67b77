import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ run: 0 }));

vi.mock('../history/runJournal', () => ({
  readInterruptedRun: async () => ({
    head: { status: 'running', startedAt: '2026-01-01T00:00:00.000Z', config: undefined, params: { runId: 'r1', models: [{ repo: 'bundled/tiny-frozen' }] } },
    done: {},
    savedItems: 3,
  }),
  RunJournal: { resume: async () => null },
  discardJournal: async () => {},
}));

vi.mock('../workerClient', () => ({
  endpointContext: () => ({ bundledUrl: 'http://127.0.0.1/hub', token: null, tokenEndpoint: null }),
  // A run that never ends, so both resume calls overlap with it.
  workerClient: () => ({
    call: () => {
      calls.run++;
      return new Promise(() => {});
    },
  }),
}));

describe('resume', () => {
  it('starts one run for overlapping calls', async () => {
    vi.stubGlobal('navigator', {});
    const { useRun } = await import('./runStore');
    void useRun.getState().resume();
    void useRun.getState().resume();
    await vi.waitFor(() => expect(useRun.getState().status).toBe('running'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls.run).toBe(1);
  });
});
