import { describe, expect, it } from 'vitest';
import { IdleTimer, isRetryableStatus, parseRetryAfter, retryDelay, sleep } from './http';

describe('parseRetryAfter', () => {
  it('reads delay seconds', () => {
    expect(parseRetryAfter('120')).toBe(120);
  });

  it('reads an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30);
  });

  it('returns null for a missing or invalid header', () => {
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe('retryDelay', () => {
  it('uses Retry-After, capped at 60 s', () => {
    expect(retryDelay({ kind: 'status', status: 429, retryAfterSeconds: 2 }, 0, {})).toBe(2000);
    expect(retryDelay({ kind: 'status', status: 429, retryAfterSeconds: 3600 }, 0, {})).toBe(60_000);
  });

  it('backs off exponentially otherwise', () => {
    expect(retryDelay({ kind: 'timeout', idleMs: 1 }, 0, {})).toBe(500);
    expect(retryDelay({ kind: 'timeout', idleMs: 1 }, 3, {})).toBe(4000);
  });
});

describe('isRetryableStatus', () => {
  it('retries 408, 429 and 5xx only', () => {
    expect([408, 429, 500, 503].map(isRetryableStatus)).toEqual([true, true, true, true]);
    expect([400, 401, 403, 404, 416].map(isRetryableStatus)).toEqual([false, false, false, false, false]);
  });
});

describe('IdleTimer', () => {
  it('aborts after the idle time and says it timed out', async () => {
    const timer = new IdleTimer(20);
    await sleep(50);
    expect(timer.signal.aborted).toBe(true);
    expect(timer.failureOf(new Error('aborted'))).toEqual({ kind: 'timeout', idleMs: 20 });
    timer.dispose();
  });

  it('stays open while data arrives', async () => {
    const timer = new IdleTimer(40);
    for (let i = 0; i < 4; i++) {
      await sleep(20);
      timer.touch();
    }
    expect(timer.signal.aborted).toBe(false);
    timer.dispose();
  });

  it('turns a cancel by the caller into an AbortError', () => {
    const parent = new AbortController();
    const timer = new IdleTimer(1000, parent.signal);
    parent.abort();
    expect(timer.signal.aborted).toBe(true);
    expect(() => timer.failureOf(new Error('x'))).toThrow(/cancelled/);
    timer.dispose();
  });
});
