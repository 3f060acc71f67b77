/**
 * A stand-in for the Hugging Face Hub for tests: node:http on 127.0.0.1, the Hub's URL layout for
 * models and datasets (`/{id}/resolve/{rev}/{path}`, `/api/{models|datasets}/{id}/revision/{rev}` and
 * `/tree/{rev}` with Link pagination), Range requests, and LFS files redirected to a second server on
 * another port, as the Hub redirects them to its storage host. Every answer carries the CORS and CORP
 * headers a cross-origin isolated page needs, faults are injected per test (faults.ts), and every
 * request is logged for assertions.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FaultBook, type Fault, type FaultRule } from './faults';
import type { HubRepo, ServedFile } from './repos';

/** One request as the server saw it. */
export interface LoggedRequest {
  server: 'hub' | 'storage';
  method: string;
  /** Path and query of the URL. */
  url: string;
  range: string | null;
  /** The bearer token sent, or null when the request had no Authorization header. */
  bearer: string | null;
  status: number;
}

/** Options of a test Hub. */
export interface HubServerOptions {
  repos?: HubRepo[];
  /** Entries per page of a tree listing; all in one page when unset. */
  treePageSize?: number;
}

/** A running test Hub. */
export interface HubServer {
  /** Base URL of the Hub, `http://127.0.0.1:{port}`. */
  readonly url: string;
  /** Base URL of the storage host that LFS files redirect to. */
  readonly storageUrl: string;
  /** Every request so far, oldest first. */
  readonly requests: LoggedRequest[];
  addRepo(repo: HubRepo): void;
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  clearRequests(): void;
  close(): Promise<void>;
}

const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers':
    'Content-Range, Content-Length, Accept-Ranges, ETag, Link, Retry-After, X-Repo-Commit, X-Linked-Etag, X-Linked-Size, X-Error-Code, X-Error-Message',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

