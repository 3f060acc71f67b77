import { deflateSync, inflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { formatReport } from '../engine/report';
import { reportName, type ModelRun } from '../engine/results';
import type { ChoiceItemRecord, Figure, GenerationItemRecord, ModelRef } from '../engine/types';
import { decodeBase64url, encodeBase64url } from './base64url';
import {
  decodePermalink,
  encodeFittedPermalink,
  encodePermalink,
  MAX_PERMALINK_CHARS,
  pairItemCorrectness,
  PermalinkError,
  toSharedView,
  type PermalinkErrorCode,
  type SharedView,
} from './permalink';
import type { WireFigure, WireItems, WireView } from './schema';
import { syntheticMmluRun } from './syntheticRuns';

const CREATED_AT = '2026-03-14T10:00:00.000Z';

function mmluPair(protocol: 'harness' | 'study', limit?: number): ModelRun[] {
  return [
    syntheticMmluRun({ repo: 'Qwen/Qwen2.5-0.5B-Instruct', protocol, seed: 11, limit }),
    syntheticMmluRun({ repo: 'HuggingFaceTB/SmolLM2-360M-Instruct', protocol, seed: 22, limit }),
  ];
}

/** Formats the study's report lines of every run, the text that the results view shows. */
function reportOf(runs: readonly { model: ModelRef; tasks: readonly { figures: readonly Figure[] }[] }[]): string[] {
  return runs.flatMap((run) => run.tasks.flatMap((task) => formatReport(reportName(run.model), task.figures)));
}

/** Per item, in subset order, how many runs got it right: what the link should carry. */
function expectedCorrectRuns(run: ModelRun): number[] {
  const task = run.tasks[0]!;
  return task.subsets.flatMap((subset) =>
    task.items
      .filter((item) => item.subset === subset)
      .map((item) => (item.kind === 'choice' ? Number((item as ChoiceItemRecord).correct) : (item as GenerationItemRecord).correct.filter(Boolean).length)),
  );
}

/** Parses the inner JSON of a payload. */
function wireOf(payload: string): WireView {
  const decoded = decodeBase64url(payload.slice(2), false);
  if (!decoded.ok) throw new Error('test payload is not base64url');
  return JSON.parse(new TextDecoder().decode(inflateSync(decoded.bytes))) as WireView;
}

/** A version 1 payload of any text, compressed as the encoder does. */
function payloadOfText(text: string, version = '1'): string {
  return `${version}.${encodeBase64url(deflateSync(new TextEncoder().encode(text)))}`;
}

/** Builds a valid small link with its JSON changed by `mutate`. */
function tampered(mutate: (wire: WireView) => void): string {
  const wire = wireOf(SMALL_PAYLOAD);
  mutate(wire);
  return payloadOfText(JSON.stringify(wire));
}

function errorOf(payload: string): PermalinkError {
  try {
    decodePermalink(payload);
  } catch (error) {
    if (error instanceof PermalinkError) return error;
    throw error;
  }
  throw new Error('the payload decoded without an error');
}

function firstTask(wire: WireView) {
  return wire.runs[0]!.tasks[0]!;
}

function itemsOf(wire: WireView): WireItems {
  const items = firstTask(wire).items;
  if (items === undefined || items === 'dropped') throw new Error('test link has no per-item data');
  return items;
}

function setFigure(wire: WireView, figure: unknown): void {
  firstTask(wire).figures[0] = figure as WireFigure;
}

const SMALL_VIEW = toSharedView(mmluPair('harness', 3), { protocol: 'harness' }, CREATED_AT);
const SMALL_PAYLOAD = encodePermalink(SMALL_VIEW);
const STUDY_PAYLOAD = encodePermalink(toSharedView(mmluPair('study', 2), undefined, CREATED_AT));

describe('permalink round trip', () => {
  it('restores a harness comparison', () => {
    const runs = mmluPair('harness', 20);
    const view = toSharedView(runs, { protocol: 'harness', sort: 'difference', groupByCategory: true }, CREATED_AT);
    const decoded = decodePermalink(encodePermalink(view));

    expect(decoded.version).toBe(1);
    expect(decoded.createdAt).toBe(CREATED_AT);
    expect(decoded.view).toEqual({ protocol: 'harness', sort: 'difference', groupByCategory: true });
    expect(decoded.runs.map((run) => run.model)).toEqual(runs.map((run) => run.model));
    expect(decoded.runs.map((run) => run.execution)).toEqual(runs.map((run) => run.execution));
    expect(decoded.runs[0]!.durationMs).toBe(1_234_568);
    const task = decoded.runs[0]!.tasks[0]!;
    const original = runs[0]!.tasks[0]!;
    expect(task.settings).toEqual(original.settings);
    expect(task.subsets).toEqual(original.subsets);
    expect(task.limit).toBe(20);
    expect(task.figures.map((f) => [f.label, f.subset, f.nItems, f.intervalMethod])).toEqual(
      original.figures.map((f) => [f.label, f.subset, f.nItems, f.intervalMethod]),
    );
    task.figures.forEach((figure, i) => {
      const source = original.figures[i]!;
      expect(Math.abs(figure.value - source.value)).toBeLessThanOrEqual(5e-5);
      expect(Math.abs(figure.std - source.std)).toBeLessThanOrEqual(5e-5);
      expect(Math.abs(figure.ci95 - source.ci95)).toBeLessThanOrEqual(5e-5);
      expect(Math.abs(figure.stderr! - source.stderr!)).toBeLessThanOrEqual(5e-5);
    });
  });

  it('keeps every report line of both protocols', () => {
    for (const protocol of ['harness', 'study'] as const) {
      const runs = mmluPair(protocol, 7);
      const decoded = decodePermalink(encodePermalink(toSharedView(runs, undefined, CREATED_AT)));
      expect(reportOf(decoded.runs)).toEqual(reportOf(runs));
    }
  });

  it('returns the per-item bits of both models', () => {
    const runs = mmluPair('harness');
    const decoded = decodePermalink(encodePermalink(toSharedView(runs, undefined, CREATED_AT)));
    const paired = pairItemCorrectness(decoded.runs[0]!.tasks[0]!, decoded.runs[1]!.tasks[0]!);

    expect(paired.ok).toBe(true);
    if (!paired.ok) return;
    expect(paired.a).toEqual(expectedCorrectRuns(runs[0]!));
    expect(paired.b).toEqual(expectedCorrectRuns(runs[1]!));
    expect(decoded.runs[0]!.tasks[0]!.itemCorrectness!.subsetSizes.reduce((a, b) => a + b, 0)).toBe(14_042);
  });

  it('returns study counts of correct runs', () => {
    const runs = mmluPair('study', 5);
    const decoded = decodePermalink(encodePermalink(toSharedView(runs, undefined, CREATED_AT)));
    const paired = pairItemCorrectness(decoded.runs[0]!.tasks[0]!, decoded.runs[1]!.tasks[0]!);

    expect(paired.ok).toBe(true);
    if (!paired.ok) return;
    expect(paired.a).toEqual(expectedCorrectRuns(runs[0]!));
    expect(paired.b).toEqual(expectedCorrectRuns(runs[1]!));
    expect(Math.max(...paired.a)).toBeLessThanOrEqual(10);
  });

  it('stores figures of other metrics in full', () => {
    const view: SharedView = structuredClone(SMALL_VIEW);
    const task = view.runs[0]!.tasks[0]!;
    task.figures.push({
      label: 'BLEU [en-ru]', task: 'wmt', subset: null, metric: 'bleu', value: 23.456789, std: 1.234567,
      ci95: 0.987654, stderr: null, intervalMethod: 'runs-ci95', nItems: 500, runScores: [23.1, 23.8123456],
    });
    const decoded = decodePermalink(encodePermalink(view));
    const figure = decoded.runs[0]!.tasks[0]!.figures.at(-1)!;

    expect(figure).toEqual({
      label: 'BLEU [en-ru]', task: 'wmt', subset: null, metric: 'bleu', value: 23.4568, std: 1.2346,
      ci95: 0.9877, stderr: null, intervalMethod: 'runs-ci95', nItems: 500, runScores: [23.1, 23.8123],
    });
  });

  it('keeps markup in names as text', () => {
    const view: SharedView = structuredClone(SMALL_VIEW);
    view.runs[0]!.model.repo = 'evil/<script>alert(1)</script>';
    view.runs[0]!.tasks[0]!.figures[0]!.label = '<img src=x onerror=alert(1)> & "quotes"';
    const decoded = decodePermalink(encodePermalink(view));

    expect(decoded.runs[0]!.model.repo).toBe('evil/<script>alert(1)</script>');
    expect(decoded.runs[0]!.tasks[0]!.figures[0]!.label).toBe('<img src=x onerror=alert(1)> & "quotes"');
  });

  it('ignores whitespace in a pasted link', () => {
    const wrapped = SMALL_PAYLOAD.replace(/(.{60})/g, '$1\n  ');
    expect(decodePermalink(wrapped)).toEqual(decodePermalink(SMALL_PAYLOAD));
  });
});

describe('permalink size', () => {
  it('fits 57-subject harness pair with bits in 8 KB', () => {
    const runs = mmluPair('harness');
    expect(runs[0]!.tasks[0]!.items).toHaveLength(14_042);
    const { payload, dropped } = encodeFittedPermalink(toSharedView(runs, { protocol: 'harness' }, CREATED_AT));
    console.log(`57-subject MMLU harness pair with per-item bits: ${payload.length} characters`);

    expect(dropped).toEqual([]);
    expect(payload.length).toBeLessThanOrEqual(MAX_PERMALINK_CHARS);
  });

  it('drops study counts that do not fit', () => {
    const runs = mmluPair('study');
    const { payload, dropped } = encodeFittedPermalink(toSharedView(runs, { protocol: 'study' }, CREATED_AT));
    console.log(`57-subject MMLU study pair, per-item counts dropped: ${payload.length} characters`);
    const decoded = decodePermalink(payload);
    const paired = pairItemCorrectness(decoded.runs[0]!.tasks[0]!, decoded.runs[1]!.tasks[0]!);

    expect(payload.length).toBeLessThanOrEqual(MAX_PERMALINK_CHARS);
    expect(dropped).toEqual([{ task: 'mmlu', protocol: 'study' }]);
    expect(decoded.runs.map((run) => run.tasks[0]!.itemsDropped)).toEqual([true, true]);
    expect(paired.ok).toBe(false);
    expect(reportOf(decoded.runs)).toEqual(reportOf(runs));
  });

  it('rejects figures alone over the limit', () => {
    // Each study run's figures take about 2,300 characters, and different seeds keep deflate from sharing them.
    const runs = Array.from({ length: 5 }, (_, i) => syntheticMmluRun({ repo: `org/model-${i}`, protocol: 'study', seed: 100 + i }));
    const share = () => encodePermalink(toSharedView(runs, undefined, CREATED_AT));

    expect(share).toThrow(PermalinkError);
    expect(share).toThrow(/Export the results file/);
    try {
      share();
    } catch (error) {
      expect((error as PermalinkError).code).toBe('too-long');
    }
  });
});

describe('permalink encoding', () => {
  it('rejects a figure value out of range', () => {
    const view: SharedView = structuredClone(SMALL_VIEW);
    view.runs[0]!.tasks[0]!.figures[0]!.value = 130;
    expect(() => encodePermalink(view)).toThrow(/figures\[0\]\.value/);
  });

  it('rejects a control character in a label', () => {
    const view: SharedView = structuredClone(SMALL_VIEW);
    view.runs[0]!.tasks[0]!.figures[0]!.label = 'MMLU\u0000';
    let code: string | undefined;
    try {
      encodePermalink(view);
    } catch (error) {
      code = error instanceof PermalinkError ? error.code : undefined;
    }
    expect(code).toBe('invalid-view');
  });
});

/** A hostile or broken payload, the code it must raise, and a pattern its message must match. */
interface BrokenCase {
  title: string;
  payload: () => string;
  code: PermalinkErrorCode;
  message?: RegExp;
}

const brokenCases: BrokenCase[] = [
  { title: 'rejects an empty payload', payload: () => '', code: 'empty' },
  { title: 'rejects a payload of whitespace', payload: () => ' \n\t', code: 'empty' },
  { title: 'rejects a payload without version', payload: () => SMALL_PAYLOAD.slice(2), code: 'bad-prefix', message: /should start with "1\."/ },
  { title: 'rejects a wrong version prefix', payload: () => `v${SMALL_PAYLOAD}`, code: 'bad-prefix' },
  { title: 'rejects version zero', payload: () => `0${SMALL_PAYLOAD.slice(1)}`, code: 'bad-prefix' },
  {
    title: 'rejects an unknown future version',
    payload: () => `2${SMALL_PAYLOAD.slice(1)}`,
    code: 'newer-version',
    message: /made by a newer version of the workbench/,
  },
  { title: 'rejects a bare version', payload: () => '1.', code: 'truncated' },
  {
    title: 'rejects a link cut off mid-data',
    payload: () => SMALL_PAYLOAD.slice(0, Math.floor(SMALL_PAYLOAD.length / 2)),
    code: 'truncated',
    message: /cut off.*Ask the sender for the whole link/,
  },
  { title: 'rejects a link cut to an odd length', payload: () => SMALL_PAYLOAD.slice(0, 4 * 20 + 1 + 2), code: 'truncated' },
  { title: 'rejects a link missing its last characters', payload: () => SMALL_PAYLOAD.slice(0, -3), code: 'truncated' },
  { title: 'rejects bad base64 characters', payload: () => `1.abc$def${SMALL_PAYLOAD.slice(8)}`, code: 'bad-characters', message: /"\$" at position 4/ },
  { title: 'rejects standard base64 characters', payload: () => '1.ab+/cd', code: 'bad-characters' },
  { title: 'rejects an oversized payload', payload: () => `1.${'A'.repeat(MAX_PERMALINK_CHARS)}`, code: 'too-long' },
  { title: 'rejects an inflated bomb', payload: () => payloadOfText(' '.repeat(4_000_000)), code: 'too-large' },
  { title: 'rejects bytes that are not deflate', payload: () => `1.${encodeBase64url(new Uint8Array(40).fill(0xff))}`, code: 'bad-compression' },
  {
    title: 'rejects data that is not UTF-8',
    payload: () => `1.${encodeBase64url(deflateSync(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])))}`,
    code: 'bad-json',
  },
  { title: 'rejects data that is not JSON', payload: () => payloadOfText('results: none'), code: 'bad-json' },
  { title: 'rejects a NaN literal', payload: () => payloadOfText(JSON.stringify(wireOf(SMALL_PAYLOAD)).replace('"durationMs":1234568', '"durationMs":NaN')), code: 'bad-json' },
  { title: 'rejects JSON that is not an object', payload: () => payloadOfText('[1,2,3]'), code: 'invalid-data', message: /the top level/ },
  { title: 'rejects JSON null', payload: () => payloadOfText('null'), code: 'invalid-data' },
  {
    title: 'rejects a link without runs',
    payload: () => tampered((wire) => { delete (wire as Partial<WireView>).runs; }),
    code: 'invalid-data',
    message: /at runs:/,
  },
  {
    title: 'rejects a missing model field',
    payload: () => tampered((wire) => { delete (wire.runs[0]!.model as Partial<WireView['runs'][0]['model']>).commit; }),
    code: 'invalid-data',
    message: /runs\[0\]\.model\.commit/,
  },
  {
    title: 'rejects a negative item count',
    payload: () => tampered((wire) => setFigure(wire, ['h', 0, 0, 'acc', 0, -3, 1])),
    code: 'invalid-data',
    message: /figures\[0\]\.nItems/,
  },
  {
    title: 'rejects a non-numeric item count',
    payload: () => tampered((wire) => setFigure(wire, ['h', 0, 0, 'acc', 0, '3', 1])),
    code: 'invalid-data',
    message: /figures\[0\]\.nItems/,
  },
  {
    title: 'rejects a fractional item count',
    payload: () => tampered((wire) => setFigure(wire, ['h', 0, 0, 'acc', 0, 2.5, 1])),
    code: 'invalid-data',
  },
  {
    title: 'rejects more items right than items',
    payload: () => tampered((wire) => setFigure(wire, ['h', 0, 0, 'acc', 0, 3, 4])),
    code: 'invalid-data',
    message: /correctItems/,
  },
  {
    title: 'rejects a NaN string as a number',
    payload: () => tampered((wire) => setFigure(wire, ['x', 0, 0, 'acc', 0, 3, 'stderr-ci95', 'NaN', 0, 0, 0, null])),
    code: 'invalid-data',
    message: /figures\[0\]\.value/,
  },
  {
    title: 'rejects an infinite number',
    payload: () => payloadOfText(JSON.stringify(wireOf(SMALL_PAYLOAD)).replace('"durationMs":1234568', '"durationMs":1e999')),
    code: 'invalid-data',
    message: /durationMs/,
  },
  {
    title: 'rejects a figure value of 1e9',
    payload: () => tampered((wire) => setFigure(wire, ['x', 0, 0, 'acc', 0, 3, 'stderr-ci95', 1e9, 0, 0, 0, null])),
    code: 'invalid-data',
    message: /figures\[0\]\.value/,
  },
  {
    title: 'rejects a negative σ',
    payload: () => tampered((wire) => setFigure(wire, ['x', 0, 0, 'acc', 0, 3, 'stderr-ci95', 50, -1, 0, 0, null])),
    code: 'invalid-data',
    message: /figures\[0\]\.std/,
  },
  {
    title: 'rejects an unknown figure form',
    payload: () => tampered((wire) => setFigure(wire, ['z', 0, 0, 'acc', 0, 3, 1])),
    code: 'invalid-data',
    message: /figures\[0\]/,
  },
  {
    title: 'rejects a subset index past the subsets',
    payload: () => tampered((wire) => setFigure(wire, ['h', 0, 0, 'acc', 57, 3, 1])),
    code: 'invalid-data',
    message: /past the task's 57 subsets/,
  },
  {
    title: 'rejects a pooled figure without parts',
    payload: () => tampered((wire) => { firstTask(wire).figures = [['p', 0, 0, 'acc', -1]]; }),
    code: 'invalid-data',
    message: /no subset figure/,
  },
  {
    title: 'rejects a pooled σ above 100',
    payload: () => tampered((wire) => {
      firstTask(wire).figures = [['x', 0, 0, 'acc', 0, 2, 'stderr-ci95', 50, 100, 100, 100, null], ['p', 0, 0, 'acc', -1]];
    }),
    code: 'invalid-data',
    message: /figures\[1\]: recomputes to a figure outside 0–100/,
  },
  {
    title: 'rejects bits of the wrong length',
    payload: () => tampered((wire) => { itemsOf(wire).data += 'AA'; }),
    code: 'invalid-data',
    message: /items\.data: does not hold exactly/,
  },
  {
    title: 'rejects bits missing a byte',
    payload: () => tampered((wire) => { itemsOf(wire).data = itemsOf(wire).data.slice(0, -4); }),
    code: 'invalid-data',
  },
  {
    title: 'rejects subset sizes that disagree',
    payload: () => tampered((wire) => { itemsOf(wire).sizes[0]! += 1; }),
    code: 'invalid-data',
    message: /gives abstract_algebra 4 items, but its figure covers 3/,
  },
  {
    title: 'rejects a size per subset missing',
    payload: () => tampered((wire) => { itemsOf(wire).sizes.pop(); }),
    code: 'invalid-data',
    message: /56 entries for 57 subsets/,
  },
  {
    title: 'rejects more than a million items',
    payload: () => tampered((wire) => { itemsOf(wire).sizes.fill(20_000); }),
    code: 'invalid-data',
    message: /more than 1000000/,
  },
  {
    title: 'rejects study counts above the runs',
    payload: () => {
      const wire = wireOf(STUDY_PAYLOAD);
      const items = wire.runs[0]!.tasks[0]!.items as WireItems;
      items.data = 'f' + items.data.slice(1);
      return payloadOfText(JSON.stringify(wire));
    },
    code: 'invalid-data',
    message: /more than 10/,
  },
  {
    title: 'rejects more than 100 models',
    payload: () => tampered((wire) => { wire.runs = Array.from({ length: 101 }, () => wire.runs[0]!); }),
    code: 'invalid-data',
    message: /at runs:/,
  },
  {
    title: 'rejects more than 1,000 subsets',
    payload: () => tampered((wire) => { firstTask(wire).subsets = Array.from({ length: 1001 }, (_, i) => `s${i}`); }),
    code: 'invalid-data',
    message: /subsets/,
  },
  {
    title: 'rejects a subset listed twice',
    payload: () => tampered((wire) => { firstTask(wire).subsets[1] = firstTask(wire).subsets[0]!; }),
    code: 'invalid-data',
    message: /lists a subset twice/,
  },
  {
    title: 'rejects a control character in a label',
    payload: () => tampered((wire) => setFigure(wire, ['h', 'MMLU\u0007bell', 0, 'acc', 0, 3, 1])),
    code: 'invalid-data',
    message: /figures\[0\]\.label: contains a control character/,
  },
  {
    title: 'rejects a newline in a model name',
    payload: () => tampered((wire) => { wire.runs[0]!.model.repo = 'org/model\nInjected line'; }),
    code: 'invalid-data',
    message: /model\.repo/,
  },
  {
    title: 'rejects a bidirectional override',
    payload: () => tampered((wire) => { wire.runs[0]!.model.repo = 'org/\u202Egnp.exe'; }),
    code: 'invalid-data',
  },
  {
    title: 'rejects a lone surrogate',
    payload: () => payloadOfText(JSON.stringify(wireOf(SMALL_PAYLOAD)).replace('"dtype":"q4"', '"dtype":"\\ud800"')),
    code: 'invalid-data',
    message: /dtype/,
  },
  {
    title: 'rejects an overlong name',
    payload: () => tampered((wire) => { wire.runs[0]!.model.repo = `org/${'m'.repeat(300)}`; }),
    code: 'invalid-data',
    message: /model\.repo/,
  },
  {
    title: 'rejects an unknown field',
    payload: () => tampered((wire) => { Object.assign(wire.runs[0]!, { notes: 'hi' }); }),
    code: 'invalid-data',
    message: /notes/,
  },
  {
    title: 'rejects settings of another protocol',
    payload: () => tampered((wire) => { firstTask(wire).protocol = 'study'; }),
    code: 'invalid-data',
    message: /settings\.protocol/,
  },
  {
    title: 'rejects a date that is not ISO 8601',
    payload: () => tampered((wire) => { wire.createdAt = 'yesterday'; }),
    code: 'invalid-data',
    message: /createdAt/,
  },
  {
    title: 'rejects non-zero padding bits',
    payload: () => tampered((wire) => {
      const items = itemsOf(wire);
      const bytes = decodeBase64url(items.data, true);
      if (!bytes.ok) throw new Error('test link has invalid bits');
      bytes.bytes[bytes.bytes.length - 1]! |= 1;
      items.data = encodeBase64url(bytes.bytes);
    }),
    code: 'invalid-data',
  },
];

describe('permalink decoding of broken links', () => {
  it('starts from a valid small link', () => {
    expect(decodePermalink(SMALL_PAYLOAD).runs).toHaveLength(2);
    expect(decodePermalink(STUDY_PAYLOAD).runs).toHaveLength(2);
  });

  for (const { title, payload, code, message } of brokenCases) {
    it(title, () => {
      const error = errorOf(payload());
      expect(error.code).toBe(code);
      expect(error.message).toMatch(/results file|whole link|new link/);
      if (message !== undefined) expect(error.message).toMatch(message);
    });
  }

  it('rejects __proto__ keys without pollution', () => {
    const json = JSON.stringify(wireOf(SMALL_PAYLOAD));
    const topLevel = json.replace('{"createdAt"', '{"__proto__":{"polluted":true},"createdAt"');
    const nested = json.replace('"model":{', '"model":{"__proto__":{"polluted":true},');
    const constructor = json.replace('"model":{', '"model":{"constructor":{"prototype":{"polluted":true}},');

    for (const text of [topLevel, nested, constructor]) {
      expect(errorOf(payloadOfText(text)).code).toBe('invalid-data');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('rejects every cut of a link', () => {
    for (let length = 3; length < SMALL_PAYLOAD.length; length += 37) {
      expect(errorOf(SMALL_PAYLOAD.slice(0, length)).code).toBe('truncated');
    }
  });
});
