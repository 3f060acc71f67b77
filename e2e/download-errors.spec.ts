import { expect, test, type Page } from '@playwright/test';
import { loadBundledRepo } from './hub-server/repos';
import { startHubServer, type HubServer } from './hub-server/server';
import { manifestKeysOf, pickEndpointModel, setToken, testModel, useEndpoint } from './downloads';
import { fillRunForm, SMALL_SUBJECTS } from './workbench';

const TOKEN = 'hf_testtoken_5f2c9a';

let hub: HubServer;
test.beforeAll(async () => {
  const gated = loadBundledRepo('public/hub', 'model', 'bundled/tiny-frozen');
  gated.token = TOKEN;
  hub = await startHubServer({ repos: [gated] });
});
test.afterAll(async () => {
  await hub.close();
});
test.afterEach(() => {
  hub.clearFaults();
});

/** Starts a download of slot 0 and returns the error the slot shows. */
async function downloadError(page: Page): Promise<string> {
  await page.getByTestId('slot-download-0').click();
  const error = page.getByTestId('slot-error-0');
  await expect(error).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('model-status-0')).not.toContainText('In IndexedDB');
  return error.innerText();
}

test('explains a missing repository', async ({ page }) => {
  await page.goto('./');
  await useEndpoint(page, hub.url);
  await pickEndpointModel(page, 'test/no-such-model');
  const message = await downloadError(page);
  expect(message).toContain('not found (HTTP 404)');
  expect(message).toContain('Check the repository id, the revision and the endpoint.');
});

test('downloads a gated model with a token', async ({ page }) => {
  const consoleLines: string[] = [];
  page.on('console', (line) => consoleLines.push(line.text()));
  page.on('worker', (worker) => worker.on('console', (line) => consoleLines.push(line.text())));

  await page.goto('./');
  await useEndpoint(page, hub.url);
  await pickEndpointModel(page, 'bundled/tiny-frozen');
  const message = await downloadError(page);
  expect(message).toContain('requires an access token (HTTP 401)');
  expect(message).toContain('set a token in Settings');

  await setToken(page, TOKEN);
  hub.clearRequests();
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('model-status-0')).toContainText('In IndexedDB');

  const hubRequests = hub.requests.filter((r) => r.server === 'hub');
  const storageRequests = hub.requests.filter((r) => r.server === 'storage');
  expect(hubRequests.length).toBeGreaterThan(0);
  expect(hubRequests.every((r) => r.bearer === TOKEN)).toBe(true);
  // The browser drops Authorization on the cross-origin redirect to the storage host.
  expect(storageRequests.length).toBeGreaterThan(0);
  expect(storageRequests.every((r) => r.bearer === null)).toBe(true);

  // The token is in no stored record, no console line, and not in the page's URL.
  const stored = await page.evaluate(async () => {
    const dump = async (name: string, store: string) =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => {
          const request = open.result.transaction(store, 'readonly').objectStore(store).getAll();
          request.onsuccess = () => resolve(JSON.stringify(request.result));
        };
      });
    return (await dump('lm-workbench-meta', 'meta')) + JSON.stringify(localStorage) + JSON.stringify(sessionStorage);
  });
  expect(stored).not.toContain(TOKEN);
  expect(consoleLines.join('\n')).not.toContain(TOKEN);
  expect(page.url()).not.toContain(TOKEN);
});

test('explains rate limiting with the wait the endpoint asked for', async ({ page }) => {
  hub.addRepo(testModel('test/rate-limited', 201));
  hub.addFault({ server: 'hub', path: '/revision/', times: Infinity, fault: { kind: 'status', status: 429, retryAfter: 1 } });
  await page.goto('./');
  await useEndpoint(page, hub.url);
  await pickEndpointModel(page, 'test/rate-limited');
  const message = await downloadError(page);
  expect(message).toContain('the endpoint is rate-limiting requests (HTTP 429, 5 attempts) and asked to wait 1 s. Wait a minute and try again.');
  expect(hub.requests.filter((r) => r.url.includes('/api/models/test/rate-limited/revision/'))).toHaveLength(5);
});

test('explains a failing endpoint', async ({ page }) => {
  hub.addRepo(testModel('test/server-error', 202));
  hub.addFault({ server: 'hub', path: '/tree/', times: Infinity, fault: { kind: 'status', status: 500 } });
  await page.goto('./');
  await useEndpoint(page, hub.url);
  await pickEndpointModel(page, 'test/server-error');
  const message = await downloadError(page);
  expect(message).toContain('File list of test/server-error: the endpoint failed (HTTP 500, 5 attempts). Try again later');
  await page.getByTestId('model-slot-0').screenshot({ path: 'test-results/screenshots/slot-error.png' });
});

test('times out a stalled download and keeps nothing cached after a reload', async ({ page }) => {
  const repo = testModel('test/stalled', 203);
  hub.addRepo(repo);
  hub.addFault({ server: 'storage', times: Infinity, fault: { kind: 'stall', afterBytes: 0 } });
  await page.goto('./');
  await useEndpoint(page, hub.url, 1);
  await pickEndpointModel(page, 'test/stalled');
  const message = await downloadError(page);
  expect(message).toMatch(/onnx\/model\.onnx: timed out, no data arrived from .* for 1 s \(5 attempts\)\. Check the connection and the endpoint, or raise the request timeout in Settings\./);
  expect(message).toContain('The chunks stored so far are kept');
  expect(await manifestKeysOf(page, 'test/stalled')).toEqual([]);

  await page.reload();
  await expect(page.getByTestId('model-repo-0')).toHaveValue('test/stalled');
  await expect(page.getByTestId('slot-pending-0')).toContainText('Interrupted download');
  await expect(page.getByTestId('model-status-0')).not.toContainText('In IndexedDB');
});

test('frees the slot after a failed run', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('model-repo-1').fill('bundled/does-not-exist');
  await fillRunForm(page, { subjects: SMALL_SUBJECTS.slice(0, 1), limit: 1, study: false, harness: true, device: 'wasm' });
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('run-error')).toContainText('bundled/does-not-exist', { timeout: 5 * 60_000 });

  const error = page.getByTestId('slot-error-1');
  await expect(error).toContainText('bundled/does-not-exist');
  await expect(error).toContainText('not found');
  await expect(error.getByRole('button', { name: 'Try again' })).toBeEnabled();
  await expect(page.getByTestId('slot-cancel-1')).toHaveCount(0);
  await expect(page.getByTestId('model-repo-1')).toBeEnabled();
  await expect(page.getByTestId('model-revision-1')).toBeEnabled();

  // The fields take a new id, and the slot finds the bundled model.
  await page.getByTestId('model-repo-1').fill('bundled/tiny-frozen');
  await expect(page.getByTestId('model-status-1')).toContainText('In IndexedDB');
});

test('names an invalid repository id in the slot', async ({ page }) => {
  await page.goto('./');
  const repo = page.getByTestId('model-repo-0');
  const problem = page.getByTestId('model-repo-problem-0');
  await repo.fill('not a repo');
  await expect(problem).toHaveText('"not a repo" is not a valid repository id. Use the form org/name.');
  await expect(repo).toHaveAttribute('aria-invalid', 'true');
  await repo.fill('a/b/c');
  await expect(problem).toContainText('"a/b/c" is not a valid repository id.');
  await repo.fill('');
  await expect(problem).toHaveText('The repository id is empty. Enter it in the form org/name.');
  await repo.fill('bundled/tiny-frozen');
  await expect(problem).toHaveCount(0);
});
