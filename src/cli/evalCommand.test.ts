/**
 * The command line loads models with the worker's loader. A plain input_ids → logits export of
 * tiny-frozen runs on ONNX Runtime and scores like the bundled model on transformers.js.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ResultsFile } from '../engine/results';
import type { ChoiceItemRecord } from '../engine/types';
import { ensureTestHub, TEST_REPOS } from '../../scripts/onnx/testHub';
import { parseEvalArgs, UsageError } from './evalArgs';
import { runEval } from './evalCommand';

const outDir = mkdtempSync(join(tmpdir(), 'eval-command-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

async function evaluate(args: string[]): Promise<{ lines: string[]; results: ResultsFile }> {
  const options = parseEvalArgs([...args, '--task', 'mmlu', '--subjects', 'anatomy', '--limit', '6', '--out', join(outDir, `${args.join('_').replace(/\W/g, '')}.json`)], {});
  const lines: string[] = [];
  const { path } = await runEval(options!, (line) => lines.push(line));
  return { lines, results: JSON.parse(readFileSync(path, 'utf8')) as ResultsFile };
}

function choices(results: ResultsFile): number[][] {
  return results.runs[0]!.tasks[0]!.items.map((r) => (r as ChoiceItemRecord).logprobs);
}

describe('npm run eval', () => {
  it('scores a plain export on ONNX Runtime', async () => {
    const endpoint = pathToFileURL(ensureTestHub()).href;
    const raw = await evaluate(['--endpoint', endpoint, '--model', TEST_REPOS.raw]);
    const bundled = await evaluate(['--model', 'bundled/tiny-frozen']);

    expect(raw.results.runs[0]!.execution.backend).toBe('onnxruntime');
    expect(bundled.results.runs[0]!.execution.backend).toBe('transformers.js');
    const rawChoices = choices(raw.results);
    const bundledChoices = choices(bundled.results);
    expect(rawChoices).toHaveLength(6);
    rawChoices.forEach((row, i) => row.forEach((lp, j) => expect(Math.abs(lp - bundledChoices[i]![j]!)).toBeLessThan(1e-4)));
    // The figures are equal. Only the model name at the start of each line differs.
    expect(raw.lines.map((l) => l.replace(/^\S+/, ''))).toEqual(bundled.lines.map((l) => l.replace(/^\S+/, '')));
  }, 120_000);

  it('validates the --backend option', () => {
    expect(() => parseEvalArgs(['--backend', 'tensorflow'], {})).toThrow(new UsageError('--backend takes auto, transformers.js, onnxruntime, got "tensorflow"'));
    expect(parseEvalArgs(['--backend', 'onnxruntime'], {})!.backend).toBe('onnxruntime');
    expect(parseEvalArgs([], {})!.backend).toBe('auto');
  });
});
