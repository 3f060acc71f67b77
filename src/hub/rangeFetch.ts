/**
 * Fetches one byte range of a file with Range requests, retrying dropped connections, stalls, 408,
 * 429 and 5xx answers. A retry asks only for the bytes still missing, so a connection cut in the
 * middle of a chunk resumes where it stopped.
 */
import { HubError, describeAttemptFailure, describeHttpFailure, hubHeaders } from './client';
import {
  DEFAULT_IDLE_TIMEOUT_MS,
  IdleTimer,
  MAX_ATTEMPTS,
  isRetryableStatus,
  parseRetryAfter,
  retryDelay,
  sleep,
  type AttemptFailure,
  type RequestPolicy,
} from './http';

/** One range of one file. */
export interface RangeRequest {
  /** The file's resolve URL on the endpoint. */
  url: string;
  /** Base URL of the endpoint: the only origin the token is sent to. */
  endpoint: string;
  token: string | null;
  /** Path of the file, for messages. */
  path: string;
  /** Size of the whole file, to read an answer that ignored the Range header. */
  fileSize: number;
  /** First byte, inclusive. */
  start: number;
  /** Last byte, inclusive. */
  end: number;
}

/** Parses `Content-Range: bytes a-b/size`; null when absent or malformed. */
export function parseContentRange(header: string | null): { start: number; end: number; size: number | null } | null {
  const match = header ? /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(header.trim()) : null;
  if (!match) return null;
  return { start: Number(match[1]), end: Number(match[2]), size: match[3] === '*' ? null : Number(match[3]) };
}

/**
 * Returns bytes start..end (inclusive) of the file. `onBytes` gets the count received so far.
 * Throws a HubError in words when the endpoint refuses (401, 403, 404, …) or when every attempt
 * failed, and an AbortError when the signal aborts.
 */
export async function fetchRange(range: RangeRequest, policy: RequestPolicy, onBytes: (received: number) => void): Promise<Uint8Array> {
  const doFetch = policy.fetch ?? fetch;
  const maxAttempts = policy.maxAttempts ?? MAX_ATTEMPTS;
  const idleMs = policy.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const length = range.end - range.start + 1;
  const buffer = new Uint8Array(length);
  let received = 0;
  let failures = 0;
  let failure: AttemptFailure = { kind: 'network', detail: 'no attempt made' };

  while (received < length) {
    if (failures >= maxAttempts) {
      const status = failure.kind === 'status' ? failure.status : 0;
      const message = describeAttemptFailure(failure, range.path, range.url, { attempts: maxAttempts, tokenSent: range.token !== null });
      throw new HubError(`${message} The chunks stored so far are kept, so the next download resumes from them.`, status, range.url);
    }
    if (failures > 0) {
      policy.onRetry?.(range.url, failures, failure);
      await sleep(retryDelay(failure, failures - 1, policy), policy.signal);
    }

    const before = received;
    const timer = new IdleTimer(idleMs, policy.signal);
    try {
      const from = range.start + received;
      const headers = hubHeaders(range.url, range.endpoint, range.token);
      headers.set('Range', `bytes=${from}-${range.end}`);
      const response = await doFetch(range.url, { headers, signal: timer.signal });
      const problem = await readAnswer(response, range, from, buffer, received, timer, (total) => {
        received = total;
        onBytes(received);
      });
      if (problem) failure = problem;
    } catch (error) {
      if (error instanceof HubError) throw error;
      failure = timer.failureOf(error);
    } finally {
      timer.dispose();
    }
    // An attempt that brought bytes is progress, not a failure: only attempts that brought nothing count.
    if (received < length) failures = received > before ? 0 : failures + 1;
  }
  return buffer;
}

/**
 * Copies the answer's bytes into `buffer` from `offset` on, reporting the total received. Returns the
 * failure of an attempt worth retrying, or null when the range is complete; throws a HubError when
 * the endpoint refused.
 */
async function readAnswer(
  response: Response,
  range: RangeRequest,
  from: number,
  buffer: Uint8Array,
  offset: number,
  timer: IdleTimer,
  onTotal: (total: number) => void,
): Promise<AttemptFailure | null> {
  if (isRetryableStatus(response.status)) {
    await response.body?.cancel();
    return { kind: 'status', status: response.status, retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')) };
  }
  if (response.status !== 206 && response.status !== 200) {
    await response.body?.cancel();
    const tokenSent = range.token !== null;
    throw new HubError(describeHttpFailure(response.status, range.path, range.url, { tokenSent }), response.status, range.url);
  }
  // Content-Range may be hidden by CORS; when it is readable it must start where the request did.
  const contentRange = parseContentRange(response.headers.get('content-range'));
  if (response.status === 206 && contentRange && contentRange.start !== from) {
    await response.body?.cancel();
    return { kind: 'body', detail: `asked for bytes from ${from}, got Content-Range ${response.headers.get('content-range')}` };
  }
  if (!response.body) return { kind: 'body', detail: 'the answer had no body' };

  // A 200 answer ignored the Range header: it carries the whole file, so the bytes before `from` are skipped.
  let skip = response.status === 200 ? from : 0;
  let total = offset;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    timer.touch();
    let bytes = value;
    if (skip > 0) {
      const dropped = Math.min(skip, bytes.byteLength);
      skip -= dropped;
      bytes = bytes.subarray(dropped);
    }
    const room = buffer.byteLength - total;
    if (bytes.byteLength > room) {
      if (response.status === 206) {
        await reader.cancel();
        onTotal(offset);
        return { kind: 'body', detail: `the answer is longer than the ${buffer.byteLength - offset} bytes asked for` };
      }
      bytes = bytes.subarray(0, room);
    }
    buffer.set(bytes, total);
    total += bytes.byteLength;
    onTotal(total);
    if (total === buffer.byteLength) {
      if (response.status === 200) await reader.cancel();
      return null;
    }
  }
  return { kind: 'network', detail: `the connection closed after ${total - offset} of ${buffer.byteLength - offset} bytes` };
}
