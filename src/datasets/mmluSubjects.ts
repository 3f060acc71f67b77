/**
 * MMLU's 57 subjects with display names and categories, known before any download (a copy of the
 * bundled dataset's mapping.json, written by scripts/build-bundled-hub.ts).
 */
import mapping from './mmluSubjects.json';
import type { MmluSubjectInfo } from './mmlu';

export const MMLU_SUBJECTS: Readonly<Record<string, MmluSubjectInfo>> = mapping as Record<string, MmluSubjectInfo>;

/** Subject ids in alphabetical order. */
export const MMLU_SUBJECT_IDS: readonly string[] = Object.keys(MMLU_SUBJECTS).sort();

/** The four categories, in the order the UI groups them. */
export const MMLU_CATEGORIES = ['STEM', 'Humanities', 'Social Sciences', 'Other'] as const;

/** Category of a subject; `Other` for a subject the mapping does not know. */
export function subjectCategory(subject: string): MmluSubjectInfo['category'] {
  return MMLU_SUBJECTS[subject]?.category ?? 'Other';
}
