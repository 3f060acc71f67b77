/**
 * The questions behind the records, read on the page from the bundled dataset repositories (stored
 * in IndexedDB as the worker stores them, and fetched from the bundled hub when missing). Item order
 * follows the loaders of src/datasets/catalog.ts, so the ids of a run's items can be rebuilt and
 * checked against the hash a share link carries.
 */
import { TASK_REPOS, TRANSLATION_PAIRS } from '../../datasets/catalog';
import { CORPORA, DEFAULT_CORPORA, type CorpusId } from '../../datasets/corpora';
import type { BoolqItem, ChoiceItem, Language, SquadItem, TranslationItem } from '../../datasets/items';
import { loadMmlu } from '../../datasets/mmluRepo';
import { choiceItemFromRow } from '../../datasets/parsers/choiceRows';
import { boolqItemFromRow, squadItemsFromOfficialJson, translationItemsFromLines } from '../../datasets/parsers/otherRows';
import { parseJsonDocument, parseJsonLines, textLines } from '../../datasets/parsers/textFormats';
import { drawStudySquadItems } from '../../engine/tasks/squad';
import { limitPerSubset, type TaskId } from '../../engine/tasks/task';
import type { Protocol } from '../../engine/types';
import { ensureRepo, findCachedRepo, readStoredFile } from '../../hub/download';
import type { RepoManifest } from '../../hub/store';
import { bundledHubUrl } from '../workerClient';

/** A question of any task, tagged by the shape of its item. */
export type ExplorerItem =
  | { kind: 'choice'; item: ChoiceItem }
  | { kind: 'boolq'; item: BoolqItem }
  | { kind: 'squad'; item: SquadItem }
  | { kind: 'translation'; item: TranslationItem };

/** The items of one task as a run selected them, in run order, and MMLU's dev examples by subject. */
export interface TaskItems {
  order: string[];
  byId: Map<string, ExplorerItem>;
  dev: ReadonlyMap<string, readonly ChoiceItem[]>;
}

/** Which items a run scored: the task, protocol, subsets in order and the per-subset limit. */
export interface ItemSelection {
  taskId: TaskId;
  protocol: Protocol;
  subsets: readonly string[];
  limit: number | null;
}

/** The bundled dataset is not in IndexedDB, and downloading it was not allowed. */
export class NotStoredError extends Error {
  constructor(readonly repo: string) {
    super(`The bundled dataset ${repo} is not stored in this browser yet.`);
    this.name = 'NotStoredError';
  }
}

const manifests = new Map<string, Promise<RepoManifest>>();

/** Opens a bundled dataset repository from IndexedDB; downloads it from the bundled hub only when `download` is set. */
async function openBundled(repo: string, download: boolean): Promise<RepoManifest> {
  const lookup = { endpointKey: 'bundled', kind: 'dataset' as const, repo, revision: 'main', dtype: null };
  let manifest = manifests.get(repo);
  if (!manifest) {
    const stored = await findCachedRepo(lookup);
    if (!stored && !download) throw new NotStoredError(repo);
    manifest = stored ? Promise.resolve(stored) : ensureRepo({ ...lookup, endpointUrl: bundledHubUrl(), pickFiles: (files) => files, token: null });
    manifest.catch(() => manifests.delete(repo));
    manifests.set(repo, manifest);
  }
  return manifest;
}

async function readStoredText(repo: string, path: string, download: boolean): Promise<string> {
  const bytes = await readStoredFile(await openBundled(repo, download), path);
  if (!bytes) throw new Error(`The bundled dataset ${repo} has no file ${path}.`);
  return new TextDecoder().decode(bytes);
}

function tagged<T>(kind: ExplorerItem['kind'], items: readonly T[]): ExplorerItem[] {
  return items.map((item) => ({ kind, item }) as ExplorerItem);
}

