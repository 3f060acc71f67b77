import { expect, test, type Page } from '@playwright/test';
import { fillRunForm, runAndWait, SMALL_SUBJECTS, tableRows, showResults } from './workbench';

const FORM = { subjects: SMALL_SUBJECTS, limit: 8, study: true, harness: true, studyRuns: 3, device: 'wasm' as const };

/** Reads the results table under both protocols. */
async function figures(page: Page): Promise<Record<'study' | 'harness', string[]>> {
  await showResults(page, 'study');
  const study = await tableRows(page);
  await showResults(page, 'harness');
  return { study, harness: await tableRows(page) };
}

test('resumes a run interrupted by a reload with the same figures', async ({ page }) => {
  await page.goto('./');
  await fillRunForm(page, FORM);
  await runAndWait(page);
  const uninterrupted = await figures(page);
  expect(uninterrupted.harness).toHaveLength(SMALL_SUBJECTS.length + 1);

  // The same run again (same seed), reloaded while model B is being scored.
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('run-status')).toContainText('Model B', { timeout: 5 * 60_000 });
  await page.reload();

  // The page resumes by itself, from the saved records of model A at least.
  const note = page.getByTestId('resumed-note');
  await expect(note).toBeVisible();
  expect(Number(await note.getAttribute('data-items'))).toBeGreaterThanOrEqual(2 * SMALL_SUBJECTS.length * FORM.limit);
  await expect(page.getByTestId('start-run')).toBeVisible({ timeout: 5 * 60_000 });
  await expect(page.getByTestId('run-error')).toHaveCount(0);

  expect(await figures(page)).toEqual(uninterrupted);
  await expect(page.getByTestId('interrupted-run')).toHaveCount(0);

  // The finished run is in the history, and the last one reopens after another reload.
  await page.reload();
  await expect(page.getByTestId('results-source')).toContainText('restored');
  expect(await figures(page)).toEqual(uninterrupted);
  await page.getByTestId('history').locator('summary').click();
  await expect(page.getByTestId('history-entry')).toHaveCount(2);
});

test('cancels between batches and resumes from the banner', async ({ page }) => {
  await page.goto('./');
  // Enough items that model B is still scoring when the key press arrives.
  await fillRunForm(page, { ...FORM, study: false, limit: 40 });
  await runAndWait(page);
  const uninterrupted = await tableRows(page);

  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('run-status')).toContainText('Model B', { timeout: 5 * 60_000 });
  await page.keyboard.press('Alt+C');
  await expect(page.getByTestId('start-run')).toBeVisible();
  const banner = page.getByTestId('interrupted-run');
  await expect(banner).toContainText('stopped before it finished');

  await page.getByTestId('resume-run').click();
  await expect(page.getByTestId('resumed-note')).toBeVisible();
  await expect(page.getByTestId('start-run')).toBeVisible({ timeout: 5 * 60_000 });
  expect(await tableRows(page)).toEqual(uninterrupted);
  await expect(banner).toHaveCount(0);
});
