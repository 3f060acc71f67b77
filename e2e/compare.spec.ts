import { expect, test } from '@playwright/test';
import { fillRunForm, runAndWait, SMALL_SUBJECTS } from './workbench';

test('compares three models pair by pair', async ({ page }) => {
  await page.goto('./');
  // Model C is the frozen model again: it must agree with model A on every question.
  await page.getByRole('button', { name: '+ Add a model' }).click();
  await expect(page.getByTestId('model-repo-2')).toHaveValue('bundled/tiny-frozen');
  await fillRunForm(page, { subjects: SMALL_SUBJECTS, limit: 6, study: false, harness: true, device: 'wasm' });
  await runAndWait(page);

  const table = page.getByTestId('pairwise-table');
  await expect(table.locator('tbody tr')).toHaveCount(3);
  const rowAB = table.locator('tr[data-pair="0-1"]');
  const rowAC = table.locator('tr[data-pair="0-2"]');
  const rowBC = table.locator('tr[data-pair="1-2"]');
  await expect(rowAB).toContainText('tiny-frozen vs B tiny-trainable');
  await expect(rowAC).toContainText('tiny-frozen vs C tiny-frozen');
  await expect(rowBC).toContainText('tiny-trainable vs C tiny-frozen');

  // A and C: no discordant item, no difference, p = 1.
  const cellsAC = await rowAC.locator('td').allInnerTexts();
  expect(cellsAC[3]).toBe('0.00 ± 0.00 pp');
  expect(cellsAC[4]).toBe('0 / 0');
  expect(cellsAC[5]).toBe('1');

  // B − C is the opposite of A − B, with b and c swapped.
  const cellsAB = await rowAB.locator('td').allInnerTexts();
  const cellsBC = await rowBC.locator('td').allInnerTexts();
  const [b, c] = cellsAB[4]!.split(' / ');
  expect(cellsBC[4]).toBe(`${c} / ${b}`);
  expect(cellsBC[5]).toBe(cellsAB[5]);
  const differenceAB = cellsAB[3]!;
  const flipped = differenceAB.startsWith('+') ? differenceAB.replace('+', '−') : differenceAB.replace('−', '+');
  expect(cellsBC[3]).toBe(flipped);

  // The pair table of B vs C has one row per subject, with Holm-adjusted p-values.
  await page.getByTestId('pair-1-2').click();
  const pairTable = page.getByTestId('pair-table');
  await expect(pairTable).toContainText('A = tiny-trainable, B = tiny-frozen');
  await expect(pairTable.locator('tbody tr')).toHaveCount(SMALL_SUBJECTS.length);
  await expect(pairTable).toContainText(`Bonferroni threshold for ${SMALL_SUBJECTS.length} tests`);
  await expect(page.locator('.chart-frame').filter({ has: page.getByTestId('difference-chart') }).first().locator('.chart-title')).toContainText('B − C');
});
