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
];
