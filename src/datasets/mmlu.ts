/**
 * MMLU data: the test and dev CSV files of the 57 subjects and the subject-to-category mapping,
 * parsed and validated. The original CSV files have no header row; columns are question, A, B, C, D, answer.
 */
import Papa from 'papaparse';
import { DatasetFormatError } from './errors';
import type { ChoiceItem } from './items';

/**
 * One MMLU question: a ChoiceItem whose subset is the subject and whose choices are labelled A–D.
 * The id is `{subject}/{row index in the file, from 0}`.
 */
export type MmluItem = ChoiceItem;

/** Display name and category of a subject, from mapping.json. */
export interface MmluSubjectInfo {
  name: string;
  category: 'STEM' | 'Humanities' | 'Social Sciences' | 'Other';
}

export const MMLU_LETTERS = ['A', 'B', 'C', 'D'] as const;
const CATEGORIES = new Set(['STEM', 'Humanities', 'Social Sciences', 'Other']);

/**
 * Parses one subject's CSV file. `file` names the file in error messages.
 * Throws a DatasetFormatError naming the file, row and field of the first malformed row.
 */
export function parseMmluCsv(text: string, subject: string, file: string): MmluItem[] {
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: true });
  // A file with one column has no delimiter to detect; the field count below names that problem.
  const firstError = parsed.errors.find((error) => error.code !== 'UndetectableDelimiter');
  if (firstError) {
    throw new DatasetFormatError(file, (firstError.row ?? 0) + 1, null, `invalid CSV: ${firstError.message}`);
  }
  return parsed.data.map((row, index) => {
    const rowNumber = index + 1;
    if (row.length !== 6) {
      throw new DatasetFormatError(
        file,
        rowNumber,
        null,
        `expected 6 fields (question, A, B, C, D, answer), found ${row.length}; a file with a header row names its columns question,A,B,C,D,answer`,
      );
    }
    const [question, a, b, c, d, answer] = row as [string, string, string, string, string, string];
    const answerIndex = (MMLU_LETTERS as readonly string[]).indexOf(answer.trim());
    if (answerIndex < 0) {
      throw new DatasetFormatError(file, rowNumber, 'answer', `expected one of A, B, C, D, found ${JSON.stringify(answer)}`);
    }
    const choices = [a, b, c, d].map((text, k) => ({ label: MMLU_LETTERS[k]!, text }));
    return { id: `${subject}/${index}`, subset: subject, question, choices, answer: answerIndex };
  });
}

/**
 * Returns the subject of an MMLU file named as the original files are, `{subject}_test.csv` (or
 * `_dev`, `_val`): the file name before that suffix and the extension, in any script and with
 * digits, or `mmlu` when nothing is left.
 */
export function subjectFromFileName(file: string): string {
  const name = file.split('/').pop() ?? '';
  const stem = name.replace(/\.[^.]*$/, '').replace(/_(?:test|dev|val)$/i, '');
  return stem || 'mmlu';
}

/** Column names that mark a CSV's first row as a header; a question of the original files is never one of them. */
const HEADER_NAMES = new Set(['question', 'answer', 'subject', 'choices']);

/** Tells whether a CSV's first row is a header (`question,A,B,C,D,answer`) rather than a question of the original headerless files. */
export function hasMmluHeader(text: string): boolean {
  const first = Papa.parse<string[]>(text, { header: false, preview: 1, skipEmptyLines: true }).data[0] ?? [];
  return first.some((field) => HEADER_NAMES.has(field.trim().toLowerCase()));
}

/** Parses mapping.json. Throws a DatasetFormatError when a subject lacks a name or a known category. */
export function parseMmluMapping(text: string, file: string): Record<string, MmluSubjectInfo> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new DatasetFormatError(file, null, null, `invalid JSON: ${(error as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new DatasetFormatError(file, null, null, 'expected an object keyed by subject');
  }
  const mapping: Record<string, MmluSubjectInfo> = {};
  for (const [subject, value] of Object.entries(data)) {
    const info = value as Partial<MmluSubjectInfo> | null;
    if (typeof info?.name !== 'string') throw new DatasetFormatError(file, null, `${subject}.name`, 'missing display name');
    if (!CATEGORIES.has(String(info.category))) {
      throw new DatasetFormatError(file, null, `${subject}.category`, `unknown category ${JSON.stringify(info.category)}`);
    }
    mapping[subject] = { name: info.name, category: info.category as MmluSubjectInfo['category'] };
  }
  return mapping;
}
