import { expect, test } from '@playwright/test';
import { fillRunForm, recordHubRequests, runAndWait, SMALL_SUBJECTS, tableRows } from './workbench';

test('shows finished results after a reload and runs stored models with no request', async ({ page }) => {
  await page.goto('./');
  const form = { subjects: SMALL_SUBJECTS.slice(0, 2), limit: 3, study: false, harness: true, device: 'wasm' as const };
  await fillRunForm(page, form);
  await runAndWait(page);
  const before = await tableRows(page);

  await page.reload();
  await expect(page.getByTestId('results-source')).toContainText('restored');
  expect(await tableRows(page)).toEqual(before);
  await expect(page.getByTestId('model-status-0')).toContainText('In IndexedDB');

  const hubRequests = recordHubRequests(page);
  await fillRunForm(page, form);
  await runAndWait(page);
  expect(await tableRows(page)).toEqual(before);
  expect(hubRequests).toEqual([]);
});
