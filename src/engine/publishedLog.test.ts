import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePublishedLog } from './publishedLog';
import { formatReportLine } from './report';

const DIR = resolve(import.meta.dirname, '..', '..', 'public', 'published-results');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.txt'));

describe('published logs', () => {
  it('bundles the 21 logs of the study', () => {
    expect(FILES).toHaveLength(21);
  });

  it.each(FILES)('reads every line of %s back to the same text', (file) => {
    const text = readFileSync(join(DIR, file), 'utf8');
    const log = parsePublishedLog(text, file);
    const lines = log.tasks.flatMap((t) => t.figures.map((f) => formatReportLine(log.model, f)));
    const figureLines = text.split('\n').map((l) => l.trim()).filter((l) => l && !log.otherLines.includes(l));
    expect(lines.sort()).toEqual(figureLines.sort());
    expect(log.otherLines.every((l) => l.includes('Total parameters'))).toBe(true);
  });

  it('groups MMLU subjects, the pooled MMLU figure and the BLEU directions', () => {
    const log = parsePublishedLog(readFileSync(join(DIR, '_models_benchmarking_best_bvv_ru.txt'), 'utf8'), 'best_bvv_ru');
    expect(log.model).toBe('best_bvv_ru');
    const mmlu = log.tasks.find((t) => t.task === 'mmlu')!;
    expect(mmlu.subsets).toHaveLength(57);
    expect(mmlu.figures.find((f) => f.subset === null)!.value).toBe(22.29);
    expect(log.tasks.find((t) => t.task === 'translation')!.subsets).toEqual(['en-ru', 'ru-en', 'en-zh', 'zh-en']);
  });

  it('names the file and line of a second model', () => {
    const text = 'a MMLU: 1.00% ± 0.10% (σ=0.20%)\nb MMLU: 2.00% ± 0.10% (σ=0.20%)\n';
    expect(() => parsePublishedLog(text, 'mixed.txt')).toThrow(/mixed\.txt \(row 2, field "model"\)/);
  });

  it('rejects a file without report lines', () => {
    expect(() => parsePublishedLog('hello\n', 'notes.txt')).toThrow(/notes\.txt: holds no report line/);
  });
});
