/**
 * The items of every task, in one normalized shape per kind of task, whatever file they came from.
 */

/** One labelled choice of a multiple-choice question. */
export interface Choice {
  /** The label the dataset gives it: `A`–`E`, or `1`–`4` in some ARC questions. */
  label: string;
  text: string;
}

/** A multiple-choice question (MMLU, ARC, CommonsenseQA). */
export interface ChoiceItem {
  id: string;
  /** Group the item belongs to, such as the MMLU subject; '' for tasks without groups. */
  subset: string;
  question: string;
  choices: Choice[];
  /** Index of the correct choice in `choices`. */
  answer: number;
}

/** A BoolQ question: a passage and a yes/no question about it. */
export interface BoolqItem {
  id: string;
  subset: '';
  passage: string;
  question: string;
  answer: boolean;
}

/** A SQuAD v2 question; `answers` is empty when the question is unanswerable. */
export interface SquadItem {
  id: string;
  subset: '';
  title: string;
  context: string;
  question: string;
  answers: string[];
}

/** Languages the translation task knows, with their English names used in prompts. */
export const LANGUAGE_NAMES = { en: 'English', ru: 'Russian', zh: 'Chinese' } as const;
export type Language = keyof typeof LANGUAGE_NAMES;

/** A sentence pair for translation from `sourceLang` to `targetLang`. */
export interface TranslationItem {
  id: string;
  /** The direction, such as `en-ru`. */
  subset: string;
  sourceLang: Language;
  targetLang: Language;
  source: string;
  reference: string;
}
