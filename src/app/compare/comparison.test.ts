import { describe, expect, it } from 'vitest';
import { mcnemarExact } from '../../engine/metrics/mcnemar';
import type { ChoiceItemRecord, GenerationItemRecord } from '../../engine/types';
import { decodePermalink, encodePermalink } from '../../share/permalink';
import { syntheticMmluRun } from '../../share/syntheticRuns';
import { toSharedView } from '../../share/view';
import { comparePair, seriesPairs } from './comparison';

function runs(protocol: 'harness' | 'study') {
  return [
    syntheticMmluRun({ repo: 'org/a', protocol, seed: 5, limit: 20 }),
    syntheticMmluRun({ repo: 'org/b', protocol, seed: 6, limit: 20 }),
  ];
}

describe('comparePair', () => {
  it('tests each subject on its own items', () => {
    const [a, b] = runs('harness');
    const pair = comparePair([a!, b!], 0, 1, 'mmlu', 'harness');
    const anatomy = pair.rows.find((row) => row.key === 'anatomy')!;
    const own = (run: typeof a) => (run!.tasks[0]!.items as ChoiceItemRecord[]).filter((r) => r.subset === 'anatomy').map((r) => Number(r.correct));
    const expected = mcnemarExact(own(a), own(b));
    expect(anatomy.test!.b).toBe(expected.b);
    expect(anatomy.test!.c).toBe(expected.c);
    expect(anatomy.test!.pValue).toBe(expected.pValue);
    expect(anatomy.difference.method).toBe('paired-items');
    expect(anatomy.difference.value).toBeCloseTo(anatomy.a.value - anatomy.b.value, 10);
  });

  it('adjusts p-values across the 57 subjects', () => {
    const pair = comparePair(runs('harness'), 0, 1, 'mmlu', 'harness');
    expect(pair.rows).toHaveLength(57);
    expect(pair.tests).toBe(57);
    expect(pair.bonferroni).toBeCloseTo(0.05 / 57, 15);
    for (const row of pair.rows) expect(row.holmP!).toBeGreaterThanOrEqual(row.test!.pValue);
    expect(pair.overall!.test!.n).toBe(57 * 20);
    expect(pair.overall!.holmP).toBeNull();
  });

  it('gives the same tests from a link', () => {
    const full = runs('harness');
    const shared = decodePermalink(encodePermalink(toSharedView(full))).runs;
    const fromFull = comparePair(full, 0, 1, 'mmlu', 'harness');
    const fromLink = comparePair(shared, 0, 1, 'mmlu', 'harness');
    expect(fromLink.rows.map((row) => [row.test!.b, row.test!.c, row.test!.pValue])).toEqual(fromFull.rows.map((row) => [row.test!.b, row.test!.c, row.test!.pValue]));
    expect(fromLink.overall!.difference.ci95).toBeCloseTo(fromFull.overall!.difference.ci95, 10);
    expect(fromLink.unpairedReason).toBeNull();
  });

  it('tests study items by majority over runs', () => {
    const [a, b] = runs('study');
    const pair = comparePair([a!, b!], 0, 1, 'mmlu', 'study');
    const majority = (run: typeof a) =>
      (run!.tasks[0]!.items as GenerationItemRecord[]).map((r) => Number(2 * r.correct.filter(Boolean).length > r.correct.length));
    const expected = mcnemarExact(majority(a), majority(b));
    expect(pair.overall!.test!.b).toBe(expected.b);
    expect(pair.overall!.test!.c).toBe(expected.c);
    expect(pair.overall!.difference.method).toBe('runs');
  });

  it('falls back to unpaired intervals without per-item data', () => {
    const full = runs('harness');
    const shared = toSharedView(full).runs.map((run) => ({ ...run, tasks: run.tasks.map(({ itemCorrectness: _dropped, ...task }) => ({ ...task, itemsDropped: true })) }));
    const pair = comparePair(shared, 0, 1, 'mmlu', 'harness');
    expect(pair.tests).toBe(0);
    expect(pair.rows[0]!.test).toBeNull();
    expect(pair.rows[0]!.difference.method).toBe('unpaired');
    expect(pair.unpairedReason).toMatch(/left out the per-item results/);
  });
});

describe('seriesPairs', () => {
  it('lists every pair once', () => {
    expect(seriesPairs(3)).toEqual([[0, 1], [0, 2], [1, 2]]);
    expect(seriesPairs(1)).toEqual([]);
  });
});
