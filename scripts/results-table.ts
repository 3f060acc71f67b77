/**
 * Prints a results JSON of `npm run eval` as a Markdown table: one row per figure label, one column
 * per model, each cell `value ± ci95`. Usage: npx tsx scripts/results-table.ts results.json
 */
import { readFileSync } from 'node:fs';
import { reportName, type ResultsFile } from '../src/engine/results';
import { formatFixed } from '../src/util/pyFormat';

const path = process.argv[2];
if (!path) {
  console.error('usage: npx tsx scripts/results-table.ts <results.json>');
  process.exit(2);
}
const results = JSON.parse(readFileSync(path, 'utf8')) as ResultsFile;

for (const protocol of ['study', 'harness'] as const) {
  const runs = results.runs.filter((run) => run.tasks.some((t) => t.protocol === protocol));
  if (runs.length === 0) continue;
  const labels = [...new Set(runs.flatMap((run) => run.tasks.filter((t) => t.protocol === protocol).flatMap((t) => t.figures.map((f) => f.label))))];
  console.log(`\n### ${protocol} protocol\n`);
  console.log(`| figure | items | ${runs.map((r) => reportName(r.model)).join(' | ')} |`);
  console.log(`| --- | ---: | ${runs.map(() => '---:').join(' | ')} |`);
  for (const label of labels) {
    const figures = runs.map((run) => run.tasks.filter((t) => t.protocol === protocol).flatMap((t) => t.figures).find((f) => f.label === label));
    const items = figures.find((f) => f)?.nItems ?? '';
    const cells = figures.map((f) => (f ? `${formatFixed(f.value, 2)} ± ${formatFixed(f.ci95, 2)}` : '—'));
    console.log(`| ${label} | ${items} | ${cells.join(' | ')} |`);
  }
}
