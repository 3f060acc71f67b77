import { describe, expect, it } from 'vitest';
import type { ModelRun } from '../engine/results';
import type { TaskResult } from '../engine/types';
import { figuresCsv } from './csv';
import { decodeResultsFile, encodeResultsFile, ResultsFileError, type ResultsFileErrorCode } from './resultsFile';
import { syntheticMmluRun } from './syntheticRuns';
import { toSharedView } from './view';

const CREATED_AT = '2026-03-14T10:00:00.000Z';

function pair(protocol: 'harness' | 'study' = 'harness'): ModelRun[] {
  return [
    syntheticMmluRun({ repo: 'bundled/tiny-frozen', protocol, seed: 1, limit: 3 }),
    syntheticMmluRun({ repo: 'bundled/tiny-trainable', protocol, seed: 2, limit: 3 }),
  ];
}

const VALID = encodeResultsFile(pair(), CREATED_AT);

/** The valid file's JSON changed by `mutate`, as text. */
function tampered(mutate: (file: Record<string, any>) => void): string {
  const file = JSON.parse(VALID) as Record<string, any>;
  mutate(file);
  return JSON.stringify(file);
}

function errorOf(text: string): ResultsFileError {
  try {
    decodeResultsFile(text, 'results.json');
  } catch (error) {
    if (error instanceof ResultsFileError) return error;
    throw error;
  }
  throw new Error('the file decoded without an error');
}

describe('results file round trip', () => {
  it('restores every run with its records', () => {
    const runs = pair('study');
    const decoded = decodeResultsFile(encodeResultsFile(runs, CREATED_AT));
    expect(decoded).toEqual(runs);
  });

  it('writes the harness blocks for the first model', () => {
    const file = JSON.parse(VALID) as Record<string, any>;
    const run = pair()[0]!;
    const whole = run.tasks[0]!.figures.at(-1)!;
    expect(file.format).toBe('lm-eval-workbench-results');
    expect(file.version).toBe(2);
    expect(file.results.mmlu['acc,none']).toBeCloseTo(whole.value / 100, 12);
    expect(file.results.mmlu['acc_stderr,none']).toBeCloseTo(whole.stderr! / 100, 12);
    expect(file.results.mmlu_anatomy['acc,none']).toBeTypeOf('number');
    expect(file['n-shot'].mmlu).toBe(0);
    expect(file.versions.mmlu_anatomy).toBe(1);
    expect(file.configs.mmlu.output_type).toBe('multiple_choice');
    expect(file.config.model_args).toBe('pretrained=bundled/tiny-frozen,revision=main,dtype=q4');
  });

  it('keeps runs opened from a link', () => {
    const shared = toSharedView(pair()).runs;
    const decoded = decodeResultsFile(encodeResultsFile(shared, CREATED_AT));
    expect(decoded).toEqual(shared);
  });

  it('keeps markup in a model name as text', () => {
    const name = '<img src=x onerror=alert(1)>';
    const decoded = decodeResultsFile(tampered((file) => { file.runs[0].model.repo = name; }));
    expect(decoded[0]!.model.repo).toBe(name);
  });

  it('reads version 1 files', () => {
    const decoded = decodeResultsFile(tampered((file) => { file.version = 1; }));
    expect(decoded).toHaveLength(2);
  });
});

interface BrokenCase {
  title: string;
  text: () => string;
  code: ResultsFileErrorCode;
  message?: RegExp;
}

