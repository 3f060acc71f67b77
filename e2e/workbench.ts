/**
 * Helpers that act on the workbench page as a user does.
 */
import { expect, type Page } from '@playwright/test';

/** Three small subjects that keep browser runs short. */
export const SMALL_SUBJECTS = ['abstract_algebra', 'anatomy', 'astronomy'];

/** Options of a run set through the form. */
export interface RunForm {
  subjects: string[];
  limit: number;
  study: boolean;
  harness: boolean;
  studyRuns?: number;
  device: 'auto' | 'webgpu' | 'wasm';
}

/** Fills the run form. */
export async function fillRunForm(page: Page, form: RunForm): Promise<void> {
  await page.getByRole('button', { name: 'None', exact: true }).click();
  for (const subject of form.subjects) await page.getByTestId(`subject-${subject}`).check();
  await page.getByTestId('item-limit').fill(String(form.limit));
  await page.getByTestId('use-study').setChecked(form.study);
  await page.getByTestId('use-harness').setChecked(form.harness);
  if (form.studyRuns !== undefined) await page.getByTestId('study-runs').fill(String(form.studyRuns));
  await page.getByTestId('device-select').selectOption(form.device);
}

/** Starts the run and waits until it has finished. */
export async function runAndWait(page: Page, timeout = 8 * 60_000): Promise<void> {
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('cancel-run')).toBeVisible();
  await expect(page.getByTestId('start-run')).toBeVisible({ timeout });
  await expect(page.getByTestId('run-error')).toHaveCount(0);
  await resultsDrawn(page);
}

/** Waits until the results panel shows the store's contents (it renders in a deferred pass). */
export async function resultsDrawn(page: Page): Promise<void> {
  await expect(page.getByTestId('results-state')).toHaveAttribute('aria-busy', 'false');
}

/** The results table as text, row by row. */
export async function tableRows(page: Page): Promise<string[]> {
  await resultsDrawn(page);
  return page.getByTestId('results-table').locator('tbody tr, tfoot tr').allInnerTexts();
}

/** Requests the page makes to the hub (bundled or any endpoint path with /resolve/ or /api/). */
export function recordHubRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.includes('/hub/') || path.includes('/resolve/') || path.includes('/api/')) urls.push(request.url());
  });
  return urls;
}

/**
 * Shows a protocol's results (and a task's, when given) and waits until the panel has drawn them: the
 * results render in a deferred pass, a moment after the tab is selected.
 */
export async function showResults(page: Page, protocol: 'study' | 'harness', task?: string): Promise<void> {
  if (task) await page.getByTestId(`task-tab-${task}`).click();
  await page.getByTestId(`protocol-tab-${protocol}`).click();
  const results = page.getByTestId('results');
  await expect(results).toHaveAttribute('data-protocol', protocol);
  if (task) await expect(results).toHaveAttribute('data-task', task);
  await resultsDrawn(page);
}