async function translationItems(directions: readonly string[], corpusOf: (pair: 'en-ru' | 'en-zh') => CorpusId, read: (repo: string, path: string) => Promise<string>): Promise<ExplorerItem[]> {
  const repo = TASK_REPOS.translation;
  const items: TranslationItem[] = [];
  for (const direction of directions) {
    const [sourceLang, targetLang] = direction.split('-') as [Language, Language];
    const corpusId = corpusOf(sourceLang === 'zh' || targetLang === 'zh' ? 'en-zh' : 'en-ru');
    const files = CORPORA[corpusId].files;
    const sourceFile = files[sourceLang];
    const targetFile = files[targetLang];
    if (!sourceFile || !targetFile) continue;
    const sources = textLines(await read(repo, sourceFile)).slice(0, TRANSLATION_PAIRS);
    const references = textLines(await read(repo, targetFile)).slice(0, TRANSLATION_PAIRS);
    items.push(...translationItemsFromLines(sources, references, sourceLang, targetLang, corpusId, [sourceFile, targetFile]));
  }
  return tagged('translation', items);
}

/** Every item of the task before the limit, in the order the catalog loads them. */
async function allItems(
  selection: ItemSelection,
  corpusOf: (pair: 'en-ru' | 'en-zh') => CorpusId,
  download: boolean,
): Promise<{ items: ExplorerItem[]; dev: ReadonlyMap<string, readonly ChoiceItem[]> }> {
  const { taskId, protocol, subsets } = selection;
  const repo = TASK_REPOS[taskId];
  const readText = (repoName: string, path: string) => readStoredText(repoName, path, download);
  const none = new Map<string, ChoiceItem[]>();
  const jsonLines = async (file: string) => parseJsonLines(await readText(repo, file), file);
  switch (taskId) {
    case 'mmlu': {
      const files = (await openBundled(repo, download)).files.map((f) => f.path);
      const data = await loadMmlu(files, (path) => readText(repo, path), subsets);
      return { items: tagged('choice', subsets.flatMap((s) => data.test.get(s) ?? [])), dev: data.dev };
    }
    case 'arc_easy':
    case 'arc_challenge': {
      const file = `${taskId === 'arc_easy' ? 'ARC-Easy' : 'ARC-Challenge'}/${protocol === 'study' ? 'validation' : 'test'}.jsonl`;
      return { items: tagged('choice', (await jsonLines(file)).map((row, i) => choiceItemFromRow(row, { file, row: i + 1 }))), dev: none };
    }
    case 'commonsense_qa':
      return { items: tagged('choice', (await jsonLines('validation.jsonl')).map((row, i) => choiceItemFromRow(row, { file: 'validation.jsonl', row: i + 1 }))), dev: none };
    case 'boolq':
      return { items: tagged('boolq', (await jsonLines('validation.jsonl')).map((row, i) => boolqItemFromRow(row, { file: 'validation.jsonl', row: i + 1 }))), dev: none };
    case 'squad_v2': {
      const all = squadItemsFromOfficialJson(parseJsonDocument(await readText(repo, 'validation.json'), 'validation.json'), 'validation.json');
      return { items: tagged('squad', protocol === 'study' ? drawStudySquadItems(all) : all), dev: none };
    }
    case 'translation':
      return { items: await translationItems(subsets, corpusOf, readText), dev: none };
  }
}

/**
 * Loads the bundled items a run selected, limited per subset as the run was. `corpusOf` names the
 * translation corpus of each language pair (the defaults when unknown). The dataset is read from
 * IndexedDB, and fetched from the bundled hub only when `download` is set.
 * Throws a NotStoredError when it is not stored and `download` is not set, and an Error when a
 * bundled file is missing or malformed.
 */
export async function loadBundledItems(
  selection: ItemSelection,
  corpusOf: (pair: 'en-ru' | 'en-zh') => CorpusId = (pair) => DEFAULT_CORPORA[pair],
  download = false,
): Promise<TaskItems> {
  const { items, dev } = await allItems(selection, corpusOf, download);
  const limited = limitPerSubset(items.map((entry) => ({ ...entry, id: entry.item.id, subset: entry.item.subset })), selection.limit);
  return {
    order: limited.map((entry) => entry.id),
    byId: new Map(limited.map((entry) => [entry.id, { kind: entry.kind, item: entry.item } as ExplorerItem])),
    dev,
  };
}
