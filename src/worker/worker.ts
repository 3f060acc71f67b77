/**
 * The model worker: the only place that downloads and runs models. It answers the calls of
 * protocol.ts, one handler per kind, and cancels a call when the page asks.
 */
import './ortSetup';
import { prepareModel } from './browserModels';
import { deleteCachedRepo, discardDownload, resumeDownload, verifyCachedRepo } from './cacheCalls';
import { chooseDevice } from './device';
import { serializeError, type CallKind, type FromWorker, type ToWorker, type WorkerCalls } from './protocol';
import { runEvaluation, selfCheckDevice } from './runHandler';

type Handler<K extends CallKind> = (
  params: WorkerCalls[K]['params'],
  emit: (progress: WorkerCalls[K]['progress']) => void,
  signal: AbortSignal,
) => Promise<WorkerCalls[K]['result']>;

const handlers: { [K in CallKind]: Handler<K> } = {
  probeDevice: (params) => chooseDevice(params.preference),
  prepareModel: (params, emit, signal) => prepareModel(params.model, params.context, { signal, onProgress: emit }),
  run: (params, emit, signal) => runEvaluation(params, emit, signal),
  selfCheck: (params, _emit, signal) => selfCheckDevice(params.device, params.context, signal, params.targets),
  resumeDownload: (params, emit, signal) => resumeDownload(params.key, params.context, { signal, onProgress: emit }),
  discardDownload: (params) => discardDownload(params.key),
  deleteCached: (params) => deleteCachedRepo(params.key),
  verifyCached: (params) => verifyCachedRepo(params.key),
};

type CallMessage<K extends CallKind = CallKind> = { [P in K]: { type: 'call'; id: number; kind: P; params: WorkerCalls[P]['params'] } }[K];

const controllers = new Map<number, AbortController>();
/** The parts of the worker's global scope used here (the DOM typings describe a window). */
const scope = self as unknown as {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
};

function post(message: FromWorker): void {
  scope.postMessage(message);
}

async function handle<K extends CallKind>(message: CallMessage<K>): Promise<void> {
  const controller = new AbortController();
  controllers.set(message.id, controller);
  try {
    const handler: Handler<K> = handlers[message.kind];
    // TypeScript cannot narrow a union member from a generic K; each object below is the member for K.
    const result = await handler(
      message.params,
      (progress) => post({ type: 'progress', id: message.id, kind: message.kind, progress } as FromWorker),
      controller.signal,
    );
    post({ type: 'result', id: message.id, kind: message.kind, result } as FromWorker);
  } catch (error) {
    post({ type: 'error', id: message.id, error: serializeError(error) });
  } finally {
    controllers.delete(message.id);
  }
}

scope.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'cancel') controllers.get(message.id)?.abort();
  else void handle(message);
});
