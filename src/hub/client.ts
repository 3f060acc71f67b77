/**
 * The Hub's HTTP API as the workbench uses it: resolve a revision to its commit, list a repository's
 * files with sizes and hashes, and build the URL of a file at a commit. Works against huggingface.co,
 * a mirror with the same layout, the app's bundled repositories, and the test servers alike: only the
 * endpoint and the fetch function differ.
 */

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
  /** Git blob id (sha1 of `blob {size}\0{content}`). */
  gitOid: string | null;
  /** sha256 of the content, given by the Hub for files stored in LFS or Xet. */
  sha256: string | null;
}

/** A revision resolved to a commit, with the repository's files at that commit. */
export interface ResolvedRevision {
  commit: string;
  files: RepoFile[];
}

/** Options of every call: the fetch function and an access token for gated repositories. */
export interface HubRequestOptions {
  fetch?: typeof fetch;
  /** Sent as `Authorization: Bearer …`, only to this endpoint. */
  token?: string | null;
  signal?: AbortSignal;
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

/** Headers of a request to the endpoint, with the token when one is set. */
export function hubHeaders(options: HubRequestOptions): Headers {
  const headers = new Headers();
  if (options.token) headers.set('Authorization', `Bearer ${options.token}`);
  return headers;
}

/** Explains a failed answer in words a user can act on. */
export function describeHttpFailure(status: number, what: string, url: string): string {
  switch (status) {
    case 401:
      return `${what}: the endpoint asks for an access token (HTTP 401). Set one in Settings if the repository is gated or private.`;
    case 403:
      return `${what}: access denied (HTTP 403). Accept the repository's terms on its Hub page, or check that the token may read it.`;
    case 404:
      return `${what}: not found (HTTP 404) at ${url}. Check the repository id, the revision and the endpoint.`;
    case 429:
      return `${what}: the endpoint is rate-limiting requests (HTTP 429). Wait a minute and try again.`;
    default:
      return status >= 500
        ? `${what}: the endpoint failed (HTTP ${status}). Try again later.`
        : `${what}: unexpected HTTP ${status} from ${url}.`;
  }
}

async function getJson(url: string, what: string, options: HubRequestOptions): Promise<{ body: unknown; response: Response }> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url, { headers: hubHeaders(options), signal: options.signal ?? null });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new HubError(`${what}: no answer from ${url} (${(error as Error).message}). Check the endpoint and the network.`, 0, url);
  }
  if (!response.ok) {
    const retry = Number(response.headers.get('retry-after'));
    throw new HubError(describeHttpFailure(response.status, what, url), response.status, url, Number.isFinite(retry) && retry > 0 ? retry : null);
  }
  try {
    return { body: await response.json(), response };
  } catch {
    throw new HubError(`${what}: the answer from ${url} is not JSON. Is the endpoint a Hugging Face Hub?`, response.status, url);
  }
}

/** Resolves a branch, tag or commit to its 40-hex commit id. Throws a HubError the user can read. */
export async function resolveCommit(ref: RepoRef, revision: string, options: HubRequestOptions = {}): Promise<string> {
  const url = `${apiBase(ref)}/revision/${encodeURIComponent(revision)}`;
  const { body } = await getJson(url, `Revision ${revision} of ${ref.repo}`, options);
  const sha = (body as { sha?: unknown }).sha;
  if (typeof sha !== 'string' || !isCommitId(sha)) {
    throw new HubError(`Revision ${revision} of ${ref.repo}: the endpoint gave no commit id.`, 200, url);
  }
  return sha;
}

interface TreeEntry {
  type?: unknown;
  path?: unknown;
  size?: unknown;
  oid?: unknown;
  lfs?: { oid?: unknown; size?: unknown } | null;
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
    const { body, response }: { body: unknown; response: Response } = await getJson(url, `File list of ${ref.repo}`, options);
    if (!Array.isArray(body)) throw new HubError(`File list of ${ref.repo}: the endpoint did not answer with a list.`, 200, url);
    for (const entry of body as TreeEntry[]) {
      if (entry.type !== 'file' || typeof entry.path !== 'string' || typeof entry.size !== 'number') continue;
      const lfsOid = typeof entry.lfs?.oid === 'string' ? entry.lfs.oid : null;
      files.push({
        path: entry.path,
        size: entry.size,
        gitOid: typeof entry.oid === 'string' ? entry.oid : null,
        sha256: lfsOid && /^[0-9a-f]{64}$/.test(lfsOid) ? lfsOid : null,
      });
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
