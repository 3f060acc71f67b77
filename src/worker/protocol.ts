/**
 * The message protocol between the page and the model worker. Each call kind maps to its own
 * parameter, progress and result types, so neither side needs a cast. Errors cross as
 * `{code, message}` and become a WorkerError again on the page.
 */
import type { StoredFileCheck } from '../hub/cache';
import type { DownloadProgress } from '../hub/download';
import type { RepoManifest } from '../hub/store';
import type { ScoringProgress } from '../engine/progress';
import type { ModelRun } from '../engine/results';
import type { ItemRecord, ProtocolSettings } from '../engine/types';
import type { TaskId } from '../engine/tasks/task';
import type { TaskSelection } from '../evaluation/suite';
import type { ReferenceModel, SelfCheckCase } from '../model/selfCheck';

/** Where the user wants the forward passes to run. */
export type DevicePreference = 'auto' | 'webgpu' | 'wasm';

/** The device chosen, and why, in words for the UI. */
export interface DeviceChoice {
  device: 'webgpu' | 'wasm';
  reason: string;
}

/** A model as the user picked it. */
export interface ModelRequest {
  /** `bundled` or the base URL of a Hub endpoint. */
  endpoint: string;
  repo: string;
  revision: string;
  dtype: string;
  /**
   * The backend: `auto` (or absent) follows config.json's `workbench_backend`, which defaults to
   * transformers.js; `onnxruntime` runs plain input_ids → logits exports.
   */
  backend?: 'auto' | 'transformers.js' | 'onnxruntime';
}

/** URLs the worker cannot know by itself. */
export interface EndpointContext {
  /** Absolute URL of the app's bundled hub (public/hub). */
  bundledUrl: string;
  /** Access token, sent only to a configured endpoint (never to the bundled hub). */
  token: string | null;
  /** The configured endpoint the token is for; when set, the token goes to no other endpoint. */
  endpoint?: string;
  /** Milliseconds without data before a request is abandoned and retried; the downloader's default when unset. */
  timeoutMs?: number;
}

/** What to evaluate. */
export interface RunParams {
  runId: string;
  models: ModelRequest[];
  context: EndpointContext;
  device: DevicePreference;
  tasks: TaskSelection[];
  protocols: ProtocolSettings[];
  /** Records already saved, from an interrupted run, keyed `{model index}:{task}:{protocol}`. */
  done?: Record<string, ItemRecord[]>;
  /** Runs the naive plan (one forward pass per choice, and per run and token); only the benchmark sets it. */
  naive?: boolean;
}

/** Progress of a run, tagged by status. */
export type RunProgress =
  | { status: 'device'; choice: DeviceChoice }
  | { status: 'downloading'; modelIndex: number; download: DownloadProgress }
  | { status: 'loading'; modelIndex: number; repo: string }
  | { status: 'scoring'; modelIndex: number; taskId: TaskId; label: string; protocol: ProtocolSettings['protocol']; scoring: ScoringProgress }
  | { status: 'records'; modelIndex: number; /** `{task}:{protocol}` */ key: string; records: ItemRecord[] }
  | { status: 'model-done'; modelIndex: number; run: ModelRun };

/** The self-check of one device: each bundled model's reference cases. */
export interface SelfCheckReport {
  choice: DeviceChoice;
  /** Per model checked: the reference it was compared with, its repository when not a bundled one, and the cases. */
  models: { model: ReferenceModel; repo?: string; cases: SelfCheckCase[] }[];
}

/** A model to check against a bundled model's references: an export of the same weights in another form. */
export interface SelfCheckTarget {
  request: ModelRequest;
  reference: ReferenceModel;
}

/** Every call the worker answers: its parameters, its progress events and its result. */
export interface WorkerCalls {
  probeDevice: { params: { preference: DevicePreference }; progress: never; result: DeviceChoice };
  prepareModel: {
    params: { model: ModelRequest; context: EndpointContext };
    progress: DownloadProgress;
    result: RepoManifest;
  };
  run: { params: RunParams; progress: RunProgress; result: ModelRun[] };
  /** Resumes an interrupted download (a pending record) by its manifest key. */
  resumeDownload: { params: { key: string; context: EndpointContext }; progress: DownloadProgress; result: RepoManifest };
  /** Discards an interrupted download and the chunks only it lists. */
  discardDownload: { params: { key: string }; progress: never; result: void };
  /** Deletes a stored repository; chunks another manifest lists stay. */
  deleteCached: { params: { key: string }; progress: never; result: void };
  /** Reads a stored repository back and checks every file against its listed hash. */
  verifyCached: { params: { key: string }; progress: never; result: StoredFileCheck[] };
  selfCheck: {
    /** `targets` defaults to the two bundled models checked against their own references. */
    params: { device: DevicePreference; context: EndpointContext; targets?: SelfCheckTarget[] };
    progress: never;
    result: SelfCheckReport;
  };
}

export type CallKind = keyof WorkerCalls;

/** Page to worker. */
export type ToWorker =
  | { [K in CallKind]: { type: 'call'; id: number; kind: K; params: WorkerCalls[K]['params'] } }[CallKind]
  | { type: 'cancel'; id: number };

/** Worker to page. */
export type FromWorker =
  | { [K in CallKind]: { type: 'progress'; id: number; kind: K; progress: WorkerCalls[K]['progress'] } }[CallKind]
  | { [K in CallKind]: { type: 'result'; id: number; kind: K; result: WorkerCalls[K]['result'] } }[CallKind]
  | { type: 'error'; id: number; error: SerializedError };

/** An error as it crosses the worker boundary. */
export interface SerializedError {
  code: string;
  message: string;
}

/** An error raised in the worker, rebuilt on the page with its code. */
export class WorkerError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'WorkerError';
  }
}

/** Turns any thrown value into `{code, message}`; errors with a `code` keep it. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (error.name === 'AbortError') return { code: 'cancelled', message: 'The run was cancelled.' };
    return { code: typeof code === 'string' ? code : error.name || 'error', message: error.message };
  }
  return { code: 'error', message: String(error) };
}
