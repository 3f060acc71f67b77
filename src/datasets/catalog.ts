/**
 * The sources of each task's items (the bundled dataset repositories per protocol, a Hub dataset's
 * files, or files dropped in) and their loading into a prepared task. The worker and the command line
 * both load tasks through here.
 */
import { drawStudySquadItems } from '../engine/tasks/squad';
import { TASKS } from '../engine/tasks/registry';
import { limitPerSubset, prepareTask, type PreparedTask, type TaskId } from '../engine/tasks/task';
import type { Protocol } from '../engine/types';
import { choiceItemFromRow } from './parsers/choiceRows';
import { boolqItemFromRow, squadItemsFromOfficialJson, translationItemsFromLines } from './parsers/otherRows';
import { parseJsonDocument, parseJsonLines, textLines } from './parsers/textFormats';
import { loadMmlu } from './mmluRepo';
import { formatOf, readRows } from './fileFormats';
import { hasMmluHeader, parseMmluCsv, subjectFromFileName } from './mmlu';
import { itemsFromRows, type TaskItems } from './taskRows';
import type { TaskDefinition, TaskItem } from '../engine/tasks/task';
import type { ChoiceItem, Language, TranslationItem } from './items';
import { CORPORA, DEFAULT_CORPORA, DIRECTIONS, type CorpusId } from './corpora';


/** Reads a text file of a dataset repository. */
export type ReadRepoText = (repo: string, path: string) => Promise<string>;

/** Lists the files of a dataset repository. */
export type ListRepoFiles = (repo: string) => Promise<string[]>;

/** The dataset repository of each task in the bundled hub. */
export const TASK_REPOS: Record<TaskId, string> = {
  mmlu: 'bundled/mmlu',
  arc_easy: 'bundled/ai2_arc',
  arc_challenge: 'bundled/ai2_arc',
  commonsense_qa: 'bundled/commonsense_qa',
  boolq: 'bundled/boolq',
  squad_v2: 'bundled/squad_v2',
  translation: 'bundled/translation',
};

/** Sentence pairs per direction, as in the study. */
export const TRANSLATION_PAIRS = 128;

/** A Hub dataset repository and the files of it to read (parquet, CSV, JSON or JSON Lines). */
export interface HubDataSource {
  kind: 'hub';
  /** `bundled` or the base URL of a Hub endpoint. */
  endpoint: string;
  repo: string;
  revision: string;
  paths: string[];
}

/** Files the user dropped in, with their bytes. */
export interface FileDataSource {
  kind: 'files';
  files: { name: string; bytes: Uint8Array }[];
}

/** The source of a task's items; the bundled copies when absent. */
export type DataSource = { kind: 'bundled' } | HubDataSource | FileDataSource;

/** What to load. */
export interface TaskDataRequest {
  taskId: TaskId;
  protocol: Protocol;
  /** First `limit` items per subset; null for all. */
  limit: number | null;
  /** MMLU subjects or translation directions; null for all. */
  subsets: readonly string[] | null;
  /** Corpus per language pair, for translation. */
  corpora?: Partial<Record<'en-ru' | 'en-zh', CorpusId>>;
  /** Where the items come from; the bundled copies when absent. */
  source?: DataSource;
}

/** How the loaders reach data: the bundled repositories, and the files of a Hub dataset. */
export interface DataAccess {
  read: ReadRepoText;
  list: ListRepoFiles;
  /** Downloads one file of a Hub dataset repository (the worker stores it in IndexedDB first). */
  fetchHubFile(source: HubDataSource, path: string): Promise<Uint8Array>;
}

/** The repositories a request reads, so a caller can fetch them first. */
export function reposOf(taskId: TaskId): string[] {
  return [TASK_REPOS[taskId]];
}

function jsonLinesItems(text: string, file: string) {
  return parseJsonLines(text, file).map((row, i) => choiceItemFromRow(row, { file, row: i + 1 }));
}

function described<T extends { subset: string }>(items: T[], what: string, limit: number | null): string {
  const grouped = new Set(items.map((item) => item.subset)).size > 1;
  const limited = limit === null ? '' : grouped ? `, first ${limit} per ${items[0]?.subset.includes('-') ? 'direction' : 'subject'}` : `, first ${limit}`;
  return `${what}${limited}: ${items.length} items`;
}

