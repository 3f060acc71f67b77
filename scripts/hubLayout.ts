/**
 * Writes a repository in the Hugging Face Hub's URL layout under a folder: the files under
 * `[datasets/]{org}/{name}/resolve/{commit}/`, and the API answers `api/{models|datasets}/{id}/revision/{main|commit}`
 * and `api/…/tree/{main|commit}` with sizes, git blob ids and, for LFS-style files, sha256.
 * Used by the bundled hub's build script and by tests that serve repositories of their own.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Files the Hub stores in LFS: binary formats and anything of 10 MB or more. */
export function isLfsFile(path: string, size: number): boolean {
  return /\.(onnx|onnx_data(_\d+)?|parquet|bin|safetensors)$/.test(path) || size >= 10 * 1024 * 1024;
}

function gitBlobId(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

function commitId(files: Map<string, Buffer>): string {
  const hash = createHash('sha1');
  for (const path of [...files.keys()].sort()) {
    hash.update(`${path}\0${sha256(files.get(path)!)}\n`);
  }
  return hash.digest('hex');
}

/** A repository to write: its kind, its `org/name` id and its files by path. */
export interface HubRepoFiles {
  kind: 'model' | 'dataset';
  id: string;
  files: Map<string, Buffer>;
}

/** Writes the repository under `hubDir`, replacing an earlier copy, and returns its commit id. */
export function writeHubRepo(hubDir: string, { kind, id, files }: HubRepoFiles): string {
  const commit = commitId(files);
  const repoDir = join(hubDir, kind === 'dataset' ? 'datasets' : '', id);
  const apiDir = join(hubDir, 'api', kind === 'dataset' ? 'datasets' : 'models', id);
  rmSync(join(repoDir, 'resolve'), { recursive: true, force: true });
  rmSync(apiDir, { recursive: true, force: true });

  const tree = [];
  for (const path of [...files.keys()].sort()) {
    const content = files.get(path)!;
    const target = join(repoDir, 'resolve', commit, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    const entry: Record<string, unknown> = { type: 'file', oid: gitBlobId(content), size: content.length, path };
    if (isLfsFile(path, content.length)) entry.lfs = { oid: sha256(content), size: content.length, pointerSize: 134 };
    tree.push(entry);
  }

  const info = {
    id,
    sha: commit,
    private: false,
    gated: false,
    ...(kind === 'model' ? { pipeline_tag: 'text-generation', library_name: 'transformers.js' } : {}),
    siblings: [...files.keys()].sort().map((rfilename) => ({ rfilename })),
  };
  for (const revision of ['main', commit]) {
    mkdirSync(join(apiDir, 'revision'), { recursive: true });
    mkdirSync(join(apiDir, 'tree'), { recursive: true });
    writeFileSync(join(apiDir, 'revision', revision), JSON.stringify(info, null, 1) + '\n');
    writeFileSync(join(apiDir, 'tree', revision), JSON.stringify(tree, null, 1) + '\n');
  }
  return commit;
}

