import { expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { startHubServer, type HubServer } from './hub-server/server';
import { chunkKeysOf, manifestKeysOf, pickEndpointModel, shrinkQuota, testModel, useEndpoint } from './downloads';

let hub: HubServer;
test.beforeAll(async () => {
  hub = await startHubServer({ repos: [testModel('test/too-big', 301)] });
});
test.afterAll(async () => {
  await hub.close();
});

// Chromium's StaticStorageQuota feature makes estimate() report usage plus a fixed 5 or 10 GiB;
// without it, estimate() reports the quota the DevTools protocol sets, as on a small disk.
test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--disable-features=StaticStorageQuota'] } });

test('rejects a download larger than the quota before writing a byte', async ({ page }) => {
  await page.goto('./');
  await shrinkQuota(page);
  await useEndpoint(page, hub.url);
  await pickEndpointModel(page, 'test/too-big');
  hub.clearRequests();
  await page.getByTestId('slot-download-0').click();

  const error = page.getByTestId('slot-error-0');
  await expect(error).toContainText(/The download needs 16\.8 MB more, but the browser grants this site only [\d.]+ MB \(quota 4\.0 MB, .* in use\)/);
  await expect(error).toContainText('Nothing was written.');
  await page.getByTestId('model-slot-0').screenshot({ path: 'test-results/screenshots/slot-quota.png' });
  expect(await chunkKeysOf(page, 'test/too-big')).toEqual([]);
  expect(await manifestKeysOf(page, 'test/too-big')).toEqual([]);
  expect(hub.requests.filter((r) => r.url.includes('/resolve/'))).toEqual([]);
  await expect(page.getByTestId('slot-pending-0')).toHaveCount(0);
});
