import { describe, expect, it } from 'vitest';
import { accuracyFigures } from '../engine/figures';
import { mulberry32 } from '../engine/random';
import type { ChoiceItemRecord, Figure } from '../engine/types';
import { formatFixed } from '../util/pyFormat';
import { encodeFigures, FigureReader, roundFigure } from './figureCodec';
import type { SharedTask } from './view';

function harnessTask(seed: number): SharedTask {
  const random = mulberry32(seed);
  const subsets = ['anatomy', 'virology', 'marketing'];
  const items: ChoiceItemRecord[] = subsets.flatMap((subset, s) =>
    Array.from({ length: 40 + 17 * s }, (_, i) => {
      const correct = random.next() < 0.6;
      return { kind: 'choice', itemId: `${subset}/${i}`, subset, gold: 1, chosen: correct ? 1 : 0, correct, logprobs: [], greedy: [], normChosen: null };
    }),
  );
  return {
    task: 'mmlu', source: 'MMLU test', protocol: 'harness', settings: { protocol: 'harness', numFewshot: 5 }, limit: null, subsets,
    figures: accuracyFigures('MMLU', 'mmlu', 'harness', subsets, items),
  };
}

function decodeAll(task: SharedTask): Figure[] {
  const wire = encodeFigures(task, 'MMLU', 'task');
  const reader = new FigureReader({ task: task.task, subsets: task.subsets, labelBase: 'MMLU' }, 'task');
  return wire.map((figure, i) => reader.read(figure, i));
}

describe('roundFigure', () => {
  it('keeps the 2-decimal text of random values', () => {
    const random = mulberry32(3);
    for (let i = 0; i < 100_000; i++) {
      const value = random.next() * 100;
      expect(formatFixed(roundFigure(value), 2)).toBe(formatFixed(value, 2));
    }
  });

  it('keeps the 2-decimal text next to ties', () => {
    for (const value of [12.345, 12.344999, 12.3449999999, 0.125, 0.005, 99.995, 100, 0]) {
      expect(formatFixed(roundFigure(value), 2)).toBe(formatFixed(value, 2));
      expect(formatFixed(roundFigure(value), 2)).toBe(formatFixed(roundFigure(roundFigure(value)), 2));
    }
  });

  it('rounds to 4 decimals', () => {
    expect(roundFigure(63.49206349206349)).toBe(63.4921);
    expect(roundFigure(2.0000000001)).toBe(2);
  });
});

describe('figure forms', () => {
  it('stores engine harness figures as counts', () => {
    const task = harnessTask(1);
    const wire = encodeFigures(task, 'MMLU', 'task');
    expect(wire.map((figure) => figure[0])).toEqual(['h', 'h', 'h', 'p']);
    expect(wire[0]).toEqual(['h', 0, 0, 'acc', 0, 40, expect.any(Number)]);
  });

  it('decodes counts to the rounded engine figures', () => {
    const task = harnessTask(2);
    const decoded = decodeAll(task);
    decoded.forEach((figure, i) => {
      const source = task.figures[i]!;
      expect(figure.value).toBe(roundFigure(source.value));
      expect(figure.std).toBe(roundFigure(source.std));
      expect(figure.ci95).toBe(roundFigure(source.ci95));
      expect(figure.stderr).toBe(roundFigure(source.stderr!));
      expect(figure.label).toBe(source.label);
    });
  });

  it('stores a figure off the protocol rules in full', () => {
    const task = harnessTask(3);
    task.figures[1]!.std += 0.01;
    const wire = encodeFigures(task, 'MMLU', 'task');
    const decoded = decodeAll(task);

    expect(wire[1]![0]).toBe('x');
    expect(decoded[1]!.std).toBe(roundFigure(task.figures[1]!.std));
    expect(decoded[3]!.value).toBe(roundFigure(task.figures[3]!.value));
  });
});
