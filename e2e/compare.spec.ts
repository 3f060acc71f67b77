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
  const differenceFrame = page.locator('.chart-frame').filter({ has: page.getByTestId('difference-chart') }).first();
  await expect(differenceFrame.locator('.chart-title')).toContainText('B − C');
  // Its bars take the colors of B (orange) and C (green), and its tooltip names the pair.
  const fills = await differenceFrame.locator('.chart-bar').evaluateAll((bars) => bars.map((bar) => bar.getAttribute('fill')));
  expect(fills.length).toBe(SMALL_SUBJECTS.length);
  for (const fill of fills) expect(['#ea580c', '#16a34a']).toContain(fill);
  await differenceFrame.locator('.chart-svg').first().hover({ position: { x: 40, y: 8 } });
  await expect(differenceFrame.locator('.chart-tooltip')).toContainText('B − C: ');

  // In a narrow window the grouped chart shrinks to its column instead of running under the other.
  await page.setViewportSize({ width: 700, height: 900 });
  const groupedFrame = page.locator('.chart-frame').filter({ has: page.getByTestId('subject-chart') }).first();
  await expect
    .poll(async () => {
      const grouped = await groupedFrame.locator('.chart-svg').first().boundingBox();
      const difference = await differenceFrame.locator('.chart-svg').first().boundingBox();
      return grouped && difference ? grouped.x + grouped.width <= difference.x : false;
    })
    .toBe(true);
});
