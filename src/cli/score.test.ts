/**
 * `score` against every bleu, chrf and squad_v2 case of metric-cases.json (sacreBLEU 2.6.0 and the
 * official SQuAD v2.0 script), through the command's files and printed output.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectClose, metricCases } from '../engine/metrics/testdata/metricCases';
import { formatFixed } from '../util/pyFormat';
import { createScratch, runScoreCaptured, segmentText, squadDataText, type Scratch } from './scoreTestFiles';

/** sacreBLEU's API formats at width 2; at width 12 the printed score is within the case tolerance. */
const PRECISE_WIDTH = '12';

let scratch: Scratch;
beforeAll(async () => {
  scratch = await createScratch();
});
afterAll(async () => {
  await scratch.remove();
});

async function referenceArgs(references: readonly (readonly string[])[]): Promise<string[]> {
  const args: string[] = [];
  for (const stream of references) args.push('--ref', await scratch.write('ref.txt', segmentText(stream)));
  return args;
}

/** Splits a signature into the JSON fields that sacreBLEU adds after `signature`. */
function signatureFields(signature: string): [string, string][] {
  return signature.split('|').map((pair): [string, string] => {
    const [key = '', value = ''] = pair.split(':');
    return [key, value];
  });
}

function parseJsonLine(stdout: string): Record<string, unknown> {
  expect(stdout.endsWith('\n'), 'one line with a line break').toBe(true);
  expect(stdout.trimEnd().includes('\n'), 'a single line').toBe(false);
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('score bleu on the metric cases', () => {
  for (const testCase of metricCases.bleu) {
    it(`reproduces ${testCase.name}`, async () => {
      const expected = testCase.expected;
      const args = [
        'bleu',
        '--hyp',
        await scratch.write('hyp.txt', segmentText(testCase.hypotheses)),
        ...(await referenceArgs(testCase.references)),
        '--tokenize',
        testCase.options.tokenize,
        ...(testCase.options.lowercase ? ['--lowercase'] : []),
      ];
      const verbose = expected.formatted.replace(/^BLEU = \S+ /, '');

      const text = await runScoreCaptured([...args, '--width', '2']);
      expect(text.stderr).toBe('');
      expect(text.code).toBe(0);
      const withSignature = expected.formatted.replace(/^BLEU = /, () => `BLEU|${expected.signature} = `);
      expect(text.stdout).toBe(`${withSignature}\n`);

      const defaultWidth = await runScoreCaptured(args);
      expect(defaultWidth.stdout).toBe(`BLEU|${expected.signature} = ${formatFixed(expected.score, 1)} ${verbose}\n`);

      const json = await runScoreCaptured([...args, '--json', '--width', PRECISE_WIDTH]);
      expect(json.code).toBe(0);
      const fields = signatureFields(expected.signature);
      const parsed = parseJsonLine(json.stdout);
      expect(Object.keys(parsed)).toEqual(['name', 'score', 'signature', 'verbose_score', ...fields.map(([key]) => key)]);
      expect(parsed.name).toBe('BLEU');
      expectClose(parsed.score as number, expected.score, 'score');
      expect(parsed.signature).toBe(expected.signature);
      expect(parsed.verbose_score).toBe(verbose);
      for (const [key, value] of fields) expect(parsed[key], key).toBe(value);
    });
  }
});

describe('score chrf on the metric cases', () => {
  for (const testCase of metricCases.chrf) {
    it(`reproduces ${testCase.name}`, async () => {
      const expected = testCase.expected;
      const args = [
        'chrf',
        '--hyp',
        await scratch.write('hyp.txt', segmentText(testCase.hypotheses)),
        ...(await referenceArgs(testCase.references)),
      ];

      const text = await runScoreCaptured([...args, '--width', '2']);
      expect(text.stderr).toBe('');
      expect(text.code).toBe(0);
      const withSignature = expected.formatted.replace(/^chrF2 = /, () => `chrF2|${expected.signature} = `);
      expect(text.stdout).toBe(`${withSignature}\n`);

      const defaultWidth = await runScoreCaptured(args);
      expect(defaultWidth.stdout).toBe(`chrF2|${expected.signature} = ${formatFixed(expected.score, 1)}\n`);

      const json = await runScoreCaptured([...args, '--json', '--width', PRECISE_WIDTH]);
      expect(json.code).toBe(0);
      const fields = signatureFields(expected.signature);
      const parsed = parseJsonLine(json.stdout);
      expect(Object.keys(parsed)).toEqual(['name', 'score', 'signature', ...fields.map(([key]) => key)]);
      expect(parsed.name).toBe('chrF2');
      expectClose(parsed.score as number, expected.score, 'score');
      expect(parsed.signature).toBe(expected.signature);
      for (const [key, value] of fields) expect(parsed[key], key).toBe(value);
    });
  }
});

describe('score squad-v2 on the metric cases', () => {
  for (const testCase of metricCases.squad_v2) {
    it(`reproduces ${testCase.name}`, async () => {
      const data = await scratch.write('data.json', squadDataText(testCase.questions));
      const predictions = Object.fromEntries(testCase.questions.map((question) => [question.id, question.prediction]));
      const args = [
        'squad-v2',
        '--data',
        data,
        '--pred',
        await scratch.write('pred.json', JSON.stringify(predictions)),
        '--na-prob-thresh',
        String(testCase.na_prob_thresh),
      ];
      if (testCase.questions.some((question) => question.na_prob !== undefined)) {
        const naProbs = Object.fromEntries(testCase.questions.map((question) => [question.id, question.na_prob]));
        args.push('--na-prob', await scratch.write('na_prob.json', JSON.stringify(naProbs)));
      }

      const result = await runScoreCaptured(args);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const parsed = JSON.parse(result.stdout) as Record<string, number>;
      const expectedKeys = Object.keys(testCase.expected.aggregate);
      expect(Object.keys(parsed)).toEqual(expectedKeys);
      for (const key of expectedKeys) {
        const expected = testCase.expected.aggregate[key] ?? Number.NaN;
        if (key.endsWith('total')) expect(parsed[key], key).toBe(expected);
        else expectClose(parsed[key] ?? Number.NaN, expected, key);
      }

      // json.dumps(indent=2): totals print as ints, scores as Python floats (with a point or an exponent).
      const lines = result.stdout.trimEnd().split('\n');
      expect(lines[0]).toBe('{');
      expect(lines[lines.length - 1]).toBe('}');
      lines.slice(1, -1).forEach((line, i) => {
        const key = expectedKeys[i] ?? '';
        const last = i === expectedKeys.length - 1;
        const value = key.endsWith('total') ? '\\d+' : key.endsWith('thresh') ? '-?[\\d.e+-]+' : '-?\\d+\\.\\d+|-?\\d(?:\\.\\d+)?e[+-]\\d+';
        expect(line).toMatch(new RegExp(`^  "${key}": (?:${value})${last ? '' : ','}$`));
      });
    });
  }

  it('prints the script text for exact_match_simple', async () => {
    const testCase = metricCases.squad_v2.find((candidate) => candidate.name === 'exact_match_simple');
    expect(testCase).toBeDefined();
    const questions = testCase?.questions ?? [];
    const predictions = Object.fromEntries(questions.map((question) => [question.id, question.prediction]));
    const result = await runScoreCaptured([
      'squad-v2',
      '--data',
      await scratch.write('data.json', squadDataText(questions)),
      '--pred',
      await scratch.write('pred.json', JSON.stringify(predictions)),
    ]);
    expect(result.stdout).toBe(
      '{\n  "exact": 100.0,\n  "f1": 100.0,\n  "total": 1,\n' +
        '  "HasAns_exact": 100.0,\n  "HasAns_f1": 100.0,\n  "HasAns_total": 1\n}\n',
    );
  });
});

describe('npm run eval wiring', () => {
  const testCase = metricCases.bleu.find((candidate) => candidate.name === 'en_three_sentences');

  it('spawns main.ts score bleu', async () => {
    expect(testCase).toBeDefined();
    if (testCase === undefined) return;
    const hyp = await scratch.write('hyp.txt', segmentText(testCase.hypotheses));
    const ref = await scratch.write('ref.txt', segmentText(testCase.references[0] ?? []));
    const child = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'score', 'bleu', '--hyp', hyp, '--ref', ref], {
      encoding: 'utf8',
    });
    // npx may warn about the project's .npmrc on stderr, so only the command's own messages are excluded.
    expect(child.stderr).not.toMatch(/^(?:Error|Warning):/m);
    expect(child.status).toBe(0);
    expect(child.stdout).toBe(
      'BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0 = 38.6 ' +
        '69.2/52.2/35.0/17.6 (BP = 1.000 ratio = 1.083 hyp_len = 26 ref_len = 24)\n',
    );
  });

  it('keeps eval options with and without eval', () => {
    const plain = spawnSync('npx', ['tsx', 'src/cli/main.ts', '--help'], { encoding: 'utf8' });
    const prefixed = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'eval', '--help'], { encoding: 'utf8' });
    expect(plain.status).toBe(0);
    expect(plain.stdout).toMatch(/^Usage: npm run eval -- \[options\]/);
    expect(plain.stdout).toContain('npm run eval -- score --help');
    expect(prefixed.status).toBe(0);
    expect(prefixed.stdout).toBe(plain.stdout);
  });
});
