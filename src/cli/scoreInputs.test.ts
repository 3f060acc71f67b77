/**
 * `score` on awkward inputs: line ends, empty references, the SQuAD script's ordering rules, and
 * the messages for invalid arguments and files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratch, runScoreCaptured, segmentText, squadDataText, type Scratch } from './scoreTestFiles';

let scratch: Scratch;
beforeAll(async () => {
  scratch = await createScratch();
});
afterAll(async () => {
  await scratch.remove();
});

const HYPOTHESES = ['The cat sat on the mat today .', 'A quick brown fox jumps over the dog .'];
const REFERENCES = ['The cat sat on the mat .', 'The quick brown fox jumps over the lazy dog .'];

async function bleu(hypText: string, ...refTexts: string[]): Promise<ReturnType<typeof runScoreCaptured>> {
  const args = ['bleu', '--hyp', await scratch.write('hyp.txt', hypText)];
  for (const text of refTexts) args.push('--ref', await scratch.write('ref.txt', text));
  return runScoreCaptured(args);
}

describe('score bleu segment files', () => {
  it('ignores a missing final line break', async () => {
    const withBreak = await bleu(segmentText(HYPOTHESES), segmentText(REFERENCES));
    const withoutBreak = await bleu(HYPOTHESES.join('\n'), REFERENCES.join('\n'));
    expect(withBreak.code).toBe(0);
    expect(withoutBreak.stdout).toBe(withBreak.stdout);
  });

  it('reads Windows line ends', async () => {
    const unix = await bleu(segmentText(HYPOTHESES), segmentText(REFERENCES));
    const windows = await bleu(HYPOTHESES.join('\r\n') + '\r\n', REFERENCES.join('\r\n') + '\r\n');
    expect(windows.stdout).toBe(unix.stdout);
  });

  it('counts a trailing blank line as a segment', async () => {
    const result = await bleu(`${segmentText(HYPOTHESES)}\n`, segmentText(REFERENCES));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/has 3 lines but reference file .*ref\.txt has 2 lines/);
  });

  it('drops an empty reference and reports nrefs:var', async () => {
    const second = ['The cat was on the mat .', ''];
    const dropped = await bleu(segmentText(HYPOTHESES), segmentText(REFERENCES), segmentText(second));
    expect(dropped.code).toBe(0);
    expect(dropped.stdout).toMatch(/^BLEU\|nrefs:var\|/);

    // A copy of the first reference changes no count, so it can replace the dropped one.
    const filled = ['The cat was on the mat .', REFERENCES[1] ?? ''];
    const full = await bleu(segmentText(HYPOTHESES), segmentText(REFERENCES), segmentText(filled));
    expect(full.stdout).toMatch(/^BLEU\|nrefs:2\|/);
    expect(dropped.stdout.replace('nrefs:var', 'nrefs:2')).toBe(full.stdout);
  });

  it('rejects a segment without references', async () => {
    const result = await bleu(segmentText(HYPOTHESES), segmentText([REFERENCES[0] ?? '', '   ']));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: line 2 is empty in every reference file \(.*ref\.txt\)/);
    expect(result.stderr).toContain('fill in a reference or delete line 2 from all files');
  });

  it('rejects an empty hypothesis file', async () => {
    const result = await bleu('', '');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: hypothesis file .*hyp\.txt is empty: write one segment per line/);
  });

  it('names a missing file', async () => {
    const result = await runScoreCaptured(['bleu', '--hyp', '/nonexistent/hyp.txt', '--ref', '/nonexistent/ref.txt']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('Error: hypothesis file /nonexistent/hyp.txt not found: check the path\n');
  });

  it('rejects invalid UTF-8', async () => {
    const hyp = await scratch.write('latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    const ref = await scratch.write('ref.txt', 'café\n');
    const result = await runScoreCaptured(['chrf', '--hyp', hyp, '--ref', ref]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: hypothesis file .*latin1\.txt is not valid UTF-8: convert it to UTF-8\n$/);
  });

  it('keeps a byte order mark and warns', async () => {
    const result = await bleu(`\uFEFF${segmentText(HYPOTHESES)}`, segmentText(REFERENCES));
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^Warning: .*hyp\.txt starts with a UTF-8 byte order mark/);
  });

  it('warns about tokenized periods', async () => {
    const lines = Array.from({ length: 100 }, (_, i) => `Sentence number ${i} .`);
    const result = await bleu(segmentText(lines), segmentText(lines));
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Warning: 100 hypotheses end in a tokenized period');
  });
});

describe('score arguments', () => {
  it('lists the metrics on --help', async () => {
    const result = await runScoreCaptured(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run eval -- score METRIC/);
  });

  it('prints a metric help', async () => {
    const result = await runScoreCaptured(['bleu', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--json');
    expect(result.stdout).toContain('JSON fields:  name, score, signature, verbose_score');
  });

  it('rejects an unknown metric', async () => {
    const result = await runScoreCaptured(['meteor']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^unknown metric "meteor": choose bleu, chrf, squad-v2/);
  });

  it('rejects a missing metric', async () => {
    const result = await runScoreCaptured([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^score needs a metric: choose bleu, chrf, squad-v2/);
  });

  it('requires --ref', async () => {
    const result = await runScoreCaptured(['bleu', '--hyp', 'h.txt']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^--ref FILE is required, once per reference file\n\nUsage: npm run eval -- score bleu/);
  });

  it('requires --hyp', async () => {
    const result = await runScoreCaptured(['chrf', '--ref', 'r.txt']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^--hyp FILE is required/);
  });

  it('rejects an unknown tokenizer', async () => {
    const result = await runScoreCaptured(['bleu', '--hyp', 'h', '--ref', 'r', '--tokenize', 'intl']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^--tokenize takes 13a, zh, none, got "intl"/);
  });

  it('rejects --tokenize for chrf', async () => {
    const result = await runScoreCaptured(['chrf', '--hyp', 'h', '--ref', 'r', '--tokenize', 'zh']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Unknown option '--tokenize'");
  });

  it('rejects an invalid width', async () => {
    const result = await runScoreCaptured(['bleu', '--hyp', 'h', '--ref', 'r', '--width', '1.5']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^--width takes a whole number from 0 to 20, got "1.5"/);
  });

  it('rejects an invalid threshold', async () => {
    const result = await runScoreCaptured(['squad-v2', '--data', 'd', '--pred', 'p', '--na-prob-thresh', 'nan']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^--na-prob-thresh takes a number, such as 0.5, got "nan"/);
  });
});

/** Two questions that tie on no-answer probability, so the walk order decides the best threshold. */
const TIED = [
  { id: 'answerable', gold_answers: ['Paris'] },
  { id: 'unanswerable', gold_answers: [] },
];
const TIED_PREDICTIONS = { answerable: 'Paris', unanswerable: 'Lyon' };

