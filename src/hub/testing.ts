/**
 * Helpers of the hub's unit tests: download requests aimed at an in-process test Hub
 * (e2e/hub-server), each under its own endpoint key so tests never share IndexedDB records.
 */
import { buildRepo, seededBytes, type RepoSpec } from '../../e2e/hub-server/repos';
import type { EnsureRepoRequest } from './download';
import type { RepoFile } from './client';
import { CHUNK_SIZE } from './store';

let endpointCount = 0;

/** A request for every file of `repo` on `endpointUrl`, under a fresh endpoint key. */
export function testRequest(endpointUrl: string, repo: string, overrides: Partial<EnsureRepoRequest> = {}): EnsureRepoRequest {
  endpointCount++;
  return {
    endpointKey: `${endpointUrl}#test-${endpointCount}`,
    endpointUrl,
    kind: 'model',
    repo,
    revision: 'main',
    dtype: null,
    pickFiles: (files: RepoFile[]) => files,
    ...overrides,
  };
}

/** Size of the large test file: two full chunks and a part of a third. */
export const LARGE_FILE_SIZE = 2 * CHUNK_SIZE + 1234;

/** A model repository with a small git file and a three-chunk LFS file. */
export function largeRepoSpec(id: string, seed = 7, extra: Partial<RepoSpec> = {}): RepoSpec {
  return {
    id,
    files: { 'config.json': JSON.stringify({ model_type: 'gpt2', seed }), 'onnx/model.onnx': seededBytes(LARGE_FILE_SIZE, seed) },
    ...extra,
  };
}

/** Builds the large test repository. */
export function largeRepo(id: string, seed = 7, extra: Partial<RepoSpec> = {}): ReturnType<typeof buildRepo> {
  return buildRepo(largeRepoSpec(id, seed, extra));
}

/** Millisecond retry delays, so failing tests stay fast. */
export const FAST_RETRIES = { retryDelayMs: () => 5 } as const;
