import { expect, test, type Page } from '@playwright/test';
import { encodePermalink } from '../src/share/permalink';
import { encodeResultsFile } from '../src/share/resultsFile';
import { syntheticMmluRun } from '../src/share/syntheticRuns';
import { toSharedView } from '../src/share/view';

const MARKUP = '<img src=x onerror=alert(1)>';

function crafted() {
  return [
    syntheticMmluRun({ repo: MARKUP, protocol: 'harness', seed: 3, limit: 2 }),
    syntheticMmluRun({ repo: 'bundled/tiny-trainable', protocol: 'harness', seed: 4, limit: 2 }),
  ];
}

/** Records every dialog the page opens, and dismisses it. */
function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}

async function expectLiteralName(page: Page, dialogs: string[]): Promise<void> {
  await expect(page.getByTestId('run-model-0')).toHaveText(MARKUP);
  await expect(page.getByTestId('pairwise-table')).toContainText(MARKUP);
  // The markup never became an element.
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(dialogs).toEqual([]);
}

test('shows markup in a linked model name as text', async ({ page }) => {
  const dialogs = watchDialogs(page);
  const payload = encodePermalink(toSharedView(crafted()));
  await page.goto(`./#r=${payload}`);
  await expect(page.getByTestId('results-source')).toContainText('Shared results');
  await expectLiteralName(page, dialogs);
});

test('shows markup in an imported model name as text', async ({ page }) => {
  const dialogs = watchDialogs(page);
  await page.goto('./');
  await page.getByTestId('empty-state').getByTestId('import-file').setInputFiles({
    name: 'crafted.json',
    mimeType: 'application/json',
    buffer: Buffer.from(encodeResultsFile(crafted())),
  });
  await expect(page.getByTestId('results-source')).toContainText('imported from a file');
  await expectLiteralName(page, dialogs);

  // The explorer names the model as text too.
  await page.locator('[data-testid="question-list"] li').first().click();
  await expect(page.getByTestId('explorer-answer-0')).toContainText(MARKUP);
  expect(dialogs).toEqual([]);
});

test('names the problem of a broken results file', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('empty-state').getByTestId('import-file').setInputFiles({
    name: 'figures.csv',
    mimeType: 'application/json',
    buffer: Buffer.from('model,task,value\nx,mmlu,25\n'),
  });
  await expect(page.getByTestId('import-error')).toContainText('figures.csv looks like CSV');
});

test('fetches the questions of a link only on request', async ({ page }) => {
  const hubRequests: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.includes('/hub/')) hubRequests.push(request.url());
  });
  await page.goto(`./#r=${encodePermalink(toSharedView(crafted()))}`);
  await expect(page.getByTestId('explorer-note')).toContainText('not stored in this browser');
  expect(hubRequests).toEqual([]);

  await page.getByTestId('explorer-download').click();
  await expect(page.getByTestId('explorer-note')).toContainText('right or wrong per question');
  await page.locator('[data-testid="question-list"] li').first().click();
  await expect(page.getByTestId('explorer-prompt')).toContainText('Find the degree for the given field extension');
  expect(hubRequests.length).toBeGreaterThan(0);
});
