import { parquetWriteBuffer } from 'hyparquet-writer';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeHubRepo } from '../../scripts/hubLayout';
import { openRepo } from '../cli/nodeRepos';
import { evaluateTask } from '../engine/evaluate';
import type { TaskDataRequest } from './catalog';
import { describesOtherSource, loadTask, type DataAccess } from './catalog';
import { serveHubFolder, type StaticHub } from '../testing/staticHub';
import { loadTinyModel } from '../testing/tinyModels';

const ARC_ROWS = {
  id: ['Mercury_1', 'NYSEDREGENTS_2', 'Mercury_3'],
  question: ['Which gas do plants take in?', 'What melts ice fastest?', 'What is the Sun?'],
  choices: [
    { text: ['oxygen', 'carbon dioxide', 'helium'], label: ['A', 'B', 'C'] },
    { text: ['salt', 'sand', 'sugar', 'gravel'], label: ['1', '2', '3', '4'] },
    { text: ['a planet', 'a star', 'a moon', 'a comet'], label: ['A', 'B', 'C', 'D'] },
  ],
  answerKey: ['B', '1', 'B'],
};

function arcParquet(rows = ARC_ROWS): Buffer {
  const columnData = Object.entries(rows).map(([name, data]) => ({ name, data }));
  return Buffer.from(parquetWriteBuffer({ columnData }));
}

/** Access through the Hub client: bundled repositories from disk, Hub datasets over HTTP. */
function access(): DataAccess {
  return {
    read: () => Promise.reject(new Error('no bundled repository in this test')),
    list: () => Promise.reject(new Error('no bundled repository in this test')),
    async fetchHubFile(source, path) {
      return (await openRepo(source.endpoint, 'dataset', source.repo, source.revision, null)).read(path);
    },
  };
}

function request(taskId: TaskDataRequest['taskId'], source: TaskDataRequest['source'], extra: Partial<TaskDataRequest> = {}): TaskDataRequest {
  return { taskId, protocol: 'harness', limit: null, subsets: null, source, ...extra };
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe('a Hub dataset repository with parquet files', () => {
  let hub: StaticHub;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-'));
    writeHubRepo(dir, { kind: 'dataset', id: 'tests/arc-parquet', files: new Map([['ARC-Challenge/test-00000-of-00001.parquet', arcParquet()]]) });
    hub = await serveHubFolder(dir);
  });
  afterAll(() => hub.close());

  it('gives ARC items through the Hub client', async () => {
    const source = { kind: 'hub' as const, endpoint: hub.url, repo: 'tests/arc-parquet', revision: 'main', paths: ['ARC-Challenge/test-00000-of-00001.parquet'] };
    const task = await loadTask(request('arc_challenge', source), access());
    expect(task.itemIds).toEqual(['Mercury_1', 'NYSEDREGENTS_2', 'Mercury_3']);
    expect(task.source).toContain('tests/arc-parquet@main');
    expect(describesOtherSource(task.source)).toBe(true);
    expect(hub.requests).toContain('/api/datasets/tests/arc-parquet/revision/main');

    const result = await evaluateTask(await loadTinyModel('tiny-frozen'), task, { protocol: 'harness', numFewshot: 0 }, null);
    expect(result.items.map((r) => r.kind === 'choice' && r.logprobs.length)).toEqual([3, 4, 4]);
    expect(result.figures.map((f) => f.label)).toEqual(['ARC-c', 'ARC-c [acc_norm]']);
  });

  it('names a path the repository lacks', async () => {
    const source = { kind: 'hub' as const, endpoint: hub.url, repo: 'tests/arc-parquet', revision: 'main', paths: ['missing.parquet'] };
    await expect(loadTask(request('arc_challenge', source), access())).rejects.toThrow(/missing\.parquet/);
  });
});

