import { describe, expect, it } from 'vitest';
import { seriesFromLog } from './publishedSeries';

function overallItems(text: string): number {
  const task = seriesFromLog(text, 'log.txt', 'test').tasks[0]!;
  return task.figures.find((f) => f.subset === null)!.nItems;
}

describe('seriesFromLog', () => {
  it('counts the subjects a partial log covers', () => {
    const text = [
      'm MMLU [anatomy]: 30.00% ± 1.00% (σ=1.50%)',
      'm MMLU [astronomy]: 28.00% ± 1.00% (σ=1.50%)',
      'm MMLU: 29.00% ± 0.70% (σ=1.10%)',
    ].join('\n');
    expect(overallItems(text)).toBe(135 + 152);
  });

  it('counts the whole test split for an MMLU line alone', () => {
    expect(overallItems('m MMLU: 29.00% ± 0.70% (σ=1.10%)')).toBe(14042);
  });
});