const BROKEN: BrokenCase[] = [
  { title: 'rejects an empty file', text: () => '', code: 'empty' },
  { title: 'rejects white space alone', text: () => ' \n\t ', code: 'empty' },
  { title: 'rejects a CSV of figures', text: () => figuresCsv(pair()), code: 'csv', message: /looks like CSV \(its first line is "model,endpoint/ },
  { title: 'rejects text that is not JSON', text: () => 'results: none', code: 'not-json' },
  { title: 'rejects a file cut in half', text: () => VALID.slice(0, VALID.length / 2), code: 'not-json' },
  { title: 'rejects a NaN literal', text: () => VALID.replace('"durationMs": 1234567.891', '"durationMs": NaN'), code: 'not-json' },
  { title: 'rejects a JSON list', text: () => '[1, 2, 3]', code: 'wrong-format', message: /a list/ },
  { title: 'rejects JSON null', text: () => 'null', code: 'wrong-format' },
  {
    title: 'rejects a harness results file',
    text: () => JSON.stringify({ results: { mmlu: { 'acc,none': 0.25 } }, config: { model: 'hf' } }),
    code: 'harness-only',
    message: /lm-evaluation-harness results file/,
  },
  { title: 'rejects another format name', text: () => tampered((file) => { file.format = 'something-else'; }), code: 'wrong-format', message: /"something-else"/ },
  { title: 'rejects a newer version', text: () => tampered((file) => { file.version = 7; }), code: 'newer-version', message: /version 7/ },
  { title: 'rejects version zero', text: () => tampered((file) => { file.version = 0; }), code: 'invalid-data', message: /at version/ },
  { title: 'rejects a file without runs', text: () => tampered((file) => { file.runs = []; }), code: 'invalid-data', message: /at runs:/ },
  { title: 'rejects a missing commit', text: () => tampered((file) => { delete file.runs[0].model.commit; }), code: 'invalid-data', message: /runs\[0\]\.model\.commit/ },
  { title: 'rejects an empty model name', text: () => tampered((file) => { file.runs[0].model.repo = ''; }), code: 'invalid-data', message: /runs\[0\]\.model\.repo/ },
  {
    title: 'rejects a control character in a name',
    text: () => tampered((file) => { file.runs[0].model.repo = 'evil\u0007name'; }),
    code: 'invalid-data',
    message: /control character/,
  },
  {
    title: 'rejects a bidirectional override',
    text: () => tampered((file) => { file.runs[0].model.repo = 'a\u202Egnp.exe'; }),
    code: 'invalid-data',
    message: /bidirectional/,
  },
  { title: 'rejects a negative item count', text: () => tampered((file) => { file.runs[0].tasks[0].figures[0].nItems = -3; }), code: 'invalid-data', message: /figures\[0\]\.nItems/ },
  { title: 'rejects a non-numeric item count', text: () => tampered((file) => { file.runs[0].tasks[0].figures[0].nItems = '3'; }), code: 'invalid-data', message: /figures\[0\]\.nItems/ },
  { title: 'rejects a figure of 1e9', text: () => tampered((file) => { file.runs[0].tasks[0].figures[0].value = 1e9; }), code: 'invalid-data', message: /figures\[0\]\.value/ },
  { title: 'rejects an unknown interval method', text: () => tampered((file) => { file.runs[0].tasks[0].figures[0].intervalMethod = 'guess'; }), code: 'invalid-data', message: /intervalMethod/ },
  { title: 'rejects an unknown record kind', text: () => tampered((file) => { file.runs[0].tasks[0].items[0].kind = 'script'; }), code: 'invalid-data', message: /items\[0\]/ },
  { title: 'rejects an extra record field', text: () => tampered((file) => { file.runs[0].tasks[0].items[0].onload = 'alert(1)'; }), code: 'invalid-data', message: /items\[0\]/ },
  {
    title: 'rejects a choice past the log-probabilities',
    text: () => tampered((file) => { file.runs[0].tasks[0].items[0].chosen = 9; }),
    code: 'invalid-data',
    message: /past its 4 choices/,
  },
  {
    title: 'rejects a mark that disagrees with the choice',
    text: () => tampered((file) => { const item = file.runs[0].tasks[0].items[0]; item.correct = !item.correct; }),
    code: 'invalid-data',
    message: /items\[0\]\.correct: disagrees/,
  },
  { title: 'rejects a record of another subset', text: () => tampered((file) => { file.runs[0].tasks[0].items[0].subset = 'cooking'; }), code: 'invalid-data', message: /"cooking" is not one of/ },
  {
    title: 'rejects an item listed twice',
    text: () => tampered((file) => { file.runs[0].tasks[0].items[1].itemId = file.runs[0].tasks[0].items[0].itemId; }),
    code: 'invalid-data',
    message: /appears twice/,
  },
  { title: 'rejects more items in a figure than records', text: () => tampered((file) => { file.runs[0].tasks[0].figures.at(-1).nItems = 999; }), code: 'invalid-data', message: /more than the task's 171 records/ },
  { title: 'rejects settings of the other protocol', text: () => tampered((file) => { file.runs[0].tasks[0].protocol = 'study'; }), code: 'invalid-data', message: /settings\.protocol/ },
  { title: 'rejects a bad start time', text: () => tampered((file) => { file.runs[0].startedAt = 'yesterday'; }), code: 'invalid-data', message: /startedAt/ },
  {
    title: 'rejects a prototype key in a model',
    text: () => VALID.replace('"endpoint": "https://huggingface.co"', '"__proto__": {"polluted": true}, "endpoint": "https://huggingface.co"'),
    code: 'invalid-data',
    message: /runs\[0\]\.model/,
  },
];

describe('results file decoding of broken files', () => {
  for (const { title, text, code, message } of BROKEN) {
    it(title, () => {
      const error = errorOf(text());
      expect(error.code).toBe(code);
      expect(error.message).toMatch(/results\.json/);
      if (message) expect(error.message).toMatch(message);
    });
  }

  it('leaves Object.prototype alone', () => {
    decodeResultsFile(VALID.replace('"format"', '"__proto__": {"polluted": true}, "format"'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects an oversized file before parsing it', () => {
    const huge = { length: 300 * 1024 * 1024 } as unknown as string;
    expect(() => decodeResultsFile(huge, 'results.json')).toThrow(ResultsFileError);
  });

  it('rejects study records with a run missing', () => {
    const study = JSON.parse(encodeResultsFile(pair('study'), CREATED_AT)) as Record<string, any>;
    const item = (study.runs[0].tasks[0] as TaskResult & { items: Record<string, any>[] }).items[0]!;
    item.outputs.pop();
    const error = errorOf(JSON.stringify(study));
    expect(error.code).toBe('invalid-data');
    expect(error.message).toMatch(/has 9, 10, 10, 10 outputs, answers, marks and scores for 10 runs/);
  });
});

describe('figures CSV', () => {
  it('quotes fields and defuses formulas', () => {
    const run = pair()[0]!;
    run.model = { ...run.model, repo: '=HYPERLINK("x"),evil' };
    const csv = figuresCsv([run]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('model,endpoint,revision,commit,dtype,task,protocol,settings,label,subset,metric,value,ci95,std,stderr,n_items,interval_method,run_scores');
    expect(lines[1]!.startsWith('"\'=HYPERLINK(""x""),evil",')).toBe(true);
    expect(lines).toHaveLength(run.tasks[0]!.figures.length + 2);
  });
});
