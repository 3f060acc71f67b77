import { expect, test } from '@playwright/test';
import { evaluateTask } from '../src/engine/evaluate';
import { loadBundledTaskForTest, loadTinyModel } from '../src/testing/tinyModels';
import { fillRunForm, recordHubRequests, runAndWait, SMALL_SUBJECTS, tableRows, showResults } from './workbench';

const LIMIT = 4;

test('compares the two tiny models under both protocols on WebGPU and shares the view', async ({ page, browser }) => {
  await page.goto('./');
  await expect(page.getByTestId('model-repo-0')).toHaveValue('bundled/tiny-frozen');
  await expect(page.getByTestId('model-repo-1')).toHaveValue('bundled/tiny-trainable');
  await fillRunForm(page, { subjects: SMALL_SUBJECTS, limit: LIMIT, study: true, harness: true, studyRuns: 3, device: 'webgpu' });
  await runAndWait(page);

  await expect(page.getByTestId('device-name')).toHaveText('WebGPU');
  await expect(page.getByTestId('run-details')).toContainText('ran on WebGPU');
  const chart = page.getByTestId('subject-chart');
  const frame = page.locator('.chart-frame').filter({ has: chart });
  const figures: Record<string, string[]> = {};
  for (const protocol of ['study', 'harness'] as const) {
    await showResults(page, protocol);
    // One bar series and one set of interval whiskers per model.
    await expect(frame.locator('.chart-legend-item')).toHaveCount(2);
    await expect(chart.locator('.chart-series')).toHaveCount(2);
    await expect(chart.locator('.chart-whiskers')).toHaveCount(2);
    figures[protocol] = await tableRows(page);
    expect(figures[protocol]).toHaveLength(SMALL_SUBJECTS.length + 1);
  }

  // The harness figures equal those of the engine run in Node on onnxruntime-node.
  const task = await loadBundledTaskForTest({ taskId: 'mmlu', protocol: 'harness', limit: LIMIT, subsets: SMALL_SUBJECTS });
  for (const [index, name] of (['tiny-frozen', 'tiny-trainable'] as const).entries()) {
    const result = await evaluateTask(await loadTinyModel(name), task, { protocol: 'harness', numFewshot: 0 }, LIMIT);
    const overall = result.figures.at(-1)!;
    await showResults(page, 'harness');
    await expect(page.getByTestId(`overall-${index}`)).toContainText(`${overall.value.toFixed(2)}%`);
  }

  await page.getByTestId('share-button').click();
  const url = await page.getByTestId('share-url').inputValue();
  expect(url).toContain('#r=');

  // A fresh context has its own storage: nothing cached, nothing run, same figures.
  const context = await browser.newContext();
  const shared = await context.newPage();
  const hubRequests = recordHubRequests(shared);
  await shared.goto(url);
  await expect(shared.getByTestId('results-source')).toContainText('Shared results');
  for (const protocol of ['study', 'harness'] as const) {
    await showResults(shared, protocol);
    expect(await tableRows(shared)).toEqual(figures[protocol]);
  }
  await expect(shared.getByTestId('run-model-0')).toHaveText('bundled/tiny-frozen');
  await expect(shared.getByTestId('run-details')).toContainText('revision main → commit');
  await showResults(shared, 'study');
  await expect(shared.getByTestId('run-details')).toContainText('3 runs, temperature 1, top-k none, seed 1234');
  expect(hubRequests).toEqual([]);
  await context.close();
});

test('says clearly that a broken link cannot be shown', async ({ page }) => {
  await page.goto('./#r=1.this-is-not-a-valid-link');
  await expect(page.getByTestId('link-error')).toBeVisible();
  await expect(page.getByTestId('start-run')).toBeVisible();
});
