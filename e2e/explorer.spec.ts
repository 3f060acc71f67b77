import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { openRepo } from '../src/cli/nodeRepos';
import { parseMmluCsv } from '../src/datasets/mmlu';
import type { ChoiceItemRecord } from '../src/engine/types';
import { fillRunForm, runAndWait, SMALL_SUBJECTS } from './workbench';

interface ExportedFile {
  runs: { tasks: { protocol: string; items: ChoiceItemRecord[] }[] }[];
}

test('shows a question the two tiny models answered differently', async ({ page }) => {
  await page.goto('./');
  await fillRunForm(page, { subjects: SMALL_SUBJECTS, limit: 6, study: false, harness: true, device: 'wasm' });
  await runAndWait(page);

  // Find in the exported results the first question on which the models chose different letters.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  const file = JSON.parse(await readFile((await download.path())!, 'utf8')) as ExportedFile;
  const [frozen, trainable] = file.runs.map((run) => run.tasks.find((task) => task.protocol === 'harness')!.items);
  const index = frozen!.findIndex((record, i) => record.chosen !== trainable![i]!.chosen);
  expect(index).toBeGreaterThanOrEqual(0);
  const a = frozen![index]!;
  const b = trainable![index]!;
  expect(b.itemId).toBe(a.itemId);

  // The question itself, read from the bundled dataset on disk.
  const mmlu = await openRepo('bundled', 'dataset', 'bundled/mmlu', 'main', null);
  const path = `test/${a.subset}_test.csv`;
  const items = parseMmluCsv(new TextDecoder().decode(await mmlu.read(path)), a.subset, path);
  const question = items.find((item) => item.id === a.itemId)!;
  expect(question).toBeDefined();

  // Open it from the table: the subject filter, then only the questions the models answer differently.
  await page.getByTestId('results-table').getByRole('button', { name: a.subset.replaceAll('_', ' ') }).click();
  await expect(page.getByTestId('explorer-subset')).toHaveValue(a.subset);
  await page.getByTestId('explorer-disagree').check();
  await page.locator(`[data-testid="question-list"] li[data-item="${a.itemId}"]`).click();

  const detail = page.getByTestId('explorer-detail');
  await expect(detail).toHaveAttribute('data-item', a.itemId);
  await expect(page.getByTestId('explorer-prompt')).toContainText(question.question.trim());
  await expect(page.getByTestId('explorer-prompt')).toContainText(`A. ${question.choices[0]!.text}`);
  await expect(page.getByTestId('explorer-gold')).toHaveText(`${'ABCD'[question.answer]}) ${question.choices[question.answer]!.text}`);
  await expect(page.getByTestId('explorer-answer-0')).toContainText(`tiny-frozen: ${'ABCD'[a.chosen]}`);
  await expect(page.getByTestId('explorer-answer-1')).toContainText(`tiny-trainable: ${'ABCD'[b.chosen]}`);
  await expect(page.getByTestId('explorer-logprobs')).toContainText(a.logprobs[a.chosen]!.toFixed(3));

  // Arrow keys move through the list; the detail follows.
  await page.getByTestId('question-list').focus();
  await page.keyboard.press('ArrowDown');
  await expect(detail).not.toHaveAttribute('data-item', a.itemId);
});
