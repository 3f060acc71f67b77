/**
 * The Hub's HTTP API as the workbench uses it: resolve a revision to its commit, list a repository's
 * files with sizes and hashes, and build the URL of a file at a commit. Works against huggingface.co,
 * a mirror with the same layout, the app's bundled repositories, and the test servers alike: only the
 * endpoint and the fetch function differ.
 */
import {
  DEFAULT_IDLE_TIMEOUT_MS,
  IdleTimer,
  MAX_ATTEMPTS,
  formatSeconds,
  isRetryableStatus,
  parseRetryAfter,
  retryDelay,
  sleep,
  type AttemptFailure,
  type RequestPolicy,
} from './http';

/** A model repository or a dataset repository. */
export type RepoKind = 'model' | 'dataset';

/** A repository on an endpoint. */
export interface RepoRef {
  /** Base URL of the endpoint, without a trailing slash. */
  endpoint: string;
  kind: RepoKind;
  /** `org/name`. */
  repo: string;
}

/** One file of a repository at a commit. */
export interface RepoFile {
  path: string;
  size: number;
  /**
   * Git blob id (sha1 of `blob {size}\0{content}`) of a file kept in git; null for LFS and Xet
   * files, whose listed `oid` is the blob id of the pointer file, not of the content.
   */
  gitOid: string | null;
  /** sha256 of the content, from `lfs.oid`, which the Hub lists for files stored in LFS or Xet. */
  sha256: string | null;
  /** Xet hash of the content, when the Hub lists one; informational, since checking it needs Xet's chunk hashing. */
  xetHash?: string | null;
}

/** A revision resolved to a commit, with the repository's files at that commit. */
export interface ResolvedRevision {
  commit: string;
  files: RepoFile[];
}

/** Options of every call: the request policy and an access token for gated repositories. */
export interface HubRequestOptions extends RequestPolicy {
  /** Sent as `Authorization: Bearer …`, only to URLs on the endpoint's origin. */
  token?: string | null;
}

