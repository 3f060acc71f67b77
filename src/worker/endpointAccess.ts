/**
 * The access token and the request timeout of downloads. The token goes only to the endpoint the user
 * configured it for, never to the app's bundled hub.
 */
import type { DownloadHooks } from '../hub/download';
import type { EndpointContext } from './protocol';

/**
 * Returns the token to send to `endpoint`: the context's token when `endpoint` is the configured
 * endpoint, null for the bundled hub and for any other endpoint (a download started before the
 * endpoint setting changed, for example).
 */
export function tokenFor(endpoint: string, context: EndpointContext): string | null {
  if (endpoint === 'bundled' || !context.token) return null;
  return context.endpoint === undefined || context.endpoint === endpoint ? context.token : null;
}

/** Returns the hooks with the context's request timeout, unless the hooks set their own. */
export function withEndpointPolicy(hooks: DownloadHooks, context: EndpointContext): DownloadHooks {
  return context.timeoutMs === undefined ? hooks : { idleTimeoutMs: context.timeoutMs, ...hooks };
}
