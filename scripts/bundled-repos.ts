/**
 * The repositories the app bundles under public/hub, and where their files come from.
 * Paths in `from` are relative to the folder passed to build-bundled-hub.ts with --from.
 */

export interface BundledSource {
  /** A file or folder below the --from folder. */
  from: string;
  /** Path in the repository: the file's path, or the folder to copy into ('' for the root). */
  to: string;
  /** For a folder: copy only the files whose relative path matches. */
  include?: RegExp;
}

export interface BundledRepoSpec {
  kind: 'model' | 'dataset';
  /** Repository id, `org/name`. */
  id: string;
  sources: BundledSource[];
  /** Files written from text, such as a dataset card. */
  extraFiles?: Record<string, string>;
}

const MMLU_CARD = `---
license: mit
pretty_name: MMLU (Measuring Massive Multitask Language Understanding)
---
# MMLU

Hendrycks et al., "Measuring Massive Multitask Language Understanding", ICLR 2021.
License: MIT (Copyright (c) 2020 Dan Hendrycks).

- \`test/<subject>_test.csv\`: 14,042 questions in 57 subjects; \`dev/<subject>_dev.csv\`: 5 few-shot
  examples per subject. CSV without a header row, RFC 4180 quoting; columns
  \`question, A, B, C, D, answer\`.
- \`mapping.json\`: display name and category (STEM, Humanities, Social Sciences, Other) per subject,
  from hiyouga/LLaMA-Factory (Apache-2.0).

The CSV files are the released data (\`data.tar\` without \`auxiliary_train\`), unpacked unchanged from
\`evaluation/mmlu/mmlu.zip\` in hiyouga/LLaMA-Factory at commit 5ee1bdecdccaa5eb736548c9b13a849247a1730f.
\`README.txt\` is the authors' own readme from that archive.
`;

const ARC_CARD = `---
license: cc-by-sa-4.0
pretty_name: AI2 Reasoning Challenge (ARC)
---
# ARC

Clark et al., "Think you have Solved Question Answering? Try ARC, the AI2 Reasoning Challenge", 2018.
License: CC BY-SA 4.0 (Allen Institute for AI).

- \`ARC-Easy/validation.jsonl\` (570) and \`ARC-Challenge/validation.jsonl\` (299): AI2's Dev split in its
  original JSONL layout, from raybears/cot-transparency (sha256 equal to OpenCompass's copies).
- \`ARC-Easy/test.jsonl\` (2,376): the original layout with an extra \`para\` per choice added by
  nju-websoft/GenMC, which the workbench ignores.
- \`ARC-Challenge/test.jsonl\` (1,172): a flat copy (\`question\`, \`options\`, \`answer\`) from
  yukangZhuu/basic_evaluator, complete; the original-layout copies found lacked two questions.
`;

const COMMONSENSE_QA_CARD = `---
license: mit
pretty_name: CommonsenseQA
---
# CommonsenseQA

Talmor et al., "CommonsenseQA: A Question Answering Challenge Targeting Commonsense Knowledge", NAACL 2019.
License: MIT. \`validation.jsonl\`: the 1,221 questions of the random-split dev set, original layout,
from kojima-takeshi188/zero_shot_cot (sha256 equal to OpenCompass's copy).
`;

const BOOLQ_CARD = `---
license: cc-by-sa-3.0
pretty_name: BoolQ
---
# BoolQ

Clark et al., "BoolQ: Exploring the Surprising Difficulty of Natural Yes/No Questions", NAACL 2019.
License: CC BY-SA 3.0. \`validation.jsonl\`: the 3,270 dev questions (\`question\`, \`answer\`, \`passage\`,
\`title\`), from dwzhu-pku/boolqQA. Two passages contain stray U+FEFF characters, as in the source.
`;

const SQUAD_CARD = `---
license: cc-by-sa-4.0
pretty_name: SQuAD 2.0 (part of the dev set)
---
# SQuAD 2.0

Rajpurkar, Jia and Liang, "Know What You Don't Know: Unanswerable Questions for SQuAD", ACL 2018.
License: CC BY-SA 4.0. \`validation.json\` is in the official format but holds 16 of the dev set's 35
articles: 6,078 of its 11,873 questions (3,168 unanswerable), the half used by Stanford's CS224N
(chrischute/squad). The complete dev file was not available to the project.
`;

