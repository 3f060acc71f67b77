import { expect, test } from '@playwright/test';
import { startHubServer, type HubServer } from './hub-server/server';
import { CHUNK, chunkKeysOf, manifestKeysOf, pickEndpointModel, shrinkQuota, testModel, useEndpoint, verifyInCacheManager, weightsSha256 } from './downloads';

// Each test has its own browser context, so its own IndexedDB; the test Hub is shared and each test
// uses repositories of its own.
let hub: HubServer;
test.beforeAll(async () => {
  hub = await startHubServer();
});
test.afterAll(async () => {
  await hub.close();
});
test.afterEach(() => {
  hub.clearFaults();
});

function storageRangeStarts(sha256: string): number[] {
  return hub.requests.filter((r) => r.server === 'storage' && r.url.includes(sha256) && r.range).map((r) => Number(/bytes=(\d+)-/.exec(r.range!)![1]));
}

test('resumes a download cut mid-file and verifies the stored bytes', async ({ page }) => {
  const repo = testModel('test/cut', 101);
  hub.addRepo(repo);
  const sha = weightsSha256(repo);
  hub.addFault({ server: 'storage', path: sha, rangeFrom: CHUNK, fault: { kind: 'cut', afterBytes: 3_000_000 } });

  await page.goto('./');
  await useEndpoint(page, hub.url);
  await pickEndpointModel(page, 'test/cut');
  await page.getByTestId('slot-download-0').click();
  await expect(page.getByTestId('model-status-0')).toContainText('In IndexedDB');

  // The cut chunk was asked for again from the bytes the browser had received, never from its start.
  // How many of the 3,000,000 sent bytes reach the page before the reset depends on timing.
  const starts = storageRangeStarts(sha);
  expect(starts.slice(0, 2)).toEqual([0, CHUNK]);
  expect(starts.at(-1)).toBe(2 * CHUNK);
  const retries = starts.slice(2, -1);
  expect(retries.length).toBeGreaterThan(0);
  for (const start of retries) {
    expect(start).toBeGreaterThan(CHUNK);
    expect(start).toBeLessThanOrEqual(CHUNK + 3_000_000);
  }
  const stored = await verifyInCacheManager(page, 'test/cut');
  expect(stored['onnx/model.onnx']).toBe(sha);
  await page.getByTestId('cache-manager').screenshot({ path: 'test-results/screenshots/cache-manager-verified.png' });
});

test('resumes after a reload in the middle of a download', async ({ page }) => {
  const repo = testModel('test/reload', 102);
  hub.addRepo(repo);
  const sha = weightsSha256(repo);
  hub.addFault({ server: 'storage', path: sha, rangeFrom: CHUNK, fault: { kind: 'stall' } });

  await page.goto('./');
  await useEndpoint(page, hub.url);
  await pickEndpointModel(page, 'test/reload');
  await page.getByTestId('slot-download-0').click();
  await expect(page.getByTestId('download-progress')).toContainText('8.4 MB of 16.8 MB');
  await page.screenshot({ path: 'test-results/screenshots/slot-downloading.png' });
  await page.reload();

  // The slot comes back with its model, and offers to resume what is stored.
  await expect(page.getByTestId('model-repo-0')).toHaveValue('test/reload');
  await expect(page.getByTestId('slot-pending-0')).toContainText('Interrupted download: 8.4 MB of 16.8 MB stored (50%)');
  await expect(page.getByTestId('model-status-0')).not.toContainText('In IndexedDB');
  await page.getByTestId('model-slot-0').screenshot({ path: 'test-results/screenshots/slot-interrupted.png' });
  await page.getByTestId('cache-manager').locator('summary').first().click();
  await expect(page.getByTestId('pending-row')).toContainText('8.4 MB of 16.8 MB stored');
  await page.getByTestId('cache-manager').screenshot({ path: 'test-results/screenshots/cache-manager-pending.png' });

  hub.clearFaults();
  hub.clearRequests();
  await page.getByTestId('slot-resume-0').click();
  await expect(page.getByTestId('model-status-0')).toContainText('In IndexedDB');
  expect(storageRangeStarts(sha)).toEqual([CHUNK, 2 * CHUNK]);
  expect(hub.requests.filter((r) => r.url.startsWith('/api/'))).toEqual([]);
  expect((await verifyInCacheManager(page, 'test/reload'))['onnx/model.onnx']).toBe(sha);
  await expect(page.getByTestId('pending-row')).toHaveCount(0);
});

