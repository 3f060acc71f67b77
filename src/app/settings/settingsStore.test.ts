import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { getSetting } from '../../hub/store';
import { DEFAULT_TIMEOUT_SECONDS, timeoutProblem, useSettings } from './settingsStore';

describe('request timeout setting', () => {
  it('accepts whole seconds from 1 to 600', () => {
    expect(timeoutProblem(1)).toBeNull();
    expect(timeoutProblem(600)).toBeNull();
    expect(timeoutProblem(0)).toMatch(/whole number of seconds from 1 to 600/);
    expect(timeoutProblem(2.5)).toMatch(/whole number/);
  });

  it('saves a valid timeout and ignores an invalid one', async () => {
    expect(useSettings.getState().timeoutSeconds).toBe(DEFAULT_TIMEOUT_SECONDS);
    useSettings.getState().setTimeoutSeconds(5);
    useSettings.getState().setTimeoutSeconds(-1);
    expect(useSettings.getState().timeoutSeconds).toBe(5);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await getSetting<number>('timeoutSeconds')).toBe(5);
  });
});