/** Parses `Range: bytes=a-b | a- | -n` against a size; null when absent, 'invalid' when unsatisfiable. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | 'invalid' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return 'invalid';
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  return start > end || start >= size ? 'invalid' : { start, end };
}

/** Starts a test Hub and its storage host on free ports of 127.0.0.1. */
export async function startHubServer(options: HubServerOptions = {}): Promise<HubServer> {
  const repos = new Map<string, HubRepo>();
  const addRepo = (repo: HubRepo): void => void repos.set(`${repo.kind}:${repo.id}`, repo);
  for (const repo of options.repos ?? []) addRepo(repo);
  const faults = new FaultBook();
  const requests: LoggedRequest[] = [];
  const sockets = new Set<Socket>();

  const storage = await listen(createServer((req, res) => void handleStorage(req, res)), sockets);
  const hub = await listen(createServer((req, res) => void handleHub(req, res)), sockets);
  const hubUrl = `http://127.0.0.1:${(hub.address() as AddressInfo).port}`;
  const storageUrl = `http://127.0.0.1:${(storage.address() as AddressInfo).port}`;

  function log(server: 'hub' | 'storage', req: IncomingMessage, status: number): void {
    const auth = req.headers.authorization;
    requests.push({ server, method: req.method ?? 'GET', url: req.url ?? '/', range: req.headers.range ?? null, bearer: auth?.startsWith('Bearer ') ? auth.slice(7) : null, status });
  }

  function sendError(server: 'hub' | 'storage', req: IncomingMessage, res: ServerResponse, status: number, message: string, extra: Record<string, string> = {}): void {
    log(server, req, status);
    res.writeHead(status, { ...CORS_HEADERS, 'Content-Type': 'application/json', 'X-Error-Message': message, ...extra });
    res.end(JSON.stringify({ error: message }));
  }

  function sendJson(req: IncomingMessage, res: ServerResponse, body: unknown, extra: Record<string, string> = {}): void {
    const fault = takeFault('hub', req);
    if (fault?.kind === 'status' || fault?.kind === 'stall') return applyStatusOrStall('hub', req, res, fault);
    log('hub', req, 200);
    const bytes = Buffer.from(JSON.stringify(body));
    sendBytes(res, 200, { ...CORS_HEADERS, 'Content-Type': 'application/json', 'Content-Length': String(bytes.byteLength), ...extra }, bytes, req.method === 'HEAD', fault);
  }

  function takeFault(server: 'hub' | 'storage', req: IncomingMessage, applies?: (fault: Fault) => boolean): Fault | null {
    if (req.method !== 'GET') return null;
    const range = /^bytes=(\d+)-/.exec(req.headers.range ?? '');
    return faults.take(server, new URL(req.url ?? '/', 'http://x').pathname, range ? Number(range[1]) : 0, applies);
  }

  function applyStatusOrStall(server: 'hub' | 'storage', req: IncomingMessage, res: ServerResponse, fault: Fault): void {
    if (fault.kind === 'status') {
      const extra: Record<string, string> = fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {};
      sendError(server, req, res, fault.status, `Injected HTTP ${fault.status}`, extra);
    } else {
      // A stall with no headers: the request stays open until the client gives up or the server closes.
      log(server, req, 0);
    }
  }

  async function sendFile(server: 'hub' | 'storage', req: IncomingMessage, res: ServerResponse, file: ServedFile, headers: Record<string, string>): Promise<void> {
    const fault = takeFault(server, req);
    if (fault?.kind === 'status' || (fault?.kind === 'stall' && fault.afterBytes === undefined)) return applyStatusOrStall(server, req, res, fault);
    const range = parseRange(req.headers.range, file.size);
    if (range === 'invalid') return sendError(server, req, res, 416, 'Range Not Satisfiable', { 'Content-Range': `bytes */${file.size}` });
    const content = await file.read();
    const start = range?.start ?? 0;
    const end = range?.end ?? file.size - 1;
    const status = range ? 206 : 200;
    log(server, req, status);
    const all: Record<string, string> = { ...CORS_HEADERS, ...headers, 'Accept-Ranges': 'bytes', 'Content-Type': 'application/octet-stream', 'Content-Length': String(end - start + 1) };
    if (range) all['Content-Range'] = `bytes ${start}-${end}/${file.size}`;
    sendBytes(res, status, all, content.subarray(start, end + 1), req.method === 'HEAD', fault);
  }

  function findRepo(kind: 'model' | 'dataset', id: string): HubRepo | undefined {
    return repos.get(`${kind}:${id}`);
  }

  /** Checks the bearer token of a gated repository; answers 401 and returns false when it is missing or wrong. */
  function authorized(repo: HubRepo, req: IncomingMessage, res: ServerResponse): boolean {
    if (repo.token === null || req.headers.authorization === `Bearer ${repo.token}`) return true;
    sendError('hub', req, res, 401, `Access to ${repo.id} is restricted. You must have access to it and be authenticated to access it.`, { 'X-Error-Code': 'GatedRepo' });
    return false;
  }

  function resolveRef(repo: HubRepo, revision: string): string | null {
    return repo.refs.get(revision) ?? (repo.commits.has(revision) ? revision : null);
  }

  async function handleHub(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'OPTIONS') return preflight(res);
    const url = new URL(req.url ?? '/', hubUrl);
    const segments = url.pathname.split('/').slice(1).map((s) => decodeURIComponent(s));
    const api = segments[0] === 'api' && (segments[1] === 'models' || segments[1] === 'datasets');
    const datasetPrefix = segments[0] === 'datasets' ? 1 : 0;
    const kind: 'model' | 'dataset' = api ? (segments[1] === 'datasets' ? 'dataset' : 'model') : datasetPrefix ? 'dataset' : 'model';
    const base = api ? 2 : datasetPrefix;
    const id = `${segments[base] ?? ''}/${segments[base + 1] ?? ''}`;
    const action = segments[base + 2];
    const revision = segments[base + 3] ?? '';
    const rest = segments.slice(base + 4).join('/');

    const repo = findRepo(kind, id);
    if (!repo) return sendError('hub', req, res, 404, `Repository ${id} not found`, { 'X-Error-Code': 'RepoNotFound' });
    if (!authorized(repo, req, res)) return;
    const commit = resolveRef(repo, revision);
    if (!commit) return sendError('hub', req, res, 404, `Revision ${revision} not found`, { 'X-Error-Code': 'RevisionNotFound' });
    const files = repo.commits.get(commit)!;

    if (api && action === 'revision') {
      const siblings = [...files.keys()].sort().map((rfilename) => ({ rfilename }));
      return sendJson(req, res, { id, sha: commit, private: repo.token !== null, gated: repo.token !== null, siblings });
    }
    if (api && action === 'tree') return sendTree(req, res, url, files, rest);
    if (!api && action === 'resolve') {
      const file = files.get(rest);
      if (!file) return sendError('hub', req, res, 404, `Entry ${rest} not found`, { 'X-Error-Code': 'EntryNotFound' });
      const headers = { ETag: `"${file.oid}"`, 'X-Repo-Commit': commit };
      if (file.lfsSha256) {
        // A redirect has no body, so only status and stall faults apply to it; body faults wait for the storage host.
        const fault = takeFault('hub', req, (f) => f.kind === 'status' || f.kind === 'stall');
        if (fault) return applyStatusOrStall('hub', req, res, fault);
        log('hub', req, 302);
        res.writeHead(302, { ...CORS_HEADERS, ...headers, Location: `${storageUrl}/lfs/${file.lfsSha256}`, 'X-Linked-Etag': `"${file.lfsSha256}"`, 'X-Linked-Size': String(file.size) });
        res.end();
        return;
      }
      return sendFile('hub', req, res, file, headers);
    }
    sendError('hub', req, res, 404, `No route for ${url.pathname}`);
  }

  function sendTree(req: IncomingMessage, res: ServerResponse, url: URL, files: Map<string, ServedFile>, folder: string): void {
    const prefix = folder ? `${folder}/` : '';
    const recursive = url.searchParams.get('recursive') === 'true';
    const entries: Record<string, unknown>[] = [];
    const folders = new Set<string>();
    for (const path of [...files.keys()].sort()) {
      if (!path.startsWith(prefix)) continue;
      const inner = path.slice(prefix.length);
      const parts = inner.split('/');
      for (let depth = 1; depth < parts.length; depth++) folders.add(prefix + parts.slice(0, depth).join('/'));
      if (!recursive && parts.length > 1) continue;
      const file = files.get(path)!;
      const entry: Record<string, unknown> = { type: 'file', oid: file.oid, size: file.size, path };
      if (file.lfsSha256 && !file.hideLfs) entry.lfs = { oid: file.lfsSha256, size: file.size, pointerSize: 134 };
      if (file.xetHash) entry.xetHash = file.xetHash;
      entries.push(entry);
    }
    for (const path of folders) {
      if (recursive || !path.slice(prefix.length).includes('/')) entries.push({ type: 'directory', oid: '0'.repeat(40), size: 0, path });
    }
    entries.sort((a, b) => String(a.path).localeCompare(String(b.path)));

    const cursor = Number(url.searchParams.get('cursor') ?? '0');
    const pageSize = options.treePageSize ?? entries.length;
    const page = entries.slice(cursor, cursor + pageSize);
    const extra: Record<string, string> = {};
    if (cursor + pageSize < entries.length) {
      const next = new URL(url.toString());
      next.searchParams.set('cursor', String(cursor + pageSize));
      extra.Link = `<${next.toString()}>; rel="next"`;
    }
    sendJson(req, res, page, extra);
  }

  async function handleStorage(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'OPTIONS') return preflight(res);
    const match = /^\/lfs\/([0-9a-f]{64})$/.exec(new URL(req.url ?? '/', storageUrl).pathname);
    const file = match ? findLfsFile(match[1]!) : undefined;
    if (!file) return sendError('storage', req, res, 404, 'Object not found');
    return sendFile('storage', req, res, file, { ETag: `"${file.lfsSha256}"` });
  }

  function findLfsFile(sha256: string): ServedFile | undefined {
    for (const repo of repos.values()) for (const files of repo.commits.values()) for (const file of files.values()) if (file.lfsSha256 === sha256) return file;
    return undefined;
  }

  return {
    url: hubUrl,
    storageUrl,
    requests,
    addRepo,
    addFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    clearRequests: () => void requests.splice(0),
    async close() {
      for (const socket of sockets) socket.destroy();
      await Promise.all([hub, storage].map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}

function preflight(res: ServerResponse): void {
  res.writeHead(204, {
    ...CORS_HEADERS,
    'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
    'Access-Control-Allow-Headers': 'Authorization, Range, Content-Type',
    'Access-Control-Max-Age': '600',
  });
  res.end();
}

/** Writes an answer, applying a body fault: cut the connection, invert a byte, or stall after some bytes. */
function sendBytes(res: ServerResponse, status: number, headers: Record<string, string>, body: Uint8Array, headOnly: boolean, fault: Fault | null): void {
  res.writeHead(status, headers);
  if (headOnly) {
    res.end();
    return;
  }
  if (fault?.kind === 'corrupt' && fault.atByte < body.byteLength) {
    const copy = new Uint8Array(body);
    copy[fault.atByte] = copy[fault.atByte]! ^ 0xff;
    res.end(copy);
  } else if (fault?.kind === 'cut') {
    res.write(body.subarray(0, Math.min(fault.afterBytes, body.byteLength)), () => res.destroy());
  } else if (fault?.kind === 'stall') {
    res.write(body.subarray(0, Math.min(fault.afterBytes ?? 0, body.byteLength)));
  } else {
    res.end(body);
  }
}

async function listen(server: Server, sockets: Set<Socket>): Promise<Server> {
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return server;
}
