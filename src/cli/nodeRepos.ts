/**
 * Repository access for the command line: the bundled repositories read from public/hub on disk, any
 * other endpoint over HTTP, both through the same Hub client. Files are verified and held in memory.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fileUrl, resolveRevision, type HubRequestOptions, type RepoFile, type RepoRef } from '../hub/client';
import { verifyFile } from '../hub/verify';
import { fileFetch } from './fileFetch';

/** The folder of the app's bundled repositories. */
export const BUNDLED_HUB_DIR = resolve(import.meta.dirname, '..', '..', 'public', 'hub');

/** The endpoint URL for a command-line endpoint name: `bundled` becomes a file URL of public/hub. */
export function endpointUrl(endpoint: string): string {
  return endpoint === 'bundled' ? pathToFileURL(BUNDLED_HUB_DIR).href : endpoint;
}

/** A repository pinned to a commit, with its file list and a verified reader. */
export interface PinnedRepo {
  ref: RepoRef;
  commit: string;
  files: RepoFile[];
  /** Downloads and verifies a file; throws when the repository lacks it or the bytes do not match. */
  read(path: string): Promise<Uint8Array>;
}

/** Resolves `revision` of the repository and returns a reader for its files at that commit. */
export async function openRepo(
  endpoint: string,
  kind: RepoRef['kind'],
  repo: string,
  revision: string,
  token: string | null,
): Promise<PinnedRepo> {
  const ref: RepoRef = { endpoint: endpointUrl(endpoint), kind, repo };
  const options: HubRequestOptions = { fetch: fileFetch, token };
  const { commit, files } = await resolveRevision(ref, revision, options);
  const byPath = new Map(files.map((f) => [f.path, f]));
  return {
    ref,
    commit,
    files,
    async read(path: string): Promise<Uint8Array> {
      const file = byPath.get(path);
      if (!file) throw new Error(`${repo} has no file ${path} at ${commit}`);
      const url = fileUrl(ref, commit, path);
      const response = await fileFetch(url, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      await verifyFile(file, bytes);
      return bytes;
    },
  };
}
