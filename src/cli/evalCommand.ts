/**
 * `npm run eval`: loads each model from its endpoint, runs the task under each protocol, prints the
 * study's report lines on stdout (progress on stderr) and writes the results JSON.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { loadMmlu } from '../datasets/mmluRepo';
import { evaluateMmlu } from '../engine/evaluate';
import type { ScoringProgress } from '../engine/progress';
import { formatReport } from '../engine/report';
import { reportName, type ModelRun, type ResultsFile } from '../engine/results';
import type { ModelRef, TaskResult } from '../engine/types';
import { selectModelFiles } from '../hub/modelFiles';
import { loadTransformersLM } from '../model/transformersLM';
import type { EvalOptions } from './evalArgs';
import { openRepo } from './nodeRepos';

const MMLU_REPO = 'bundled/mmlu';

function progressLine(label: string, p: ScoringProgress): string {
  const rate = p.itemsPerSecond > 0 ? `${p.itemsPerSecond.toFixed(1)} items/s` : '';
  const left = p.secondsLeft !== null ? `${Math.ceil(p.secondsLeft)} s left` : '';
  return `\r${label}: ${p.done}/${p.total} ${rate} ${left}   `;
}

/** Runs the evaluation and returns the results file it wrote, with its path. */
export async function runEval(options: EvalOptions, write: (line: string) => void): Promise<{ path: string; results: ResultsFile }> {
  const dataRepo = await openRepo('bundled', 'dataset', MMLU_REPO, 'main', null);
  const readText = async (path: string) => new TextDecoder().decode(await dataRepo.read(path));
  const data = await loadMmlu(dataRepo.files.map((f) => f.path), readText, options.subjects);
  const subjects = options.subjects ?? Object.keys(Object.fromEntries(data.test)).sort();

  const runs: ModelRun[] = [];
  for (const spec of options.models) {
    const repo = await openRepo(options.endpoint, 'model', spec.repo, spec.revision, options.token);
    const needed = selectModelFiles(repo.files, options.dtype);
    const bytes = new Map<string, Uint8Array>();
    for (const file of needed) bytes.set(file.path, await repo.read(file.path));
    const lm = await loadTransformersLM({
      files: { get: async (path) => bytes.get(path) ?? null },
      device: 'cpu',
      dtype: options.dtype,
    });

    const model: ModelRef = { endpoint: options.endpoint, repo: spec.repo, revision: spec.revision, commit: repo.commit, dtype: options.dtype };
    const startedAt = new Date();
    const started = performance.now();
    const tasks: TaskResult[] = [];
    try {
      for (const settings of options.settings) {
        const label = `${spec.repo} ${settings.protocol}`;
        process.stderr.write(`# ${reportName(model)}: MMLU under the ${settings.protocol} protocol\n`);
        const result = await evaluateMmlu(lm, data, { subjects, limit: options.limit, settings }, {
          onProgress: (p) => process.stderr.write(progressLine(label, p)),
        });
        process.stderr.write('\n');
        tasks.push(result);
        for (const line of formatReport(reportName(model), result.figures)) write(line);
      }
    } finally {
      await lm.dispose();
    }
    runs.push({
      model,
      execution: { device: 'cpu', reason: 'Node.js runs onnxruntime-node on the CPU', backend: 'transformers.js' },
      tasks,
      startedAt: startedAt.toISOString(),
      durationMs: performance.now() - started,
    });
  }

  const results: ResultsFile = { format: 'lm-eval-workbench-results', version: 1, createdAt: new Date().toISOString(), runs };
  const path = resolve(options.out ?? `results/eval-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(results) + '\n');
  return { path, results };
}
