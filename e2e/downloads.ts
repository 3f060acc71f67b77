/**
 * Helpers of the download tests: point the page at a test Hub, pick a model from it, and read what
 * IndexedDB contains, as a user (and a test) would check it.
 */
import { expect, type Page } from '@playwright/test';
import { CHUNK_SIZE } from '../src/hub/store';
import { buildRepo, seededBytes, type HubRepo } from './hub-server/repos';

/** Chunk size of the downloader: 8 MiB. */
export const CHUNK = CHUNK_SIZE;
/** Size of the weights of the test models: two full chunks and part of a third. */
export const WEIGHTS_SIZE = 2 * CHUNK + 1234;

/** A model repository with the files a load needs and three-chunk weights stored in LFS. */
export function testModel(id: string, seed: number, token?: string): HubRepo {
  return buildRepo({
    id,
    token,
    files: {
      'config.json': JSON.stringify({ model_type: 'gpt2', seed }),
      'tokenizer.json': '{"model":{"type":"BPE"}}',
      'tokenizer_config.json': '{}',
      'onnx/model.onnx': seededBytes(WEIGHTS_SIZE, seed),
    },
  });
}

/** sha256 of a test model's weights, as the listing names it. */
export function weightsSha256(repo: HubRepo): string {
  return repo.commits.get(repo.refs.get('main')!)!.get('onnx/model.onnx')!.lfsSha256!;
}

/** Opens Settings and saves the endpoint (and the request timeout in seconds, when given). */
export async function useEndpoint(page: Page, endpoint: string, timeoutSeconds?: number): Promise<void> {
  await page.getByText('Settings', { exact: true }).click();
  await page.getByTestId('endpoint-input').fill(endpoint);
  if (timeoutSeconds !== undefined) await page.getByTestId('timeout-input').fill(String(timeoutSeconds));
  await page.getByTestId('settings-save').click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await page.getByText('Settings', { exact: true }).click();
  await expect(page.getByTestId('model-source-0').locator('option[value="endpoint"]')).toHaveText(endpoint);
}

/** Sets the access token in Settings. */
export async function setToken(page: Page, token: string): Promise<void> {
  await page.getByText('Settings', { exact: true }).click();
  await page.getByTestId('token-input').fill(token);
  await page.getByText('Settings', { exact: true }).click();
}

/** Points slot 0 at a repository of the endpoint. */
export async function pickEndpointModel(page: Page, repo: string): Promise<void> {
  await page.getByTestId('model-source-0').selectOption('endpoint');
  await page.getByTestId('model-repo-0').fill(repo);
  await expect(page.getByTestId('model-status-0')).toContainText(/Not downloaded yet|Interrupted download/);
}

/** Gives the page's origin a 4 MB quota through the DevTools protocol, smaller than the 16.8 MB test model. */
export async function shrinkQuota(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(page.url()).origin, quotaSize: 4_000_000 });
}

/** Keys of one of the app's IndexedDB stores. */
export async function idbKeys(page: Page, database: 'lm-workbench-chunks' | 'lm-workbench-meta', store: 'chunks' | 'meta'): Promise<string[]> {
  return page.evaluate(
    ([name, storeName]) =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onupgradeneeded = () => open.result.createObjectStore(storeName);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction(storeName, 'readonly').objectStore(storeName).getAllKeys();
          request.onsuccess = () => {
            resolve(request.result.map(String));
            db.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
    [database, store] as const,
  );
}

/** Chunk keys stored for a repository. */
export async function chunkKeysOf(page: Page, repo: string): Promise<string[]> {
  return (await idbKeys(page, 'lm-workbench-chunks', 'chunks')).filter((key) => key.includes(`|${repo}|`));
}

/** Manifest keys stored for a repository: what makes it count as cached. */
export async function manifestKeysOf(page: Page, repo: string): Promise<string[]> {
  return (await idbKeys(page, 'lm-workbench-meta', 'meta')).filter((key) => key.startsWith('manifest:') && key.includes(`|${repo}|`));
}

/** Opens the cache manager, verifies a stored repository and returns the sha256 of each stored file. */
export async function verifyInCacheManager(page: Page, repo: string): Promise<Record<string, string>> {
  const manager = page.getByTestId('cache-manager');
  if (!(await manager.evaluate((el) => (el as HTMLDetailsElement).open))) await manager.locator('summary').first().click();
  const row = manager.locator(`[data-testid="cached-row"][data-repo="${repo}"]`);
  await row.getByRole('button', { name: 'Verify' }).click();
  await expect(row.getByTestId('verify-report')).toContainText('files match their listed hashes');
  const files = row.getByTestId('verify-file');
  const result: Record<string, string> = {};
  for (const file of await files.all()) {
    expect(await file.getAttribute('data-ok')).toBe('true');
    result[(await file.getAttribute('data-path'))!] = (await file.getAttribute('data-sha256'))!;
  }
  return result;
}
