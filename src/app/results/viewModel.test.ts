import { describe, expect, it } from 'vitest';
import { accuracyFigures } from '../../engine/figures';
import type { ModelRun } from '../../engine/results';
import { syntheticMmluRun } from '../../share/syntheticRuns';
import { comparePair } from '../compare/comparison';
import { figureRows, overallFigures } from './viewModel';

/** Builds a run of one MMLU subject whose figures the engine computes as for a dropped-in `anatomy_test.csv`. */
function anatomyRun(repo: string, seed: number): ModelRun {
  const run = syntheticMmluRun({ repo, protocol: 'harness', seed, limit: 10 });
  const task = run.tasks[0]!;
  const items = task.items.filter((record) => record.subset === 'anatomy');
  const figures = accuracyFigures('MMLU', 'mmlu', 'harness', ['anatomy'], items);
  return { ...run, tasks: [{ ...task, subsets: ['anatomy'], items, figures }] };
}

describe('figureRows', () => {
  it('fills the row of a one-subject run', () => {
    const runs = [anatomyRun('org/a', 5), anatomyRun('org/b', 6)];
    const rows = figureRows(runs, 'mmlu', 'harness');
    expect(rows.map((row) => row.key)).toEqual(['anatomy']);
    const overall = overallFigures(runs, 'mmlu', 'harness');
    expect(rows[0]!.figures[0]).toBe(overall[0]);
    expect(rows[0]!.figures[1]).toBe(overall[1]);
    expect(rows[0]!.figures[0]!.nItems).toBe(10);
  });

  it('leaves a subject a run lacks empty', () => {
    const rows = figureRows([anatomyRun('org/a', 5), syntheticMmluRun({ repo: 'org/b', protocol: 'harness', seed: 6, limit: 10 })], 'mmlu', 'harness');
    const astronomy = rows.find((row) => row.key === 'astronomy')!;
    expect(astronomy.figures[0]).toBeNull();
    expect(astronomy.figures[1]!.subset).toBe('astronomy');
  });

  it('lets single-subject runs be compared', () => {
    const pair = comparePair([anatomyRun('org/a', 5), anatomyRun('org/b', 6)], 0, 1, 'mmlu', 'harness');
    expect(pair.rows.map((row) => row.key)).toEqual(['anatomy']);
    expect(pair.rows[0]!.test!.n).toBe(10);
  });
});