async function squad(data: string, predictions: string, naProbs?: string): Promise<ReturnType<typeof runScoreCaptured>> {
  const args = ['squad-v2', '--data', await scratch.write('data.json', data), '--pred', await scratch.write('pred.json', predictions)];
  if (naProbs !== undefined) args.push('--na-prob', await scratch.write('na_prob.json', naProbs));
  return runScoreCaptured(args);
}

describe('score squad-v2 files', () => {
  it('walks tied probabilities in file order', async () => {
    const dataOrder = await squad(squadDataText(TIED), JSON.stringify(TIED_PREDICTIONS), '{"answerable": 0.5, "unanswerable": 0.5}');
    expect(dataOrder.stdout).toContain('"best_exact": 100.0,\n  "best_exact_thresh": 0.5,');

    const reversed = await squad(squadDataText(TIED), JSON.stringify(TIED_PREDICTIONS), '{"unanswerable": 0.5, "answerable": 0.5}');
    expect(reversed.stdout).toContain('"best_exact": 50.0,\n  "best_exact_thresh": 0.0,');
  });

  it('keeps the order of numeric ids', async () => {
    const questions = [
      { id: '2', gold_answers: ['Paris'] },
      { id: '1', gold_answers: [] },
    ];
    const result = await squad(squadDataText(questions), '{"2": "Paris", "1": "Lyon"}', '{"2": 0.5, "1": 0.5}');
    expect(result.stdout).toContain('"best_exact": 100.0,\n  "best_exact_thresh": 0.5,');
  });

  it('prints an integer threshold as an int', async () => {
    const result = await squad(squadDataText(TIED), '{"answerable": "Paris", "unanswerable": ""}', '{"answerable": 1, "unanswerable": 2}');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"best_exact": 100.0,\n  "best_exact_thresh": 1,');
  });

  it('stops on a missing prediction', async () => {
    const result = await squad(squadDataText(TIED), '{"answerable": "Paris"}');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('Missing prediction for unanswerable');
    expect(lines[1]).toMatch(/^Error: predictions file .*pred\.json has no prediction for 1 of 2 questions\./);
    expect(lines[1]).toContain('add an answer for every question, "" for no answer');
  });

  it('stops on a missing probability', async () => {
    const result = await squad(squadDataText(TIED), JSON.stringify(TIED_PREDICTIONS), '{"answerable": 0.2}');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: no-answer probability file .*na_prob\.json has no probability for question unanswerable/);
  });

  it('rejects a non-string prediction', async () => {
    const result = await squad(squadDataText(TIED), '{"answerable": 3, "unanswerable": ""}');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/gives a non-string answer for question answerable: write a string/);
  });

  it('rejects a non-number probability', async () => {
    const result = await squad(squadDataText(TIED), JSON.stringify(TIED_PREDICTIONS), '{"answerable": "0.2", "unanswerable": 0.1}');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/gives "0.2" for question answerable: write a number/);
  });

  it('gives the place of a JSON error', async () => {
    const result = await squad(squadDataText(TIED), '{\n  "answerable": "Paris",\n}');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^Error: predictions file .*pred\.json is not valid JSON: expected a double-quoted key at line 3, column 1; fix the file/,
    );
  });

  it('rejects a byte order mark in JSON', async () => {
    const result = await squad(`\uFEFF${squadDataText(TIED)}`, JSON.stringify(TIED_PREDICTIONS));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/data\.json starts with a UTF-8 byte order mark, which Python's json module rejects/);
  });

  it('names a missing list in the data', async () => {
    const result = await squad('{"data": [{"title": "x"}]}', '{}');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/has no "paragraphs" list at data\[0\]: expected the SQuAD v2 layout/);
  });

  it('rejects a data file without questions', async () => {
    const result = await squad('{"data": []}', '{}');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/contains no questions/);
  });

  it('warns about repeated ids and unknown predictions', async () => {
    const questions = [...TIED, { id: 'answerable', gold_answers: ['Lyon'] }];
    const result = await squad(squadDataText(questions), JSON.stringify({ ...TIED_PREDICTIONS, extra: 'x' }));
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Warning: question id answerable appears 2 times');
    expect(result.stderr).toContain('has 1 ids that are not in the data file; the official script ignores them');
    // The last "answerable" (gold Lyon) counts, in the first one's place.
    expect(result.stdout).toContain('"exact": 0.0,\n  "f1": 0.0,\n  "total": 2,');
  });
});