async function loadTranslation(request: TaskDataRequest, read: ReadRepoText): Promise<PreparedTask> {
  const repo = TASK_REPOS.translation;
  const directions = (request.subsets ?? DIRECTIONS) as readonly string[];
  const items: TranslationItem[] = [];
  const sources: string[] = [];
  for (const direction of directions) {
    const [sourceLang, targetLang] = direction.split('-') as [Language, Language];
    const pair = sourceLang === 'zh' || targetLang === 'zh' ? 'en-zh' : 'en-ru';
    const corpusId = request.corpora?.[pair] ?? DEFAULT_CORPORA[pair];
    const corpus = CORPORA[corpusId];
    const sourceFile = corpus.files[sourceLang];
    const targetFile = corpus.files[targetLang];
    if (!sourceFile || !targetFile) throw new RangeError(`${corpus.name} has no ${direction} pair; choose another corpus for ${pair}`);
    const sourceLines = textLines(await read(repo, sourceFile)).slice(0, TRANSLATION_PAIRS);
    const targetLines = textLines(await read(repo, targetFile)).slice(0, TRANSLATION_PAIRS);
    items.push(...translationItemsFromLines(sourceLines, targetLines, sourceLang, targetLang, corpusId, [sourceFile, targetFile]));
    sources.push(`${direction}: ${corpus.name}, first ${TRANSLATION_PAIRS} pairs`);
  }
  const limited = limitPerSubset(items, request.limit);
  return prepareTask(TASKS.translation, limited, described(limited, sources.join('; '), request.limit));
}

/**
 * Loads the items of a task for a protocol from the bundled repositories and binds them to the task.
 * Throws a DatasetFormatError for a malformed file, naming the file, row and field.
 */
export async function loadBundledTask(request: TaskDataRequest, read: ReadRepoText, list: ListRepoFiles): Promise<PreparedTask> {
  const { taskId, protocol, limit } = request;
  const repo = TASK_REPOS[taskId];
  switch (taskId) {
    case 'mmlu': {
      const data = await loadMmlu(await list(repo), (path) => read(repo, path), request.subsets);
      const subjects = request.subsets ?? [...data.test.keys()].sort();
      const items = limitPerSubset(subjects.flatMap((s) => data.test.get(s) ?? []), limit);
      return prepareTask(TASKS.mmlu, items, described(items, 'MMLU test', limit), (item) => data.dev.get(item.subset) ?? []);
    }
    case 'arc_easy':
    case 'arc_challenge': {
      const folder = taskId === 'arc_easy' ? 'ARC-Easy' : 'ARC-Challenge';
      const split = protocol === 'study' ? 'validation' : 'test';
      const file = `${folder}/${split}.jsonl`;
      const items = limitPerSubset(jsonLinesItems(await read(repo, file), file), limit);
      return prepareTask(TASKS[taskId], items, described(items, `${folder} ${split}`, limit));
    }
    case 'commonsense_qa': {
      const items = limitPerSubset(jsonLinesItems(await read(repo, 'validation.jsonl'), 'validation.jsonl'), limit);
      return prepareTask(TASKS.commonsense_qa, items, described(items, 'CommonsenseQA validation', limit));
    }
    case 'boolq': {
      const rows = parseJsonLines(await read(repo, 'validation.jsonl'), 'validation.jsonl');
      const items = limitPerSubset(rows.map((row, i) => boolqItemFromRow(row, { file: 'validation.jsonl', row: i + 1 })), limit);
      return prepareTask(TASKS.boolq, items, described(items, 'BoolQ validation', limit));
    }
    case 'squad_v2': {
      const all = squadItemsFromOfficialJson(parseJsonDocument(await read(repo, 'validation.json'), 'validation.json'), 'validation.json');
      const chosen = protocol === 'study' ? drawStudySquadItems(all) : all;
      const items = limitPerSubset(chosen, limit);
      const what = protocol === 'study' ? 'SQuAD 2.0 dev (part), 256 answerable questions with answers of at most 8 characters, drawn with seed 2024' : 'SQuAD 2.0 dev (part), answerable and unanswerable';
      return prepareTask(TASKS.squad_v2, items, described(items, what, limit));
    }
    case 'translation':
      return loadTranslation(request, read);
  }
}

