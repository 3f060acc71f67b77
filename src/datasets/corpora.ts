/**
 * The parallel corpora of the bundled translation repository and the directions the task runs.
 */
import type { Language } from './items';

/** Translation directions, in the study's order. */
export const DIRECTIONS = ['en-ru', 'ru-en', 'en-zh', 'zh-en'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** Parallel corpora of the bundled translation repository. */
export const CORPORA = {
  opus100: { name: 'OPUS-100 test', files: { en: 'opus100/en-zh/test.en', zh: 'opus100/en-zh/test.zh' } as Partial<Record<Language, string>> },
  un: { name: 'UN Parallel Corpus v1.0 test', files: { en: 'un/testset.en', ru: 'un/testset.ru', zh: 'un/testset.zh' } as Partial<Record<Language, string>> },
  flores200: {
    name: 'FLORES-200 dev',
    files: { en: 'flores200/dev/eng_Latn.dev', ru: 'flores200/dev/rus_Cyrl.dev', zh: 'flores200/dev/zho_Hans.dev' } as Partial<Record<Language, string>>,
  },
} as const;
export type CorpusId = keyof typeof CORPORA;

/** The corpus each language pair uses by default: OPUS-100 where it has the pair, the UN test set otherwise. */
export const DEFAULT_CORPORA: Record<'en-ru' | 'en-zh', CorpusId> = { 'en-ru': 'un', 'en-zh': 'opus100' };

