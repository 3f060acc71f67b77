import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';

test('runs the demo from the empty page and saves its chart', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('device-select').selectOption('wasm');
  await page.getByTestId('run-demo').click();
  await expect(page.getByTestId('cancel-run')).toBeVisible();
  await expect(page.getByTestId('start-run')).toBeVisible({ timeout: 5 * 60_000 });
  await expect(page.getByTestId('empty-state')).toHaveCount(0);
  await expect(page.getByTestId('results-table').locator('tbody tr')).toHaveCount(3);

  // The protocol tabs follow the arrow keys.
  await page.getByTestId('protocol-tab-study').click();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('protocol-tab-harness')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('protocol-tab-harness')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('protocol-tab-study')).toHaveAttribute('aria-selected', 'true');

  // Pointing at a row of the grouped chart shows its figures; clicking it opens its questions.
  const chart = page.locator('.chart-frame').first();
  const firstRow = { position: { x: 300, y: 8 } };
  await chart.locator('.chart-svg').first().hover(firstRow);
  await expect(chart.locator('.chart-tooltip')).toContainText('abstract algebra');
  await expect(chart.locator('.chart-tooltip')).toContainText('tiny-frozen: ');
  await chart.locator('.chart-svg').first().click(firstRow);
  await expect(page.getByTestId('explorer-subset')).toHaveValue('abstract_algebra');
  // A click with no pointer move before it, as a tap gives, opens the row under it: the third.
  await chart.locator('.chart-svg').first().hover(firstRow);
  const box = (await chart.locator('.chart-svg').first().boundingBox())!;
  const rowHeight = (box.height - 26) / 3;
  await chart.locator('.chart-svg').first().dispatchEvent('click', { clientX: box.x + 300, clientY: box.y + 2.5 * rowHeight });
  await expect(page.getByTestId('explorer-subset')).toHaveValue('astronomy');
  // The keyboard reads the rows and opens one: focus shows the first, the down arrow the second.
  await page.mouse.move(0, 0);
  // A click focuses the chart, so focus moves away and back first.
  await chart.locator('.chart-svg').first().evaluate((svg) => (svg as SVGElement).blur());
  await chart.locator('.chart-svg').first().focus();
  await expect(chart.locator('.chart-tooltip')).toContainText('abstract algebra');
  await page.keyboard.press('ArrowDown');
  await expect(chart.locator('.chart-tooltip')).toContainText('anatomy');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('explorer-subset')).toHaveValue('anatomy');

  // The grouped chart saves as a standalone SVG with its legend, and as a PNG.
  const [svgDownload] = await Promise.all([page.waitForEvent('download'), chart.getByTestId('save-svg').click()]);
  const svg = await readFile((await svgDownload.path())!, 'utf8');
  expect(svg.startsWith('<svg')).toBe(true);
  expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
  expect(svg).toContain('tiny-frozen');
  expect(svg).toContain('abstract algebra');
  const [pngDownload] = await Promise.all([page.waitForEvent('download'), chart.getByTestId('save-png').click()]);
  const png = await readFile((await pngDownload.path())!);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(pngDownload.suggestedFilename()).toBe('mmlu-study.png');
});
