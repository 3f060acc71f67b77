/**
 * Reads MMLU from a dataset repository laid out as the bundled one: `test/{subject}_test.csv`,
 * `dev/{subject}_dev.csv` and `mapping.json`.
 */
import { DatasetFormatError } from './errors';
import { parseMmluCsv, parseMmluMapping, type MmluItem, type MmluSubjectInfo } from './mmlu';

/** MMLU as the app uses it: the questions and dev examples by subject, and the subject mapping. */
export interface MmluDataset {
  test: ReadonlyMap<string, readonly MmluItem[]>;
  /** Dev split, the source of few-shot examples. */
  dev: ReadonlyMap<string, readonly MmluItem[]>;
  subjects: Record<string, MmluSubjectInfo>;
}

/** Reads a file of the repository as text; throws when it cannot. */
export type ReadText = (path: string) => Promise<string>;

/** Test and dev file paths of each subject found in the repository's file list. */
export function mmluFilePaths(paths: readonly string[]): { subject: string; test: string; dev: string | null }[] {
  const present = new Set(paths);
  return paths
    .map((path) => /^test\/(.+)_test\.csv$/.exec(path))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => {
      const subject = match[1]!;
      const dev = `dev/${subject}_dev.csv`;
      return { subject, test: match[0], dev: present.has(dev) ? dev : null };
    })
    .sort((a, b) => a.subject.localeCompare(b.subject));
}

/**
 * Loads the subjects in `wanted` (all when null). Throws a DatasetFormatError when the repository
 * lacks mapping.json or a wanted subject.
 */
export async function loadMmlu(paths: readonly string[], readText: ReadText, wanted: readonly string[] | null): Promise<MmluDataset> {
  if (!paths.includes('mapping.json')) {
    throw new DatasetFormatError('mapping.json', null, null, 'missing from the MMLU repository; it names the subjects and their categories');
  }
  const subjects = parseMmluMapping(await readText('mapping.json'), 'mapping.json');
  const files = mmluFilePaths(paths);
  const selected = wanted === null ? files : wanted.map((subject) => {
    const entry = files.find((f) => f.subject === subject);
    if (!entry) {
      throw new DatasetFormatError('mapping.json', null, null, `MMLU has no subject "${subject}"; the subjects are ${files.map((f) => f.subject).join(', ')}`);
    }
    return entry;
  });

  const test = new Map<string, MmluItem[]>();
  const dev = new Map<string, MmluItem[]>();
  await Promise.all(
    selected.map(async ({ subject, test: testPath, dev: devPath }) => {
      test.set(subject, parseMmluCsv(await readText(testPath), subject, testPath));
      if (devPath) dev.set(subject, parseMmluCsv(await readText(devPath), subject, devPath));
    }),
  );
  return { test, dev, subjects };
}
