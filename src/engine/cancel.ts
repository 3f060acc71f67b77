/**
 * Cancellation of a run through an AbortSignal, checked between forward passes.
 */

/** Thrown when a run is cancelled through its AbortSignal. */
export class CancelledError extends Error {
  readonly code = 'cancelled';
  constructor() {
    super('The run was cancelled.');
    this.name = 'CancelledError';
  }
}

/** Throws a CancelledError when the signal has fired. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}
