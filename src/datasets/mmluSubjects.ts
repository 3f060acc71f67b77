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

/** Questions per subject in the test split (14,042 in all). */
export const MMLU_SUBJECT_SIZES: Readonly<Record<string, number>> = {
  abstract_algebra: 100,
  anatomy: 135,
  astronomy: 152,
  business_ethics: 100,
  clinical_knowledge: 265,
  college_biology: 144,
  college_chemistry: 100,
  college_computer_science: 100,
  college_mathematics: 100,
  college_medicine: 173,
  college_physics: 102,
  computer_security: 100,
  conceptual_physics: 235,
  econometrics: 114,
  electrical_engineering: 145,
  elementary_mathematics: 378,
  formal_logic: 126,
  global_facts: 100,
  high_school_biology: 310,
  high_school_chemistry: 203,
  high_school_computer_science: 100,
  high_school_european_history: 165,
  high_school_geography: 198,
  high_school_government_and_politics: 193,
  high_school_macroeconomics: 390,
  high_school_mathematics: 270,
  high_school_microeconomics: 238,
  high_school_physics: 151,
  high_school_psychology: 545,
  high_school_statistics: 216,
  high_school_us_history: 204,
  high_school_world_history: 237,
  human_aging: 223,
  human_sexuality: 131,
  international_law: 121,
  jurisprudence: 108,
  logical_fallacies: 163,
  machine_learning: 112,
  management: 103,
  marketing: 234,
  medical_genetics: 100,
  miscellaneous: 783,
  moral_disputes: 346,
  moral_scenarios: 895,
  nutrition: 306,
  philosophy: 311,
  prehistory: 324,
  professional_accounting: 282,
  professional_law: 1534,
  professional_medicine: 272,
  professional_psychology: 612,
  public_relations: 110,
  security_studies: 245,
  sociology: 201,
  us_foreign_policy: 100,
  virology: 166,
  world_religions: 171,
};
