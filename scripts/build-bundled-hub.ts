/**
 * Lays out the app's bundled repositories under public/hub in the Hugging Face Hub's URL layout.
 *
 * Usage: npm run hub:build -- --from ../shared
 *
 * Each repository is written by hubLayout.ts: the files under `[datasets/]{org}/{name}/resolve/{commit}/`
 * and the API answers the client reads. The commit id is a sha1 over the sorted paths and contents, so
 * it changes whenever a file does.
 * The sources are the shared data and model folders; the output is committed, so a clone needs
 * neither this script nor those folders.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { BUNDLED_REPOS, type BundledRepoSpec } from './bundled-repos';
import { writeHubRepo } from './hubLayout';

const HUB_DIR = resolve(import.meta.dirname, '..', 'public', 'hub');

/** Lists every file below `dir`, as paths relative to it, sorted. */
function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d)) {
      const full = join(d, entry);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** Collects the repository's files as (path in repo, content), following the spec's copy rules. */
function collectFiles(spec: BundledRepoSpec, from: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const source of spec.sources) {
    const src = resolve(from, source.from);
    if (!existsSync(src)) throw new Error(`${spec.id}: source ${src} not found; pass --from with the shared folder`);
    if (statSync(src).isDirectory()) {
      for (const rel of listFiles(src)) {
        if (source.include && !source.include.test(rel)) continue;
        files.set(source.to ? `${source.to}/${rel}` : rel, readFileSync(join(src, rel)));
      }
    } else {
      files.set(source.to, readFileSync(src));
    }
  }
  for (const [path, text] of Object.entries(spec.extraFiles ?? {})) files.set(path, Buffer.from(text, 'utf8'));
  return files;
}

/** The UI lists MMLU's subjects before any download, from this copy of mapping.json. */
function writeSubjectList(from: string): void {
  const mapping = readFileSync(resolve(from, 'data/mmlu/mapping.json'));
  writeFileSync(resolve(import.meta.dirname, '..', 'src', 'datasets', 'mmluSubjects.json'), mapping);
}

function main(): void {
  const fromIndex = process.argv.indexOf('--from');
  const from = fromIndex >= 0 ? process.argv[fromIndex + 1] : undefined;
  if (!from) {
    console.error('usage: npm run hub:build -- --from <folder with data/ and models/>');
    process.exit(2);
  }
  for (const spec of BUNDLED_REPOS) {
    const files = collectFiles(spec, from);
    const commit = writeHubRepo(HUB_DIR, { kind: spec.kind, id: spec.id, files });
    const bytes = [...files.values()].reduce((sum, b) => sum + b.length, 0);
    console.log(`${spec.kind} ${spec.id}: ${files.size} files, ${(bytes / 1e6).toFixed(1)} MB, commit ${commit}`);
  }
  writeSubjectList(from);
}

main();
