/**
 * Rows of multiple-choice datasets (ARC, CommonsenseQA) in the layouts they are published in:
 * - AI2's original JSONL: `{id, question: {stem, choices: [{text, label}]}, answerKey}`;
 * - a flat copy: `{id, question, options: [{label, text}], answer}`;
 * - the Hugging Face layout (parquet or JSON): `{id, question, choices: {text: [...], label: [...]}, answerKey}`;
 * - a CSV with a header: `question, A, B, C, D[, E], answer` (one column per choice label).
 */
import { DatasetFormatError } from '../errors';
import type { Choice, ChoiceItem } from '../items';
import { objectField, objectRow, stringArrayField, stringField, type RowPlace } from './fields';

/** Column names of choices in a CSV layout, one per label. */
const LETTER_COLUMNS = ['A', 'B', 'C', 'D', 'E'];

function choicesFrom(value: unknown, place: RowPlace, field: string): Choice[] {
  if (Array.isArray(value)) {
    return value.map((entry) => {
      const choice = objectRow(entry, place);
      return { label: stringField(choice, 'label', place), text: stringField(choice, 'text', place, true) };
    });
  }
  if (typeof value === 'object' && value !== null) {
    const columns = value as Record<string, unknown>;
    const texts = stringArrayField(columns, 'text', place);
    const labels = stringArrayField(columns, 'label', place);
    if (texts.length !== labels.length) {
      throw new DatasetFormatError(place.file, place.row, field, `${texts.length} texts but ${labels.length} labels`);
    }
    return texts.map((text, k) => ({ label: labels[k]!, text }));
  }
  throw new DatasetFormatError(place.file, place.row, field, 'expected a list of {label, text} or {text: [...], label: [...]}');
}

/** Converts one row of any of the layouts above into a ChoiceItem with subset ''. */
export function choiceItemFromRow(value: unknown, place: RowPlace, idPrefix = ''): ChoiceItem {
  const row = objectRow(value, place);
  let question: string;
  let choices: Choice[];
  if (typeof row.question === 'object' && row.question !== null) {
    const nested = objectField(row, 'question', place);
    question = stringField(nested, 'stem', place);
    choices = choicesFrom(nested.choices, place, 'question.choices');
  } else if (row.choices !== undefined || row.options !== undefined) {
    question = stringField(row, 'question', place);
    choices = choicesFrom(row.choices ?? row.options, place, row.choices !== undefined ? 'choices' : 'options');
  } else {
    question = stringField(row, 'question', place);
    choices = LETTER_COLUMNS.filter((label) => typeof row[label] === 'string' && row[label] !== '').map((label) => ({ label, text: row[label] as string }));
  }
  if (choices.length < 2) throw new DatasetFormatError(place.file, place.row, 'choices', `expected at least 2 choices, found ${choices.length}`);
  const keyField = typeof row.answerKey === 'string' ? 'answerKey' : 'answer';
  const key = stringField(row, keyField, place);
  const answer = choices.findIndex((choice) => choice.label === key.trim());
  if (answer < 0) {
    throw new DatasetFormatError(place.file, place.row, keyField, `"${key}" is not one of the labels ${choices.map((c) => c.label).join(', ')}`);
  }
  const id = typeof row.id === 'string' && row.id ? row.id : String(place.row);
  return { id: `${idPrefix}${id}`, subset: '', question, choices, answer };
}
