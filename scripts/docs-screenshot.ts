/**
 * Takes the comparison-view screenshot of the README: runs the two bundled models on every MMLU
 * subject in Debian's Chromium and saves the results panel as docs/images/comparison.png.
 *
 * Usage: npm run build && npx vite preview --port 4173 & npx tsx scripts/docs-screenshot.ts [--limit N] [--device wasm|webgpu]
 */
import { chromium } from '@playwright/test';
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:4173/' },
    limit: { type: 'string', default: '30' },
    device: { type: 'string', default: 'wasm' },
    out: { type: 'string', default: resolve(import.meta.dirname, '..', 'docs', 'images', 'comparison.png') },
  },
});

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
await page.goto(values.url);
await page.getByTestId('item-limit').fill(values.limit);
await page.getByTestId('device-select').selectOption(values.device);
const started = Date.now();
await page.getByTestId('start-run').click();
await page.getByTestId('cancel-run').waitFor();
await page.getByTestId('start-run').waitFor({ timeout: 60 * 60_000 });
console.log(`run took ${((Date.now() - started) / 1000).toFixed(0)} s`);
await page.getByTestId('protocol-tab-harness').click();
await page.getByTestId('group-toggle').check();
await page.mouse.move(0, 0);
// The overall figures and the first category's chart; the page below repeats that for each category.
const box = await page.getByTestId('results').evaluate((el) => {
  const rect = el.getBoundingClientRect();
  return { x: rect.left + window.scrollX, y: rect.top + window.scrollY, width: rect.width, height: rect.height };
});
await page.screenshot({ path: values.out, fullPage: true, clip: { ...box, height: Math.min(box.height, 1250) } });
console.log(`saved ${values.out}`);
await browser.close();
