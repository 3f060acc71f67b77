/**
 * Rows of BoolQ, SQuAD v2 and translation datasets in the layouts they are published in.
 */
import { DatasetFormatError } from '../errors';
import type { BoolqItem, Language, SquadItem, TranslationItem } from '../items';
import { booleanField, objectField, objectRow, stringArrayField, stringField, type RowPlace } from './fields';

/** Reads a BoolQ row `{question, answer, passage}` (the original JSONL and the Hugging Face layout). */
export function boolqItemFromRow(value: unknown, place: RowPlace): BoolqItem {
  const row = objectRow(value, place);
  return {
    id: typeof row.id === 'string' && row.id ? row.id : String(place.row - 1),
    subset: '',
    passage: stringField(row, 'passage', place),
    question: stringField(row, 'question', place),
    answer: booleanField(row, 'answer', place),
  };
}

/** Reads a SQuAD v2 row in the Hugging Face layout: `{id, title, context, question, answers: {text: [...]}}`. */
export function squadItemFromRow(value: unknown, place: RowPlace): SquadItem {
  const row = objectRow(value, place);
  const answers = objectField(row, 'answers', place);
  return {
    id: stringField(row, 'id', place),
    subset: '',
    title: stringField(row, 'title', place, true),
    context: stringField(row, 'context', place),
    question: stringField(row, 'question', place),
    answers: stringArrayField(answers, 'text', place),
  };
}

/**
 * The questions of an official SQuAD v2 JSON file (`{data: [{title, paragraphs: [{context, qas}]}]}`),
 * in file order; the row of an error is the question's position, from 1.
 */
export function squadItemsFromOfficialJson(document: unknown, file: string): SquadItem[] {
  const top = objectRow(document, { file, row: 0 });
  if (!Array.isArray(top.data)) throw new DatasetFormatError(file, null, 'data', 'expected the list of articles of the official SQuAD format');
  const items: SquadItem[] = [];
  for (const article of top.data) {
    const place = { file, row: items.length + 1 };
    const articleRow = objectRow(article, place);
    const title = stringField(articleRow, 'title', place, true);
    if (!Array.isArray(articleRow.paragraphs)) throw new DatasetFormatError(file, place.row, 'paragraphs', 'expected a list');
    for (const paragraph of articleRow.paragraphs) {
      const paragraphRow = objectRow(paragraph, { file, row: items.length + 1 });
      const context = stringField(paragraphRow, 'context', { file, row: items.length + 1 });
      if (!Array.isArray(paragraphRow.qas)) throw new DatasetFormatError(file, items.length + 1, 'qas', 'expected a list');
      for (const qa of paragraphRow.qas) {
        const qaPlace = { file, row: items.length + 1 };
        const qaRow = objectRow(qa, qaPlace);
        const answers = Array.isArray(qaRow.answers) ? qaRow.answers.map((a) => stringField(objectRow(a, qaPlace), 'text', qaPlace, true)) : [];
        const impossible = qaRow.is_impossible === true;
        items.push({
          id: stringField(qaRow, 'id', qaPlace),
          subset: '',
          title,
          context,
          question: stringField(qaRow, 'question', qaPlace),
          answers: impossible ? [] : answers,
        });
      }
    }
  }
  return items;
}

/** Sentence pairs from two line-aligned texts; throws when the line counts differ. */
export function translationItemsFromLines(
  sources: readonly string[],
  references: readonly string[],
  sourceLang: Language,
  targetLang: Language,
  corpus: string,
  files: [string, string],
): TranslationItem[] {
  if (sources.length !== references.length) {
    throw new DatasetFormatError(files[1], null, null, `${references.length} lines, but ${files[0]} has ${sources.length}; the files must be line-aligned`);
  }
  const direction = `${sourceLang}-${targetLang}`;
  return sources.map((source, i) => ({
    id: `${corpus}:${direction}/${i}`,
    subset: direction,
    sourceLang,
    targetLang,
    source,
    reference: references[i]!,
  }));
}

/** A translation row in the Hugging Face layout: `{translation: {en: ..., zh: ...}}`. */
export function translationItemFromRow(value: unknown, place: RowPlace, sourceLang: Language, targetLang: Language, corpus: string): TranslationItem {
  const row = objectRow(value, place);
  const pair = objectField(row, 'translation', place);
  const direction = `${sourceLang}-${targetLang}`;
  return {
    id: `${corpus}:${direction}/${place.row - 1}`,
    subset: direction,
    sourceLang,
    targetLang,
    source: stringField(pair, sourceLang, place),
    reference: stringField(pair, targetLang, place),
  };
}