/** A Hub request that failed; `status` is the HTTP status, or 0 when no answer came. */
export class HubError extends Error {
  readonly code = 'hub';
  constructor(
    message: string,
    readonly status: number,
    readonly url: string,
    /** Seconds to wait before retrying, from Retry-After on 429 and 503 answers. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'HubError';
  }
}

const REPO_ID = /^[\w.-]+\/[\w.-]+$/;
const COMMIT = /^[0-9a-f]{40}$/;

/** Whether `repo` has the Hub's `org/name` form. */
export function isRepoId(repo: string): boolean {
  return REPO_ID.test(repo) && !repo.includes('..') && !repo.includes('--');
}

/** Whether `revision` is a full 40-hex commit id. */
export function isCommitId(revision: string): boolean {
  return COMMIT.test(revision);
}

function apiBase(ref: RepoRef): string {
  return `${ref.endpoint}/api/${ref.kind === 'dataset' ? 'datasets' : 'models'}/${ref.repo}`;
}

/** URL of a file at a revision: `{endpoint}[/datasets]/{repo}/resolve/{revision}/{path}`. */
export function fileUrl(ref: RepoRef, revision: string, path: string): string {
  const prefix = ref.kind === 'dataset' ? '/datasets' : '';
  const encodedPath = path.split('/').map(encodeURIComponent).join('/');
  return `${ref.endpoint}${prefix}/${ref.repo}/resolve/${encodeURIComponent(revision)}/${encodedPath}`;
}

/**
 * Headers of a request to `url`: the token goes only to the endpoint's own origin, so a pagination
 * link or a mirror that points elsewhere never receives it. Redirects are the browser's business: the
 * Fetch standard drops a script's Authorization header when a redirect crosses origins.
 */
export function hubHeaders(url: string, endpoint: string, token: string | null | undefined): Headers {
  const headers = new Headers();
  if (token && sameOrigin(url, endpoint)) headers.set('Authorization', `Bearer ${token}`);
  return headers;
}

function sameOrigin(url: string, endpoint: string): boolean {
  try {
    return new URL(url).origin === new URL(endpoint).origin;
  } catch {
    return false;
  }
}

/** What a failure message may add about the request. */
export interface FailureContext {
  /** Seconds the endpoint asked to wait (Retry-After). */
  retryAfterSeconds?: number | null;
  /** Whether the request carried an access token. */
  tokenSent?: boolean;
  /** Attempts made before giving up; named in the message when more than one. */
  attempts?: number;
}

/** Explains a failed answer in words a user can act on: what failed, the status, and what to try. */
export function describeHttpFailure(status: number, what: string, url: string, context: FailureContext = {}): string {
  const tries = context.attempts && context.attempts > 1 ? `, ${context.attempts} attempts` : '';
  const http = `HTTP ${status}${tries}`;
  switch (status) {
    case 401:
      return context.tokenSent
        ? `${what}: the endpoint rejected the access token (${http}). Check the token in Settings; it may be mistyped, expired or revoked.`
        : `${what}: the endpoint requires an access token (${http}). The repository is gated or private, or its id is wrong; set a token in Settings and try again.`;
    case 403:
      return `${what}: access denied (${http}). Accept the repository's terms on its Hub page, or use a token that may read it.`;
    case 404:
      return `${what}: not found (${http}) at ${url}. Check the repository id, the revision and the endpoint.`;
    case 429: {
      const wait = context.retryAfterSeconds ? ` and asked to wait ${context.retryAfterSeconds} s` : '';
      return `${what}: the endpoint is rate-limiting requests (${http})${wait}. Wait a minute and try again.`;
    }
    default:
      return status >= 500
        ? `${what}: the endpoint failed (${http}). Try again later; if it persists, the endpoint is down.`
        : `${what}: unexpected ${http} from ${url}. Check the endpoint in Settings.`;
  }
}

/** Tells whether a response is an HTML page, by its content type or its first character. */
function isHtml(response: Response, text: string): boolean {
  return (response.headers.get('content-type') ?? '').includes('text/html') || text.trimStart().startsWith('<');
}

/** The models of the bundled hub (public/hub), offered as quick picks and named in its errors. */
export const BUNDLED_MODELS = ['bundled/tiny-frozen', 'bundled/tiny-trainable'] as const;

/** Returns a hint naming the bundled hub's models when `url` requests a model from it; empty otherwise. */
function bundledHint(url: string): string {
  return /\/hub\/api\/models\/bundled\//.test(url) ? `; the bundled hub has ${BUNDLED_MODELS.join(' and ')}, on revision main` : '';
}

/** Explains the last failure of a request that ran out of attempts. */
export function describeAttemptFailure(failure: AttemptFailure, what: string, url: string, context: FailureContext = {}): string {
  const tries = context.attempts && context.attempts > 1 ? ` (${context.attempts} attempts)` : '';
  switch (failure.kind) {
    case 'status':
      return describeHttpFailure(failure.status, what, url, { ...context, retryAfterSeconds: failure.retryAfterSeconds });
    case 'timeout':
      return `${what}: timed out, no data arrived from ${url} for ${formatSeconds(failure.idleMs)}${tries}. Check the connection and the endpoint, or raise the request timeout in Settings.`;
    case 'network':
      return `${what}: no answer from ${url} (${failure.detail})${tries}. Check the endpoint and the network.`;
    case 'body':
      return `${what}: the answer from ${url} was broken (${failure.detail})${tries}. Try again later.`;
  }
}

async function getJson(url: string, what: string, endpoint: string, options: HubRequestOptions): Promise<{ body: unknown; response: Response }> {
  const doFetch = options.fetch ?? fetch;
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  const headers = hubHeaders(url, endpoint, options.token);
  const tokenSent = headers.has('Authorization');
  let failure: AttemptFailure = { kind: 'network', detail: 'no attempt made' };

  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    if (attempt > 0) {
      options.onRetry?.(url, attempt, failure);
      await sleep(retryDelay(failure, attempt - 1, options), options.signal);
    }
    const timer = new IdleTimer(options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS, options.signal);
    try {
      const response = await doFetch(url, { headers, signal: timer.signal });
      if (!response.ok) {
        const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
        if (isRetryableStatus(response.status)) {
          failure = { kind: 'status', status: response.status, retryAfterSeconds };
          continue;
        }
        throw new HubError(describeHttpFailure(response.status, what, url, { tokenSent }), response.status, url, retryAfterSeconds);
      }
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        failure = timer.failureOf(error);
        continue;
      }
      try {
        return { body: JSON.parse(text) as unknown, response };
      } catch {
        // A static host (the bundled hub, a plain file server) serves its HTML page for a path it does not have.
        if (isHtml(response, text)) {
          const missing = `${what}: not found at ${url} (the server sent a web page instead of the Hub's JSON). Check the repository id and the revision`;
          throw new HubError(`${missing}${bundledHint(url)}.`, 404, url);
        }
        throw new HubError(`${what}: the answer from ${url} is not JSON. Check that the endpoint in Settings is a Hugging Face Hub or a mirror of it.`, response.status, url);
      }
    } catch (error) {
      if (error instanceof HubError) throw error;
      failure = timer.failureOf(error);
    } finally {
      timer.dispose();
    }
  }
  const status = failure.kind === 'status' ? failure.status : 0;
  const retryAfter = failure.kind === 'status' ? failure.retryAfterSeconds : null;
  throw new HubError(describeAttemptFailure(failure, what, url, { tokenSent, attempts: maxAttempts }), status, url, retryAfter);
}