describe('files dropped in', () => {
  const files = (name: string, content: Uint8Array) => ({ kind: 'files' as const, files: [{ name, bytes: content }] });

  it('reads MMLU from a CSV with a header', async () => {
    const csv = 'question,A,B,C,D,answer,subject\n"What is 2+2?",3,4,5,6,B,elementary_mathematics\n"Pick, with a comma",a,b,c,d,D,elementary_mathematics\n';
    const task = await loadTask(request('mmlu', files('my-mmlu.csv', bytes(csv))), access());
    expect(task.subsets).toEqual(['elementary_mathematics']);
    expect(task.itemIds).toEqual(['elementary_mathematics/0', 'elementary_mathematics/1']);
  });

  it('reads MMLU from a headerless CSV named by subject', async () => {
    const csv = '"What is 2+2?",3,4,5,6,B\n"Pick, with a comma",a,b,c,d,D\n';
    const task = await loadTask(request('mmlu', files('anatomy_test.csv', bytes(csv))), access());
    expect(task.subsets).toEqual(['anatomy']);
    expect(task.itemIds).toEqual(['anatomy/0', 'anatomy/1']);
    expect(describesOtherSource(task.source)).toBe(true);
    expect(describesOtherSource('MMLU test, first 3 per subject: 3 items')).toBe(false);
    expect(describesOtherSource('en-ru: WMT19 news, first 128 pairs: 128 items')).toBe(false);
  });

  it('takes the subject of a headered MMLU CSV from its name', async () => {
    const csv = 'question,A,B,C,D,answer\nQ1,a,b,c,d,A\nQ2,a,b,c,d,B\n';
    const task = await loadTask(request('mmlu', files('anatomy_test.csv', bytes(csv))), access());
    expect(task.subsets).toEqual(['anatomy']);
  });

  it('names the expected header of a CSV with other columns', async () => {
    const csv = 'prompt,correct\nQ1,a\n';
    await expect(loadTask(request('mmlu', files('other.csv', bytes(csv))), access())).rejects.toThrow(
      'other.csv (row 1): expected 6 fields (question, A, B, C, D, answer), found 2; a file with a header row names its columns question,A,B,C,D,answer',
    );
  });

  it('says that an empty CSV is empty', async () => {
    for (const task of ['mmlu', 'boolq'] as const) {
      await expect(loadTask(request(task, files('empty.csv', bytes(' \n'))), access())).rejects.toThrow('empty.csv: the file is empty');
    }
  });

  it('names the row where an unterminated quote opens', async () => {
    const first = 'question,A,B,C,D,answer\n"Q1 never closed,a,b,c,d,A\nQ2,a,b,c,d,B\n';
    await expect(loadTask(request('mmlu', files('q1.csv', bytes(first))), access())).rejects.toThrow('q1.csv (row 1): invalid CSV: Quoted field unterminated');
    const second = 'question,A,B,C,D,answer\nQ1,a,b,c,d,A\n"Q2 never closed,a,b,c,d,B\n';
    await expect(loadTask(request('mmlu', files('q2.csv', bytes(second))), access())).rejects.toThrow('q2.csv (row 2): invalid CSV: Quoted field unterminated');
    const headerless = 'Q1,a,b,c,d,A\n"Q2 never closed,a,b,c,d,B\n';
    await expect(loadTask(request('mmlu', files('q3.csv', bytes(headerless))), access())).rejects.toThrow('q3.csv (row 2): invalid CSV: Quoted field unterminated');
  });

  it('names the data row of a CSV row with too many fields', async () => {
    const csv = 'question,passage,answer\nq,p,true\nq,p,true,extra\n';
    await expect(loadTask(request('boolq', files('b.csv', bytes(csv))), access())).rejects.toThrow('b.csv (row 2): invalid CSV: Too many fields');
  });

  it('reads BoolQ from JSON Lines', async () => {
    const jsonl = '{"question": "is it", "answer": true, "passage": "It is."}\n{"question": "is it not", "answer": false, "passage": "It is."}\n';
    const task = await loadTask(request('boolq', files('boolq.jsonl', bytes(jsonl))), access());
    expect(task.itemIds).toHaveLength(2);
  });

  it('reads SQuAD v2 from the official JSON and from a list of rows', async () => {
    const official = { version: 'v2.0', data: [{ title: 'T', paragraphs: [{ context: 'C', qas: [{ id: 'q1', question: 'Q?', answers: [{ text: 'C', answer_start: 0 }], is_impossible: false }] }] }] };
    expect((await loadTask(request('squad_v2', files('dev.json', bytes(JSON.stringify(official)))), access())).itemIds).toEqual(['q1']);
    const rows = [{ id: 'q2', title: 'T', context: 'C', question: 'Q?', answers: { text: [], answer_start: [] } }];
    expect((await loadTask(request('squad_v2', files('rows.json', bytes(JSON.stringify(rows)))), access())).itemIds).toEqual(['q2']);
  });

  it('reads translation pairs from parquet in the Hugging Face layout', async () => {
    const parquet = parquetWriteBuffer({ columnData: [{ name: 'translation', data: [{ en: 'Hello.', ru: 'Привет.' }, { en: 'Bye.', ru: 'Пока.' }] }] });
    const task = await loadTask(request('translation', files('opus.parquet', new Uint8Array(parquet)), { subsets: ['en-ru', 'ru-en'] }), access());
    expect(task.itemIds).toEqual(['data:en-ru/0', 'data:en-ru/1', 'data:ru-en/0', 'data:ru-en/1']);
  });

  it('names the file, row and field of a bad MMLU answer', async () => {
    const csv = 'question,A,B,C,D,answer\nQ1,a,b,c,d,A\nQ2,a,b,c,d,F\n';
    await expect(loadTask(request('mmlu', files('bad.csv', bytes(csv))), access())).rejects.toThrow('bad.csv (row 2, field "answer")');
  });

  it('names the file, row and field of a parquet row without its question', async () => {
    const parquet = arcParquet({ ...ARC_ROWS, question: ['Q1', '', 'Q3'] });
    await expect(loadTask(request('arc_easy', files('arc.parquet', new Uint8Array(parquet))), access())).rejects.toThrow('arc.parquet (row 2, field "question")');
  });

  it('names the line of invalid JSON Lines', async () => {
    await expect(loadTask(request('boolq', files('b.jsonl', bytes('{"a": 1}\n{oops\n'))), access())).rejects.toThrow(/b\.jsonl \(row 2\): invalid JSON/);
  });

  it('refuses a file that is not parquet', async () => {
    await expect(loadTask(request('boolq', files('b.parquet', bytes('not parquet'))), access())).rejects.toThrow(/b\.parquet: not a readable parquet file/);
  });

  it('refuses an unknown file type', async () => {
    await expect(loadTask(request('boolq', files('b.xlsx', bytes('x'))), access())).rejects.toThrow(/b\.xlsx: unknown file type/);
  });
});