test('detects a corrupted file and fetches it again', async ({ page }) => {
  const repo = testModel('test/corrupt-once', 103);
  hub.addRepo(repo);
  const sha = weightsSha256(repo);
  hub.addFault({ server: 'storage', path: sha, rangeFrom: CHUNK, fault: { kind: 'corrupt', atByte: 1000 } });

  await page.goto('./');
  await useEndpoint(page, hub.url);
  await pickEndpointModel(page, 'test/corrupt-once');
  await page.getByTestId('slot-download-0').click();
  await expect(page.getByTestId('model-status-0')).toContainText('In IndexedDB');
  expect(storageRangeStarts(sha)).toEqual([0, CHUNK, 2 * CHUNK, 0, CHUNK, 2 * CHUNK]);
  expect((await verifyInCacheManager(page, 'test/corrupt-once'))['onnx/model.onnx']).toBe(sha);
});

test('caches no file that stays corrupt', async ({ page }) => {
  const repo = testModel('test/corrupt-always', 104);
  hub.addRepo(repo);
  hub.addFault({ server: 'storage', path: weightsSha256(repo), rangeFrom: CHUNK, times: Infinity, fault: { kind: 'corrupt', atByte: 7 } });

  await page.goto('./');
  await useEndpoint(page, hub.url);
  await pickEndpointModel(page, 'test/corrupt-always');
  await page.getByTestId('slot-download-0').click();
  await expect(page.getByTestId('slot-error-0')).toContainText('onnx/model.onnx failed its integrity check (sha256');
  await expect(page.getByTestId('model-status-0')).not.toContainText('In IndexedDB');
  expect(await manifestKeysOf(page, 'test/corrupt-always')).toEqual([]);
  expect((await chunkKeysOf(page, 'test/corrupt-always')).filter((k) => k.includes('onnx/model.onnx'))).toEqual([]);

  await page.reload();
  await expect(page.getByTestId('model-repo-0')).toHaveValue('test/corrupt-always');
  await expect(page.getByTestId('model-status-0')).toContainText(/Interrupted download|Not downloaded yet/);
  await expect(page.getByTestId('model-status-0')).not.toContainText('In IndexedDB');
});

// Chromium's estimate() reports a fixed headroom here, so the quota shows only when a write fails.
test('stops at a full disk, names the sizes and caches nothing', async ({ page }) => {
  hub.addRepo(testModel('test/disk-full', 106));
  await page.goto('./');
  await shrinkQuota(page);
  await useEndpoint(page, hub.url);
  await pickEndpointModel(page, 'test/disk-full');
  await page.getByTestId('slot-download-0').click();

  const error = page.getByTestId('slot-error-0');
  await expect(error).toContainText(/The browser's storage for this site is full: test\/disk-full stopped after .* of 16\.8 MB/);
  await expect(page.getByTestId('model-status-0')).not.toContainText('In IndexedDB');
  expect(await manifestKeysOf(page, 'test/disk-full')).toEqual([]);
  expect((await chunkKeysOf(page, 'test/disk-full')).filter((k) => k.includes('onnx/model.onnx'))).toEqual([]);

  // Discard frees what the interrupted download stored.
  await page.getByTestId('slot-discard-0').click();
  await expect(page.getByTestId('model-status-0')).toContainText('Not downloaded yet');
  expect(await chunkKeysOf(page, 'test/disk-full')).toEqual([]);
});
