/**
 * The page's one model worker, started on first use.
 */
import { WorkerClient } from '../worker/client';
import type { EndpointContext } from '../worker/protocol';
import { useSettings } from './settings/settingsStore';

let client: WorkerClient | null = null;

/** The shared worker client. */
export function workerClient(): WorkerClient {
  client ??= new WorkerClient(new Worker(new URL('../worker/worker.ts', import.meta.url), { type: 'module', name: 'model-worker' }));
  return client;
}

/** The URL of the app's bundled hub, next to the page. */
export function bundledHubUrl(): string {
  return new URL('hub', document.baseURI).href;
}

/** What the worker needs to reach the endpoints; the token is for the configured endpoint only. */
export function endpointContext(): EndpointContext {
  const { token, endpoint, timeoutSeconds } = useSettings.getState();
  return { bundledUrl: bundledHubUrl(), token: token || null, endpoint, timeoutMs: timeoutSeconds * 1000 };
}
