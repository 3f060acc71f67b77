import { expect, test, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runAndWait, showResults } from './workbench';

const run = promisify(execFile);
const LIMIT = 4;
const RUNS = 3;

/** Sets the form to ARC-Challenge and SQuAD v2 under both protocols, on WASM. */
async function chooseArcAndSquad(page: Page): Promise<void> {
  await page.getByTestId('task-mmlu').uncheck();
  await page.getByTestId('task-arc_challenge').check();
  await page.getByTestId('task-squad_v2').check();
  await page.getByTestId('use-study').check();
  await page.getByTestId('use-harness').check();
  await page.getByTestId('item-limit').fill(String(LIMIT));
  await page.getByTestId('study-runs').fill(String(RUNS));
  await page.getByTestId('device-select').selectOption('wasm');
}

/** The page's report lines under one protocol, sorted. */
async function reportLines(page: Page, protocol: 'study' | 'harness'): Promise<string[]> {
  await showResults(page, protocol);
  const text = await page.getByTestId('report-lines').textContent();
  return (text ?? '').split('\n').filter(Boolean).sort();
}

test('ARC-Challenge and SQuAD v2 in the browser give the figures of npm run eval', async ({ page }) => {
  const out = join(mkdtempSync(join(tmpdir(), 'workbench-')), 'results.json');
  const node = run('npx', ['tsx', 'src/cli/main.ts', '--task', 'arc_challenge,squad_v2', '--protocol', 'study,harness', '--limit', String(LIMIT), '--runs', String(RUNS), '--out', out], {
    maxBuffer: 16 * 1024 * 1024,
  });

  await page.goto('./');
  await chooseArcAndSquad(page);
  await runAndWait(page);
  const browser = [...(await reportLines(page, 'study')), ...(await reportLines(page, 'harness'))].sort();

  const { stdout } = await node;
  const cli = stdout.split('\n').filter(Boolean).sort();
  expect(cli.length).toBeGreaterThan(10);
  expect(browser).toEqual(cli);
  for (const label of ['ARC-c:', 'ARC-c [acc_norm]:', 'SQUAD:', 'SQUAD [exact]:', 'SQUAD [f1]:', 'SQUAD [best_f1]:']) {
    expect(browser.some((line) => line.includes(` ${label}`))).toBe(true);
  }
});

test('draws a published log beside a run of a tiny model', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('task-mmlu').uncheck();
  await page.getByTestId('task-arc_challenge').check();
  await page.getByTestId('use-harness').uncheck();
  await page.getByTestId('item-limit').fill('3');
  await page.getByTestId('study-runs').fill('2');
  await page.getByTestId('device-select').selectOption('wasm');
  await runAndWait(page);

  await page.getByTestId('published-select').selectOption('best_bvv_unfrozen_ru');
  await page.getByTestId('published-add').click();
  await showResults(page, 'study', 'arc_challenge');
  const chart = page.getByTestId('subject-chart');
  await expect(page.locator('.chart-frame').filter({ has: chart }).locator('.chart-legend-item')).toHaveCount(3);
  await expect(chart.locator('.chart-whiskers')).toHaveCount(3);
  // The published series is drawn lighter, with a dashed outline.
  await expect(chart.locator('.chart-series[data-series="2"] .chart-bar')).toHaveAttribute('stroke-dasharray', '3 2');
  await expect(page.getByTestId('results-table')).toContainText('best_bvv_unfrozen_ru (published)');
  // The published figure as the study's log prints it: ARC-c 24.18% ± 0.80%.
  await expect(page.getByTestId('results-table')).toContainText('24.18% ± 0.80%');

  // A malformed file is refused with its name and line.
  await page.getByTestId('published-file').setInputFiles({
    name: 'broken.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('m MMLU: 1.00% ± 0.10% (σ=0.20%)\nm GSM8K: 2.00% ± 0.10% (σ=0.20%)\n'),
  });
  await expect(page.getByTestId('published-error')).toContainText('broken.txt (row 2, field "label")');
});

test('runs a task on files the user drops in and names the row of a bad one', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('task-mmlu').uncheck();
  await page.getByTestId('task-boolq').check();
  await page.getByTestId('use-study').uncheck();
  await page.getByTestId('device-select').selectOption('wasm');
  await page.getByTestId('data-kind-boolq').selectOption('files');
  const rows = [
    { question: 'is the sky blue', answer: true, passage: 'The sky is blue on a clear day.' },
    { question: 'is fire cold', answer: false, passage: 'Fire is hot.' },
    { question: 'do fish swim', answer: true, passage: 'Fish swim in water.' },
  ];
  await page.getByTestId('data-files-boolq').setInputFiles({
    name: 'my-boolq.jsonl',
    mimeType: 'application/json',
    buffer: Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n')),
  });
  await runAndWait(page);
  await expect(page.getByTestId('run-details')).toContainText('file my-boolq.jsonl: 3 items');
  await expect(page.getByTestId('overall-0')).toContainText('BoolQ');

  await page.getByTestId('data-files-boolq').setInputFiles({
    name: 'broken.jsonl',
    mimeType: 'application/json',
    buffer: Buffer.from('{"question": "q", "answer": true, "passage": "p"}\n{"question": "q", "answer": "maybe", "passage": "p"}\n'),
  });
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('run-error')).toContainText('broken.jsonl (row 2, field "answer")');
  // The run stopped before scoring anything, so there is nothing to resume.
  await expect(page.getByTestId('interrupted-run')).toHaveCount(0);

  // A headerless MMLU file takes its subject from its name, and that one subject gets its row and bar.
  await page.getByTestId('task-boolq').uncheck();
  await page.getByTestId('task-mmlu').check();
  await page.getByTestId('data-kind-mmlu').selectOption('files');
  await page.getByTestId('data-files-mmlu').setInputFiles({
    name: 'anatomy_test.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('"Which bone is in the arm?",femur,humerus,tibia,fibula,B\nWhich organ pumps blood?,lung,liver,heart,kidney,C\nWhere is the patella?,knee,elbow,skull,hip,A\n'),
  });
  await runAndWait(page);
  await expect(page.getByTestId('run-details')).toContainText('file anatomy_test.csv: 3 items');
  const anatomy = page.getByTestId('results-table').locator('tbody tr[data-row="anatomy"]');
  await expect(anatomy).toHaveCount(1);
  await expect(anatomy).not.toContainText('—');
  await expect(page.getByTestId('subject-chart').locator('.chart-bar')).toHaveCount(2);
});
