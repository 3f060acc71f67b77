/**
 * Prints a results JSON of `npm run eval` as a Markdown table: one row per figure label, one column
 * per model, each cell `value ± ci95`. Usage: npx tsx scripts/results-table.ts results.json [more.json …]
 */
import { readFileSync } from 'node:fs';
import { reportName, type ModelRun, type ResultsFile } from '../src/engine/results';
import { formatFixed } from '../src/util/pyFormat';

const paths = process.argv.slice(2);
if (paths.length === 0) {
  console.error('usage: npx tsx scripts/results-table.ts <results.json> [more results.json ...]');
  process.exit(2);
}

// Several files (one per task, say) merge into one run per model.
const merged = new Map<string, ModelRun>();
for (const path of paths) {
  const file = JSON.parse(readFileSync(path, 'utf8')) as ResultsFile;
  for (const run of file.runs) {
    const name = reportName(run.model);
    const known = merged.get(name);
    if (known) known.tasks.push(...run.tasks);
    else merged.set(name, { ...run, tasks: [...run.tasks] });
  }
}
const results = { runs: [...merged.values()] };

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
