/**
 * One loader per task from rows, whatever file or repository they came from: the Hugging Face
 * layouts (parquet or JSON), the datasets' original layouts, and CSV files with a header.
 * Each row error names the file, the row and the field.
 */
import type { TaskId } from '../engine/tasks/task';
import { DatasetFormatError } from './errors';
import type { BoolqItem, ChoiceItem, Language, SquadItem, TranslationItem } from './items';
import { MMLU_LETTERS, subjectFromFileName } from './mmlu';
import { choiceItemFromRow } from './parsers/choiceRows';
import { objectRow, stringArrayField, stringField, type RowPlace } from './parsers/fields';
import { boolqItemFromRow, squadItemFromRow, squadItemsFromOfficialJson, translationItemFromRow } from './parsers/otherRows';

/** Items of each task. */
export interface TaskItems {
  mmlu: ChoiceItem;
  arc_easy: ChoiceItem;
  arc_challenge: ChoiceItem;
  commonsense_qa: ChoiceItem;
  boolq: BoolqItem;
  squad_v2: SquadItem;
  translation: TranslationItem;
}

/** The options of a loader besides the rows. */
export interface RowOptions {
  /** The file the rows came from, for error messages and default subsets. */
  file: string;
  /** Translation: the direction to read, such as `en-ru`. */
  direction?: string;
}

/**
 * An MMLU row: the Hugging Face layout `{question, subject, choices: [4 texts], answer: 0-3}` or a
 * CSV with a header `question, A, B, C, D, answer[, subject]` (answer a letter). Without a subject
 * column, the subject comes from a file named `{subject}_test.csv`.
 */
export function mmluItemFromRow(value: unknown, place: RowPlace): ChoiceItem {
  const row = objectRow(value, place);
  const subject = typeof row.subject === 'string' && row.subject ? row.subject : subjectFromFileName(place.file);
  const question = stringField(row, 'question', place);
  let texts: string[];
  if (Array.isArray(row.choices)) texts = stringArrayField(row, 'choices', place);
  else texts = MMLU_LETTERS.map((letter) => stringField(row, letter, place, true));
  if (texts.length !== 4) throw new DatasetFormatError(place.file, place.row, 'choices', `expected 4 choices, found ${texts.length}`);
  const raw = row.answer;
  const answer = typeof raw === 'number' ? raw : MMLU_LETTERS.indexOf(String(raw).trim() as (typeof MMLU_LETTERS)[number]);
  if (!Number.isInteger(answer) || answer < 0 || answer > 3) {
    throw new DatasetFormatError(place.file, place.row, 'answer', `expected 0-3 or A-D, found ${JSON.stringify(raw)}`);
  }
  return { id: `${subject}/${place.row - 1}`, subset: subject, question, choices: texts.map((text, k) => ({ label: MMLU_LETTERS[k]!, text })), answer };
}

/** A translation row: `{translation: {en, ru}}` (Hugging Face) or flat columns named by language. */
function translationFromRow(value: unknown, place: RowPlace, direction: string): TranslationItem {
  const [sourceLang, targetLang] = direction.split('-') as [Language, Language];
  const row = objectRow(value, place);
  if (typeof row.translation === 'object' && row.translation !== null) return translationItemFromRow(row, place, sourceLang, targetLang, 'data');
  return {
    id: `data:${direction}/${place.row - 1}`,
    subset: direction,
    sourceLang,
    targetLang,
    source: stringField(row, sourceLang, place),
    reference: stringField(row, targetLang, place),
  };
}

function isOfficialSquadArticle(row: unknown): boolean {
  return typeof row === 'object' && row !== null && Array.isArray((row as { paragraphs?: unknown }).paragraphs);
}

/**
 * Turns rows into the items of a task. Throws a DatasetFormatError at the first malformed row,
 * naming the file, the row (from 1) and the field.
 */
export function itemsFromRows<T extends TaskId>(taskId: T, rows: readonly unknown[], options: RowOptions): TaskItems[T][] {
  const place = (i: number): RowPlace => ({ file: options.file, row: i + 1 });
  if (rows.length === 0) throw new DatasetFormatError(options.file, null, null, 'holds no rows');
  switch (taskId) {
    case 'mmlu':
      return rows.map((row, i) => mmluItemFromRow(row, place(i))) as TaskItems[T][];
    case 'arc_easy':
    case 'arc_challenge':
    case 'commonsense_qa':
      return rows.map((row, i) => choiceItemFromRow(row, place(i))) as TaskItems[T][];
    case 'boolq':
      return rows.map((row, i) => boolqItemFromRow(row, place(i))) as TaskItems[T][];
    case 'squad_v2':
      if (isOfficialSquadArticle(rows[0])) return squadItemsFromOfficialJson({ data: rows }, options.file) as TaskItems[T][];
      return rows.map((row, i) => squadItemFromRow(row, place(i))) as TaskItems[T][];
    case 'translation': {
      if (!options.direction) throw new RangeError('a translation file needs a direction such as en-ru');
      return rows.map((row, i) => translationFromRow(row, place(i), options.direction!)) as TaskItems[T][];
    }
  }
  throw new RangeError(`unknown task ${String(taskId)}`);
}
