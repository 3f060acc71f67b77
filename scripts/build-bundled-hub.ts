/**
 * Lays out the app's bundled repositories under public/hub in the Hugging Face Hub's URL layout.
 *
 * Usage: npm run hub:build -- --from ../shared
 *
 * For each repository it writes the files under `{kind}/{org}/{name}/resolve/{commit}/` and the API
 * answers the client reads: `api/{kinds}/{org}/{name}/revision/{main|commit}` (the commit a revision
 * points to, with the file names) and `api/{kinds}/{org}/{name}/tree/{main|commit}` (the recursive
 * listing with sizes, git blob ids, and for large or binary files the sha256 as `lfs.oid`).
 * The commit id is a sha1 over the sorted paths and contents, so it changes whenever a file does.
 * The sources are the shared data and model folders; the output is committed, so a clone needs
 * neither this script nor those folders.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { BUNDLED_REPOS, type BundledRepoSpec } from './bundled-repos';

const HUB_DIR = resolve(import.meta.dirname, '..', 'public', 'hub');

/** Files the Hub stores in LFS: binary formats and anything of 10 MB or more. */
function isLfsFile(path: string, size: number): boolean {
  return /\.(onnx|onnx_data(_\d+)?|parquet|bin|safetensors)$/.test(path) || size >= 10 * 1024 * 1024;
}

function gitBlobId(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

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

function commitId(files: Map<string, Buffer>): string {
  const hash = createHash('sha1');
  for (const path of [...files.keys()].sort()) {
    hash.update(`${path}\0${sha256(files.get(path)!)}\n`);
  }
  return hash.digest('hex');
}

function writeRepo(spec: BundledRepoSpec, from: string): void {
  const files = collectFiles(spec, from);
  const commit = commitId(files);
  const repoDir = join(HUB_DIR, spec.kind === 'dataset' ? 'datasets' : '', spec.id);
  const apiDir = join(HUB_DIR, 'api', spec.kind === 'dataset' ? 'datasets' : 'models', spec.id);
  rmSync(join(repoDir, 'resolve'), { recursive: true, force: true });
  rmSync(apiDir, { recursive: true, force: true });

  const tree = [];
  for (const path of [...files.keys()].sort()) {
    const content = files.get(path)!;
    const target = join(repoDir, 'resolve', commit, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    const entry: Record<string, unknown> = { type: 'file', oid: gitBlobId(content), size: content.length, path };
    if (isLfsFile(path, content.length)) entry.lfs = { oid: sha256(content), size: content.length, pointerSize: 134 };
    tree.push(entry);
  }

  const info = {
    id: spec.id,
    sha: commit,
    private: false,
    gated: false,
    ...(spec.kind === 'model' ? { pipeline_tag: 'text-generation', library_name: 'transformers.js' } : {}),
    siblings: [...files.keys()].sort().map((rfilename) => ({ rfilename })),
  };
  for (const revision of ['main', commit]) {
    mkdirSync(join(apiDir, 'revision'), { recursive: true });
    mkdirSync(join(apiDir, 'tree'), { recursive: true });
    writeFileSync(join(apiDir, 'revision', revision), JSON.stringify(info, null, 1) + '\n');
    writeFileSync(join(apiDir, 'tree', revision), JSON.stringify(tree, null, 1) + '\n');
  }
  const bytes = [...files.values()].reduce((sum, b) => sum + b.length, 0);
  console.log(`${spec.kind} ${spec.id}: ${files.size} files, ${(bytes / 1e6).toFixed(1)} MB, commit ${commit}`);
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
  for (const spec of BUNDLED_REPOS) writeRepo(spec, from);
  writeSubjectList(from);
}

main();
