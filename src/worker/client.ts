/**
 * The page's side of the model worker: typed calls that resolve with the result, report progress
 * and can be cancelled.
 */
import { WorkerError, type CallKind, type FromWorker, type ToWorker, type WorkerCalls } from './protocol';

interface Pending {
  resolve: (result: never) => void;
  reject: (error: Error) => void;
  onProgress?: (progress: never) => void;
}

/** Options of one call. */
export interface CallOptions<K extends CallKind> {
  onProgress?: (progress: WorkerCalls[K]['progress']) => void;
  signal?: AbortSignal;
}

/** A typed client of a worker that speaks the protocol in protocol.ts. */
export class WorkerClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly worker: Worker) {
    worker.addEventListener('message', (event: MessageEvent<FromWorker>) => this.receive(event.data));
    worker.addEventListener('error', (event) => {
      const error = new WorkerError('worker-crashed', `The model worker stopped: ${event.message || 'unknown error'}. Reload the page; finished results are kept.`);
      for (const pending of this.pending.values()) pending.reject(error);
      this.pending.clear();
    });
  }

  /** Sends a call; the promise settles with its result or a WorkerError (code `cancelled` after a cancel). */
  call<K extends CallKind>(kind: K, params: WorkerCalls[K]['params'], options: CallOptions<K> = {}): Promise<WorkerCalls[K]['result']> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, {
        resolve: resolve as (result: never) => void,
        reject,
        onProgress: options.onProgress as ((progress: never) => void) | undefined,
      });
      options.signal?.addEventListener('abort', () => this.post({ type: 'cancel', id }), { once: true });
      this.post({ type: 'call', id, kind, params } as ToWorker);
    });
  }

  terminate(): void {
    this.worker.terminate();
  }

  private post(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  private receive(message: FromWorker): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if (message.type === 'progress') {
      pending.onProgress?.(message.progress as never);
    } else if (message.type === 'result') {
      this.pending.delete(message.id);
      pending.resolve(message.result as never);
    } else {
      this.pending.delete(message.id);
      pending.reject(new WorkerError(message.error.code, message.error.message));
    }
  }
}