const TRANSLATION_CARD = `---
pretty_name: Parallel test sets (en, ru, zh)
---
# Parallel test sets

Line-aligned UTF-8 text, one segment per line.

- \`opus100/en-zh/test.{en,zh}\`: OPUS-100 v1.0 (Zhang et al., 2020), the en-zh test split, 2,000 pairs,
  from Pen721/platonic-rep. OPUS-100 has no licence of its own; cite Zhang et al. 2020 and OPUS
  (Tiedemann 2012). No en-ru split of OPUS-100 was available.
- \`un/testset.{en,ru,zh}\`: the United Nations Parallel Corpus v1.0 test set (Ziemski, Junczys-Dowmunt
  and Pouliquen, LREC 2016), 4,000 aligned lines. Free to use, provided without warranty; the United
  Nations must be acknowledged as the source.
- \`flores200/dev/{eng_Latn,rus_Cyrl,zho_Hans}.dev\`: FLORES-200 dev (NLLB Team, 2022), 997 lines,
  CC BY-SA 4.0, from genggui001/opencompass.
`;

export const BUNDLED_REPOS: BundledRepoSpec[] = [
  {
    kind: 'model',
    id: 'bundled/tiny-frozen',
    sources: [{ from: 'models/tiny-frozen', to: '' }],
  },
  {
    kind: 'model',
    id: 'bundled/tiny-trainable',
    sources: [{ from: 'models/tiny-trainable', to: '' }],
  },
  {
    kind: 'dataset',
    id: 'bundled/mmlu',
    sources: [
      { from: 'data/mmlu/test', to: 'test' },
      { from: 'data/mmlu/dev', to: 'dev' },
      { from: 'data/mmlu/mapping.json', to: 'mapping.json' },
      { from: 'data/mmlu/README.txt', to: 'README.txt' },
    ],
    extraFiles: { 'README.md': MMLU_CARD },
  },
  {
    kind: 'dataset',
    id: 'bundled/ai2_arc',
    sources: [
      { from: 'data/arc/ARC-Easy-Dev.jsonl', to: 'ARC-Easy/validation.jsonl' },
      { from: 'data/arc/arc_easy/official/test.jsonl', to: 'ARC-Easy/test.jsonl' },
      { from: 'data/arc/ARC-Challenge-Dev.jsonl', to: 'ARC-Challenge/validation.jsonl' },
      { from: 'data/arc/arc_challenge_test.jsonl', to: 'ARC-Challenge/test.jsonl' },
    ],
    extraFiles: { 'README.md': ARC_CARD },
  },
  {
    kind: 'dataset',
    id: 'bundled/commonsense_qa',
    sources: [{ from: 'data/commonsenseqa/dev_rand_split.jsonl', to: 'validation.jsonl' }],
    extraFiles: { 'README.md': COMMONSENSE_QA_CARD },
  },
  {
    kind: 'dataset',
    id: 'bundled/boolq',
    sources: [{ from: 'data/boolq/dev.jsonl', to: 'validation.jsonl' }],
    extraFiles: { 'README.md': BOOLQ_CARD },
  },
  {
    kind: 'dataset',
    id: 'bundled/squad_v2',
    sources: [{ from: 'data/squad_v2/dev-v2.0.json', to: 'validation.json' }],
    extraFiles: { 'README.md': SQUAD_CARD },
  },
  {
    kind: 'dataset',
    id: 'bundled/translation',
    sources: [
      { from: 'data/opus100/opus.en-zh-test.en', to: 'opus100/en-zh/test.en' },
      { from: 'data/opus100/opus.en-zh-test.zh', to: 'opus100/en-zh/test.zh' },
      { from: 'data/un_parallel_corpus/UNv1.0.testset.en', to: 'un/testset.en' },
      { from: 'data/un_parallel_corpus/UNv1.0.testset.ru', to: 'un/testset.ru' },
      { from: 'data/un_parallel_corpus/UNv1.0.testset.zh', to: 'un/testset.zh' },
      { from: 'data/flores200/dev/eng_Latn.dev', to: 'flores200/dev/eng_Latn.dev' },
      { from: 'data/flores200/dev/rus_Cyrl.dev', to: 'flores200/dev/rus_Cyrl.dev' },
      { from: 'data/flores200/dev/zho_Hans.dev', to: 'flores200/dev/zho_Hans.dev' },
    ],
    extraFiles: { 'README.md': TRANSLATION_CARD },
  },
];
