/**
 * Repositories the test Hub serves: built in memory by a test, or read from the app's bundled hub
 * under public/hub (read from disk on request, never copied). Each has commits and refs (branches
 * and tags) that point at them. Each commit lists its files with the ids the Hub lists: git blob ids
 * for plain files, and for LFS or Xet files the pointer's blob id plus the content's sha256.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One file of a commit as the server lists and serves it. */
export interface ServedFile {
  path: string;
  size: number;
  /** What the tree listing gives as `oid`: the content's blob id, or the LFS pointer's. */
  oid: string;
  /** sha256 of the content for LFS and Xet files, listed as `lfs.oid`; null for plain git files. */
  lfsSha256: string | null;
  /** Listed as `xetHash` when set. */
  xetHash: string | null;
  /** Whether the listing omits `lfs` for this Xet file, as a Hub that lists only `xetHash` would. */
  hideLfs: boolean;
  read(): Promise<Uint8Array>;
}

/** A repository: its commits by id and the refs that name them. */
export interface HubRepo {
  kind: 'model' | 'dataset';
  /** `org/name`. */
  id: string;
  commits: Map<string, Map<string, ServedFile>>;
  /** Branch and tag names to commit ids; `main` is the default branch. */
  refs: Map<string, string>;
  /** When set, every request must carry `Authorization: Bearer {token}`, as for a gated or private repository. */
  token: string | null;
}

/** How a test describes a file: its content, and whether the Hub stores it in LFS or Xet. */
export interface FileSpec {
  content: Uint8Array | string;
  storage?: 'git' | 'lfs' | 'xet' | 'xet-only';
}

/** A repository a test builds. */
export interface RepoSpec {
  id: string;
  kind?: 'model' | 'dataset';
  files: Record<string, Uint8Array | string | FileSpec>;
  /** Tags pointing at the first commit. */
  tags?: string[];
  token?: string;
}

/** sha256 of bytes, lower-case hex. */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Git's blob id of bytes: sha1 of `blob {size}\0{content}`. */
export function gitBlobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.byteLength}\0`).update(bytes).digest('hex');
}

function lfsPointer(sha256: string, size: number): Uint8Array {
  return new TextEncoder().encode(`version https://git-lfs.github.com/spec/v1\noid sha256:${sha256}\nsize ${size}\n`);
}

/** Bytes that look random but repeat for the same seed (xorshift32). */
export function seededBytes(size: number, seed: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

function servedFile(path: string, spec: Uint8Array | string | FileSpec): ServedFile {
  const normalized: FileSpec = typeof spec === 'string' || spec instanceof Uint8Array ? { content: spec } : spec;
  const content = typeof normalized.content === 'string' ? new TextEncoder().encode(normalized.content) : normalized.content;
  const storage = normalized.storage ?? (/\.(onnx|onnx_data(_\d+)?|bin|safetensors|parquet)$/.test(path) ? 'lfs' : 'git');
  const sha = sha256Hex(content);
  const large = storage !== 'git';
  return {
    path,
    size: content.byteLength,
    oid: large ? gitBlobId(lfsPointer(sha, content.byteLength)) : gitBlobId(content),
    lfsSha256: large ? sha : null,
    xetHash: storage === 'xet' || storage === 'xet-only' ? sha256Hex(`xet:${sha}`) : null,
    hideLfs: storage === 'xet-only',
    read: () => Promise.resolve(content),
  };
}

function commitIdOf(files: Map<string, ServedFile>, parent: string | null): string {
  const hash = createHash('sha1');
  hash.update(`parent ${parent ?? 'none'}\n`);
  for (const path of [...files.keys()].sort()) hash.update(`${path}\0${files.get(path)!.oid}\n`);
  return hash.digest('hex');
}

/** Builds a repository with one commit on `main` (and the tags), from files given in memory. */
export function buildRepo(spec: RepoSpec): HubRepo {
  const files = new Map(Object.entries(spec.files).map(([path, file]) => [path, servedFile(path, file)]));
  const commit = commitIdOf(files, null);
  const refs = new Map<string, string>([['main', commit]]);
  for (const tag of spec.tags ?? []) refs.set(tag, commit);
  return { kind: spec.kind ?? 'model', id: spec.id, commits: new Map([[commit, files]]), refs, token: spec.token ?? null };
}

/**
 * Adds a commit to `branch` (default `main`) with files changed or added, the rest kept from the
 * branch's current commit. Returns the new commit id.
 */
export function pushCommit(repo: HubRepo, changes: Record<string, Uint8Array | string | FileSpec>, branch = 'main'): string {
  const parent = repo.refs.get(branch) ?? null;
  const files = new Map(parent ? repo.commits.get(parent) : undefined);
  for (const [path, file] of Object.entries(changes)) files.set(path, servedFile(path, file));
  const commit = commitIdOf(files, parent);
  repo.commits.set(commit, files);
  repo.refs.set(branch, commit);
  return commit;
}

interface BundledTreeEntry {
  type: string;
  path: string;
  size: number;
  oid: string;
  lfs?: { oid: string };
}

/**
 * Reads a repository of the app's bundled hub (public/hub): its commit and listing from the API
 * files, its contents from the resolve folder, each read from disk when requested.
 */
export function loadBundledRepo(hubDir: string, kind: 'model' | 'dataset', id: string): HubRepo {
  const apiDir = join(hubDir, 'api', kind === 'dataset' ? 'datasets' : 'models', id);
  const info = JSON.parse(readFileSync(join(apiDir, 'revision', 'main'), 'utf8')) as { sha: string };
  const tree = JSON.parse(readFileSync(join(apiDir, 'tree', info.sha), 'utf8')) as BundledTreeEntry[];
  const resolveDir = join(hubDir, kind === 'dataset' ? 'datasets' : '', id, 'resolve', info.sha);
  const files = new Map<string, ServedFile>();
  for (const entry of tree) {
    if (entry.type !== 'file') continue;
    files.set(entry.path, {
      path: entry.path,
      size: entry.size,
      oid: entry.oid,
      lfsSha256: entry.lfs?.oid ?? null,
      xetHash: null,
      hideLfs: false,
      read: async () => new Uint8Array(await readFile(join(resolveDir, entry.path))),
    });
  }
  return { kind, id, commits: new Map([[info.sha, files]]), refs: new Map([['main', info.sha]]), token: null };
}
