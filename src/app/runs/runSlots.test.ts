import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { WorkerError, type RunProgress } from '../../worker/protocol';
import type { CallOptions } from '../../worker/client';
import { useModels } from '../models/modelsStore';
import { useRun } from './runStore';

/** The model worker's `run` call as each test scripts it. */
const runCall = vi.hoisted(() => vi.fn<(options: CallOptions<'run'>) => Promise<unknown>>());

vi.mock('../workerClient', () => ({
  workerClient: () => ({ call: (_kind: string, _params: unknown, options: CallOptions<'run'>) => runCall(options) }),
  endpointContext: () => ({ bundledUrl: 'http://127.0.0.1/hub', token: null, endpoint: 'https://hub.example', timeoutMs: 1000 }),
}));

const MISSING = 'bundled/does-not-exist';
const NOT_FOUND = `${MISSING} was not found (HTTP 404). Check the repository id, the revision and the endpoint.`;
const RESOLVING: RunProgress = { status: 'downloading', modelIndex: 1, download: { status: 'resolving', repo: MISSING } };

/** Rejects as the worker client does once `signal` aborts. */
function rejectOnAbort(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_resolve, reject) => {
    signal?.addEventListener('abort', () => reject(new WorkerError('cancelled', 'The run was cancelled.')), { once: true });
  });
}

function modelB() {
  return useModels.getState().slots[1]!;
}

beforeEach(() => {
  // Node 20 has no navigator, and the run store reads navigator.locks and the slots navigator.storage.
  vi.stubGlobal('navigator', {});
  runCall.mockReset();
  useModels.getState().updateSlot(modelB().id, { repo: MISSING });
  useRun.setState({ status: 'idle', error: null });
  useRun.getState().setConfig({ tasks: ['mmlu'], subjects: ['anatomy'], limit: 1, useHarness: false });
});

describe('model slot during a run', () => {
  it('shows the run error after a failed download', async () => {
    runCall.mockImplementation(async (options) => {
      options.onProgress?.(RESOLVING);
      expect(modelB().status.kind).toBe('downloading');
      throw new WorkerError('not-found', NOT_FOUND);
    });

    await useRun.getState().start();

    expect(useRun.getState().status).toBe('failed');
    expect(useRun.getState().error).toBe(NOT_FOUND);
    expect(modelB().status).toEqual({ kind: 'error', message: NOT_FOUND, pending: null });
  });

  it('cancels the run from its Cancel', async () => {
    runCall.mockImplementation((options) => {
      options.onProgress?.(RESOLVING);
      return rejectOnAbort(options.signal);
    });

    const run = useRun.getState().start();
    await vi.waitFor(() => expect(modelB().status.kind).toBe('downloading'));
    useModels.getState().cancelDownload(modelB().id);
    await run;

    expect(useRun.getState().status).toBe('cancelled');
    await vi.waitFor(() => expect(modelB().status).toEqual({ kind: 'absent' }));
  });

  it('is freed after a finished run', async () => {
    runCall.mockImplementation(async (options) => {
      options.onProgress?.(RESOLVING);
      return [];
    });

    await useRun.getState().start();

    expect(useRun.getState().status).toBe('done');
    await vi.waitFor(() => expect(modelB().status).toEqual({ kind: 'absent' }));
  });
});
