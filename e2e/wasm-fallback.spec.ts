import { expect, test } from '@playwright/test';
import { BASE_ARGS, CHROMIUM_PATH } from './chromium';
import { fillRunForm, runAndWait, SMALL_SUBJECTS } from './workbench';

// Without --enable-unsafe-webgpu, this Chromium offers navigator.gpu but no adapter.
test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: BASE_ARGS } });

test('runs on WASM and says why when WebGPU has no adapter', async ({ page }) => {
  await page.goto('./');
  await fillRunForm(page, { subjects: SMALL_SUBJECTS.slice(0, 1), limit: 3, study: false, harness: true, device: 'auto' });
  await runAndWait(page);
  await expect(page.getByTestId('device-name')).toHaveText('WASM');
  await expect(page.getByTestId('device-info')).toContainText('no adapter is available');
  await expect(page.getByTestId('run-details')).toContainText('ran on WASM');
  await expect(page.getByTestId('overall-0')).toContainText('%');
});
