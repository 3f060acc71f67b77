import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_HUB_DIR } from '../src/cli/nodeRepos';
import { BUNDLED_REPOS } from './bundled-repos';

interface TreeEntry {
  path: string;
  size: number;
  oid: string;
  lfs?: { oid: string; size: number };
}

describe.each(BUNDLED_REPOS.map((spec) => [spec.id, spec] as const))('bundled repository %s', (_id, spec) => {
  const api = join(BUNDLED_HUB_DIR, 'api', spec.kind === 'dataset' ? 'datasets' : 'models', spec.id);
  const info = JSON.parse(readFileSync(join(api, 'revision', 'main'), 'utf8')) as { sha: string; siblings: { rfilename: string }[] };
  const tree = JSON.parse(readFileSync(join(api, 'tree', info.sha), 'utf8')) as TreeEntry[];
  const filesDir = join(BUNDLED_HUB_DIR, spec.kind === 'dataset' ? 'datasets' : '', spec.id, 'resolve');

  it('stores its files under the commit that main points to, and nothing else', () => {
    expect(readdirSync(filesDir)).toEqual([info.sha]);
    expect(info.siblings.map((s) => s.rfilename)).toEqual(tree.map((e) => e.path));
  });

  it('lists each file with its real size and hashes', () => {
    for (const entry of tree) {
      const content = readFileSync(join(filesDir, info.sha, entry.path));
      expect(content.length).toBe(entry.size);
      const blob = createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
      expect(blob).toBe(entry.oid);
      if (entry.lfs) expect(createHash('sha256').update(content).digest('hex')).toBe(entry.lfs.oid);
    }
  });

  it('answers the commit id as a revision too', () => {
    const byCommit = JSON.parse(readFileSync(join(api, 'revision', info.sha), 'utf8'));
    expect(byCommit.sha).toBe(info.sha);
  });
});
