/**
 * Timeouts and retries of requests to a Hub endpoint, shared by the API calls and the file downloads.
 * An idle timer abandons an attempt when no data arrives for a while. Some statuses are worth a retry,
 * after a delay that follows Retry-After when the endpoint sends one.
 */

/** Default time without a response or a body byte before an attempt is abandoned: 30 s. */
export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
/** Attempts of one request before it fails. */
export const MAX_ATTEMPTS = 5;
/** The longest Retry-After that is honoured; a longer one is cut to this many seconds. */
export const MAX_RETRY_AFTER_SECONDS = 60;

/** The policy of requests: fetch, cancel signal, timeout and retries. Every field has a default. */
export interface RequestPolicy {
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Milliseconds without a response or a body byte before an attempt is abandoned. */
  idleTimeoutMs?: number;
  /** Attempts before a request fails; defaults to MAX_ATTEMPTS. */
  maxAttempts?: number;
  /** Milliseconds before retry k (0-based) when the endpoint sent no Retry-After; defaults to 500·2^k. */
  retryDelayMs?: (attempt: number) => number;
  /** Called before each retry, for logging. */
  onRetry?: (url: string, attempt: number, failure: AttemptFailure) => void;
}

/** The failure of one attempt that a retry may fix. */
export type AttemptFailure =
  | { kind: 'network'; detail: string }
  | { kind: 'timeout'; idleMs: number }
  | { kind: 'status'; status: number; retryAfterSeconds: number | null }
  | { kind: 'body'; detail: string };

/** Reports whether an HTTP status is worth another attempt: 408, 429 and every 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Parses a Retry-After header: delay seconds or an HTTP date. Returns seconds (0 or more), or null
 * when the header is missing or invalid.
 */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** Milliseconds to wait before retry `attempt` (0-based) after `failure`. */
export function retryDelay(failure: AttemptFailure, attempt: number, policy: RequestPolicy): number {
  if (failure.kind === 'status' && failure.retryAfterSeconds !== null) {
    return Math.min(failure.retryAfterSeconds, MAX_RETRY_AFTER_SECONDS) * 1000;
  }
  return (policy.retryDelayMs ?? ((k: number) => 500 * 2 ** k))(attempt);
}

/** Creates the error a cancelled download rejects with. */
export function cancelledError(): DOMException {
  return new DOMException('The download was cancelled.', 'AbortError');
}

/** Reports whether a thrown value is a cancellation (an AbortError). */
export function isAbortError(error: unknown): boolean {
  return (error instanceof DOMException || error instanceof Error) && error.name === 'AbortError';
}

/** Waits `ms` milliseconds; rejects with an AbortError when the signal aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelledError());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The abort signal of one attempt: aborted when the caller cancels, or when `idleMs` pass without a
 * call to `touch()`. `timedOut` distinguishes the two.
 */
export class IdleTimer {
  readonly signal: AbortSignal;
  timedOut = false;
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly onParentAbort = (): void => this.controller.abort(cancelledError());

  constructor(
    readonly idleMs: number,
    private readonly parent?: AbortSignal,
  ) {
    this.signal = this.controller.signal;
    if (parent?.aborted) this.controller.abort(cancelledError());
    else parent?.addEventListener('abort', this.onParentAbort, { once: true });
    this.touch();
  }

  /** Restarts the idle period: call it whenever data arrives. */
  touch(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(new DOMException(`No data arrived for ${this.idleMs} ms.`, 'TimeoutError'));
    }, this.idleMs);
  }

  /** Stops the timer and detaches from the caller's signal. */
  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.parent?.removeEventListener('abort', this.onParentAbort);
  }

  /**
   * Classifies an error thrown while the timer ran: rethrows a cancellation by the caller, and
   * returns a timeout or network failure otherwise.
   */
  failureOf(error: unknown): AttemptFailure {
    if (this.timedOut) return { kind: 'timeout', idleMs: this.idleMs };
    if (this.parent?.aborted || isAbortError(error)) throw cancelledError();
    return { kind: 'network', detail: error instanceof Error ? error.message : String(error) };
  }
}

/** Milliseconds as seconds for messages, to 10 ms: `2 s`, `0.15 s`. */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}