/** The files of a non-bundled source, as (name, bytes). */
async function sourceFiles(source: HubDataSource | FileDataSource, access: DataAccess): Promise<{ name: string; bytes: Uint8Array }[]> {
  if (source.kind === 'files') return source.files;
  if (source.paths.length === 0) throw new RangeError(`name the files of ${source.repo} to read, such as data/test-00000-of-00001.parquet`);
  return Promise.all(source.paths.map(async (path) => ({ name: `${source.repo}/${path}`, bytes: await access.fetchHubFile(source, path) })));
}

function describeSource(source: HubDataSource | FileDataSource): string {
  return source.kind === 'files'
    ? `file${source.files.length > 1 ? 's' : ''} ${source.files.map((f) => f.name).join(', ')}`
    : `${source.repo}@${source.revision} (${source.paths.join(', ')})`;
}

/**
 * Reads an MMLU CSV file in the original headerless layout (question, A, B, C, D, answer), with
 * the subject taken from the file name. Returns null for any other file, which readRows reads.
 */
function headerlessMmluItems(file: { name: string; bytes: Uint8Array }): ChoiceItem[] | null {
  if (formatOf(file.name) !== 'csv') return null;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(file.bytes);
  if (text.trim() === '' || hasMmluHeader(text)) return null;
  return parseMmluCsv(text, subjectFromFileName(file.name), file.name);
}

/**
 * Tells whether a PreparedTask's source description, as a result stores it, names a Hub dataset
 * (`{repo}@{revision} (…)`) or dropped files (`file …`) rather than the bundled copies.
 * NOTE: results store no data-source field, so this reads describeSource's text and must follow its format.
 */
export function describesOtherSource(source: string): boolean {
  return /^files? /.test(source) || /^\S+@\S+ \(/.test(source);
}

/** Items of a task read from a Hub dataset or from files, each file through the task's loader. */
async function loadItemsFromSource<T extends TaskId>(taskId: T, request: TaskDataRequest, source: HubDataSource | FileDataSource, access: DataAccess): Promise<TaskItems[T][]> {
  const files = await sourceFiles(source, access);
  const items: TaskItems[T][] = [];
  for (const file of files) {
    const headerless = taskId === 'mmlu' ? headerlessMmluItems(file) : null;
    if (headerless) {
      items.push(...(headerless as TaskItems[T][]));
      continue;
    }
    const rows = await readRows(file.bytes, file.name);
    if (taskId === 'translation') {
      for (const direction of request.subsets ?? ['en-ru']) items.push(...itemsFromRows(taskId, rows, { file: file.name, direction }));
    } else {
      items.push(...itemsFromRows(taskId, rows, { file: file.name }));
    }
  }
  return items;
}

function prepareLoaded<Item extends TaskItem>(task: TaskDefinition<Item>, items: Item[], request: TaskDataRequest, what: string): PreparedTask {
  const wanted = request.subsets && request.taskId === 'mmlu' ? items.filter((item) => request.subsets!.includes(item.subset)) : items;
  const limited = limitPerSubset(wanted, request.limit);
  return prepareTask(task, limited, described(limited, what, request.limit));
}

/**
 * Loads the items of a task for a protocol from its source (the bundled copies by default, a Hub
 * dataset's files, or dropped files) and binds them to the task. A user's data serves both
 * protocols, except that the study draws its SQuAD questions from it as from the bundled set.
 * Throws a DatasetFormatError for a malformed file, naming the file, row and field.
 */
export async function loadTask(request: TaskDataRequest, access: DataAccess): Promise<PreparedTask> {
  const source = request.source;
  if (!source || source.kind === 'bundled') return loadBundledTask(request, access.read, access.list);
  const what = describeSource(source);
  switch (request.taskId) {
    case 'squad_v2': {
      const all = await loadItemsFromSource('squad_v2', request, source, access);
      return prepareLoaded(TASKS.squad_v2, request.protocol === 'study' ? drawStudySquadItems(all) : all, request, what);
    }
    case 'boolq':
      return prepareLoaded(TASKS.boolq, await loadItemsFromSource('boolq', request, source, access), request, what);
    case 'translation':
      return prepareLoaded(TASKS.translation, await loadItemsFromSource('translation', request, source, access), request, what);
    default:
      return prepareLoaded(TASKS[request.taskId], await loadItemsFromSource(request.taskId, request, source, access), request, what);
  }
}