/** Resolves a branch, tag or commit to its 40-hex commit id. Throws a HubError the user can read. */
export async function resolveCommit(ref: RepoRef, revision: string, options: HubRequestOptions = {}): Promise<string> {
  const url = `${apiBase(ref)}/revision/${encodeURIComponent(revision)}`;
  const { body } = await getJson(url, `Revision ${revision} of ${ref.repo}`, ref.endpoint, options);
  const sha = (body as { sha?: unknown }).sha;
  if (typeof sha !== 'string' || !isCommitId(sha)) {
    throw new HubError(`Revision ${revision} of ${ref.repo}: the answer from ${url} has no 40-hex commit id in "sha". Check that the endpoint is a Hugging Face Hub.`, 200, url);
  }
  return sha;
}

interface TreeEntry {
  type?: unknown;
  path?: unknown;
  size?: unknown;
  oid?: unknown;
  lfs?: { oid?: unknown; size?: unknown } | null;
  xetHash?: unknown;
}

/** Reads one entry of a tree listing; returns null for folders and malformed entries. */
export function parseTreeEntry(entry: unknown): RepoFile | null {
  if (typeof entry !== 'object' || entry === null) return null;
  const e = entry as TreeEntry;
  if (e.type !== 'file' || typeof e.path !== 'string' || typeof e.size !== 'number') return null;
  const lfsOid = typeof e.lfs?.oid === 'string' && /^[0-9a-f]{64}$/.test(e.lfs.oid) ? e.lfs.oid : null;
  const xetHash = typeof e.xetHash === 'string' ? e.xetHash : null;
  // An LFS or Xet file's `oid` names its pointer file; only a plain git file's names the content.
  const inGit = !e.lfs && xetHash === null;
  return {
    path: e.path,
    size: e.size,
    gitOid: inGit && typeof e.oid === 'string' && /^[0-9a-f]{40}$/.test(e.oid) ? e.oid : null,
    sha256: lfsOid,
    xetHash,
  };
}

/** Reads the `next` link of a paginated Hub answer. */
function nextPage(response: Response, current: string): string | null {
  const link = response.headers.get('link');
  const match = link ? /<([^>]+)>;\s*rel="next"/.exec(link) : null;
  return match ? new URL(match[1]!, current).toString() : null;
}

/** Lists every file of the repository at `commit`, following the Hub's pagination. */
export async function listFiles(ref: RepoRef, commit: string, options: HubRequestOptions = {}): Promise<RepoFile[]> {
  const files: RepoFile[] = [];
  let url: string | null = `${apiBase(ref)}/tree/${encodeURIComponent(commit)}?recursive=true&expand=false`;
  while (url) {
    const { body, response }: { body: unknown; response: Response } = await getJson(url, `File list of ${ref.repo}`, ref.endpoint, options);
    if (!Array.isArray(body)) throw new HubError(`File list of ${ref.repo}: the answer from ${url} is not a list. Check that the endpoint is a Hugging Face Hub.`, 200, url);
    for (const entry of body as unknown[]) {
      const file = parseTreeEntry(entry);
      if (file) files.push(file);
    }
    url = nextPage(response, url);
  }
  return files;
}

/** Resolves a revision and lists the files at its commit. */
export async function resolveRevision(ref: RepoRef, revision: string, options: HubRequestOptions = {}): Promise<ResolvedRevision> {
  const commit = await resolveCommit(ref, revision, options);
  return { commit, files: await listFiles(ref, commit, options) };
}
