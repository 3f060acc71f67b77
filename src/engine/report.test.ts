import { describe, expect, it } from 'vitest';
import { formatReportLine, formatTaskReport, parseReportLine } from './report';
import { parsePublishedLog } from './publishedLog';

const PUBLISHED = [
  'best_bvv_ru MMLU [high_school_european_history]: 6.79% ± 1.10% (σ=1.77%)',
  'best_bvv_ru MMLU: 22.29% ± 0.12% (σ=0.20%)',
  'best_bvv_ru ARC-e: 23.04% ± 0.63% (σ=1.02%)',
  'best_bvv_ru C-SENSE: 20.13% ± 0.48% (σ=0.78%)',
  'best_bvv_ru BLEU [en-ru]: 6.44% ± 0.35% (σ=0.57%)',
];

describe('report lines', () => {
  it('formats a figure as the study printed it', () => {
    expect(formatReportLine('tiny-frozen', { label: 'MMLU [anatomy]', value: 25, ci95: 1.2345, std: 2 })).toBe(
      'tiny-frozen MMLU [anatomy]: 25.00% ± 1.23% (σ=2.00%)',
    );
  });

  it('rounds exact ties half to even as Python does', () => {
    expect(formatReportLine('m', { label: 'MMLU', value: 12.125, ci95: 0.375, std: 0.625 })).toBe(
      'm MMLU: 12.12% ± 0.38% (σ=0.62%)',
    );
  });

  it.each(PUBLISHED)('reads back the published line %s', (line) => {
    const parsed = parseReportLine(line);
    expect(parsed).not.toBeNull();
    expect(formatReportLine(parsed!.model, parsed!)).toBe(line);
  });

  it('splits a label into task and subset', () => {
    const parsed = parseReportLine(PUBLISHED[4]!)!;
    expect(parsed.task).toBe('BLEU');
    expect(parsed.subset).toBe('en-ru');
    expect(parsed.value).toBe(6.44);
  });

  it('skips lines that are not figures', () => {
    expect(parseReportLine('best_bvv_ru Total parameters:     0.5B')).toBeNull();
    expect(parseReportLine('')).toBeNull();
  });

  it('names the protocol and data above a task', () => {
    const figure = { label: 'BLEU [en-ru]', task: 'translation', subset: 'en-ru', metric: 'bleu', value: 0.75, std: 0.02, ci95: 0.01, stderr: null, intervalMethod: 'runs-ci95', nItems: 128, runScores: null } as const;
    const source = 'en-ru: UN Parallel Corpus v1.0 test, first 128 pairs';
    const lines = formatTaskReport('tiny-frozen', { protocol: 'study', source, figures: [figure] });

    expect(lines).toEqual([`# study protocol, ${source}`, 'tiny-frozen BLEU [en-ru]: 0.75% ± 0.01% (σ=0.02%)']);
    const log = parsePublishedLog(lines.join('\n'), 'report.txt');
    expect(log.tasks[0]!.figures.map((f) => f.value)).toEqual([0.75]);
    expect(log.otherLines).toEqual([lines[0]]);
  });
});
