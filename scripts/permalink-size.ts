/**
 * Measures the share link of a results file: the length of its payload (the text after `#r=`),
 * which must stay within 8,192 characters, and which tasks lose their per-item results to fit.
 *
 *   npx tsx scripts/permalink-size.ts results/mmlu-harness-full.json
 */
import { readFile } from 'node:fs/promises';
import { encodeFittedPermalink, MAX_PERMALINK_CHARS, toSharedView } from '../src/share/permalink';
import { decodeResultsFile } from '../src/share/resultsFile';
import type { ModelRun } from '../src/engine/results';

const path = process.argv[2];
if (!path) {
  console.error('usage: npx tsx scripts/permalink-size.ts RESULTS.json');
  process.exit(2);
}
const runs = decodeResultsFile(await readFile(path, 'utf8'), path) as ModelRun[];
const withItems = toSharedView(runs, { task: 'mmlu', protocol: 'harness' });
const { payload, dropped } = encodeFittedPermalink(withItems);
const figuresOnly = encodeFittedPermalink({ ...withItems, runs: withItems.runs.map((run) => ({ ...run, tasks: run.tasks.map(({ itemCorrectness: _items, ...task }) => task) })) });
const items = runs.map((run) => run.tasks.reduce((sum, task) => sum + task.items.length, 0));
console.log(`models: ${runs.map((run) => run.model.repo).join(', ')}; items per model: ${items.join(', ')}`);
console.log(`payload with per-item results: ${payload.length} characters (limit ${MAX_PERMALINK_CHARS})`);
console.log(`per-item results dropped to fit: ${dropped.length === 0 ? 'none' : dropped.map((d) => `${d.task} (${d.protocol})`).join(', ')}`);
console.log(`payload of the figures alone: ${figuresOnly.payload.length} characters`);
