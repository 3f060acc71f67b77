/**
 * `npm run eval`: loads each model from its endpoint, runs every task under each protocol, prints the
 * study's report lines on stdout (progress on stderr) and writes the results JSON.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { formatTaskReport } from '../engine/report';
import type { ScoringProgress } from '../engine/progress';
import { reportName, type ModelRun, type ResultsFile } from '../engine/results';
import type { ModelRef } from '../engine/types';
import { prepareSuite, runSuite } from '../evaluation/suite';
import { selectModelFiles } from '../hub/modelFiles';
import { loadModel } from '../model/loadModel';
import { nodeRuntime } from '../model/ortRuntimeNode';
import type { DataAccess } from '../datasets/catalog';
import type { EvalOptions } from './evalArgs';
import { openRepo, type PinnedRepo } from './nodeRepos';

function progressLine(label: string, p: ScoringProgress): string {
  const rate = p.itemsPerSecond > 0 ? `${p.itemsPerSecond.toFixed(1)} items/s` : '';
  const left = p.secondsLeft !== null ? `${Math.ceil(p.secondsLeft)} s left` : '';
  return `\r${label}: ${p.done}/${p.total} ${rate} ${left}   `;
}

/** Reaches the bundled dataset repositories and any Hub dataset, each repository pinned once. */
function datasetAccess(token: string | null): DataAccess {
  const repos = new Map<string, Promise<PinnedRepo>>();
  const open = (endpoint: string, repo: string, revision: string) => {
    const key = `${endpoint}|${repo}|${revision}`;
    let pinned = repos.get(key);
    if (!pinned) {
      pinned = openRepo(endpoint, 'dataset', repo, revision, endpoint === 'bundled' ? null : token);
      repos.set(key, pinned);
    }
    return pinned;
  };
  return {
    read: async (repo, path) => new TextDecoder().decode(await (await open('bundled', repo, 'main')).read(path)),
    list: async (repo) => (await open('bundled', repo, 'main')).files.map((f) => f.path),
    fetchHubFile: async (source, path) => (await open(source.endpoint, source.repo, source.revision)).read(path),
  };
}

/** Runs the evaluation and returns the results file it wrote, with its path. */
export async function runEval(options: EvalOptions, write: (line: string) => void): Promise<{ path: string; results: ResultsFile }> {
  const entries = await prepareSuite(options.tasks, options.settings, datasetAccess(options.token));
  for (const entry of entries) process.stderr.write(`# ${entry.prepared.label} (${entry.settings.protocol}): ${entry.prepared.source}\n`);

  const runs: ModelRun[] = [];
  for (const spec of options.models) {
    const repo = await openRepo(options.endpoint, 'model', spec.repo, spec.revision, options.token);
    const bytes = new Map<string, Uint8Array>();
    for (const file of selectModelFiles(repo.files, options.dtype)) bytes.set(file.path, await repo.read(file.path));
    const files = { get: async (path: string) => bytes.get(path) ?? null };
    const { lm, backend } = await loadModel({ files, device: 'cpu', dtype: options.dtype, backend: options.backend, ortRuntime: nodeRuntime });
    const model: ModelRef = { endpoint: options.endpoint, repo: spec.repo, revision: spec.revision, commit: repo.commit, dtype: options.dtype };
    const startedAt = new Date();
    const started = performance.now();
    try {
      const tasks = await runSuite(lm, entries, {
        onProgress: (entry, p) => process.stderr.write(progressLine(`${spec.repo} ${entry.prepared.label} ${entry.settings.protocol}`, p)),
      });
      process.stderr.write('\n');
      for (const task of tasks) for (const line of formatTaskReport(reportName(model), task)) write(line);
      runs.push({
        model,
        execution: { device: 'cpu', reason: 'Node.js runs onnxruntime-node on the CPU', backend, counters: { ...lm.counters } },
        tasks,
        startedAt: startedAt.toISOString(),
        durationMs: performance.now() - started,
      });
    } finally {
      await lm.dispose();
    }
  }

  const results: ResultsFile = { format: 'lm-eval-workbench-results', version: 1, createdAt: new Date().toISOString(), runs };
  const path = resolve(options.out ?? `results/eval-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(results) + '\n');
  return { path, results };
}
