/**
 * Validation of a results file as read from disk. Every field of the workbench's own data is checked
 * (types, ranges, lengths, and that records agree with their task), because a file may come from
 * anyone. The lm-evaluation-harness-style blocks are written for other tools and not read back.
 */
import { z } from 'zod';
import { safeText } from './safeText';
import { MAX_STUDY_RUNS, protocolSettingsSchema } from './settingsSchema';

/** Bounds on an imported file; a file beyond any of them is rejected as invalid. */
export const RESULTS_FILE_LIMITS = {
  /** Size of the file's text, in UTF-16 code units. */
  chars: 256 * 1024 * 1024,
  runs: 100,
  tasksPerRun: 100,
  subsetsPerTask: 1000,
  figuresPerTask: 5000,
  itemsPerTask: 1_000_000,
  runsPerItem: MAX_STUDY_RUNS,
  choicesPerItem: 100,
  shortText: 200,
  longText: 2000,
  /** Model outputs and references. */
  outputText: 100_000,
} as const;

const L = RESULTS_FILE_LIMITS;
const shortText = safeText(L.shortText);
const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const percent = z.number().min(0).max(100);
const count = (max: number) => z.number().int().min(0).max(max);

const figureSchema = z.strictObject({
  label: shortText,
  task: shortText,
  subset: shortText.nullable(),
  metric: shortText,
  value: percent,
  std: percent,
  ci95: percent,
  stderr: percent.nullable(),
  intervalMethod: z.enum(['runs-ci95', 'stderr-ci95', 'bootstrap-ci95']),
  nItems: count(L.itemsPerTask),
  runScores: z.array(percent).max(L.runsPerItem).nullable(),
});


const choiceRecord = z.strictObject({
  kind: z.literal('choice'),
  itemId: shortText,
  subset: shortText,
  gold: count(L.choicesPerItem - 1),
  chosen: count(L.choicesPerItem - 1),
  correct: z.boolean(),
  logprobs: z.array(finite).min(1).max(L.choicesPerItem),
  normChosen: count(L.choicesPerItem - 1).nullable(),
  greedy: z.array(z.boolean()).max(L.choicesPerItem),
});
const generationRecord = z.strictObject({
  kind: z.literal('generation'),
  itemId: shortText,
  subset: shortText,
  gold: safeText(L.outputText, { multiline: true }),
  outputs: z.array(safeText(L.outputText, { multiline: true })).min(1).max(L.runsPerItem),
  answers: z.array(safeText(L.outputText, { multiline: true })).max(L.runsPerItem),
  correct: z.array(z.boolean()).max(L.runsPerItem),
  scores: z.array(percent).max(L.runsPerItem).nullable(),
});
const greedyRecord = z.strictObject({
  kind: z.literal('greedy'),
  itemId: shortText,
  subset: shortText,
  output: safeText(L.outputText, { multiline: true }),
  references: z.array(safeText(L.outputText, { multiline: true })).max(100),
  noAnswerLogprob: finite.nullable(),
});
const recordSchema = z.discriminatedUnion('kind', [choiceRecord, generationRecord, greedyRecord]);

const correctnessSchema = z.strictObject({
  correctRuns: z.array(count(L.runsPerItem)).max(L.itemsPerTask),
  subsetSizes: z.array(count(L.itemsPerTask)).max(L.subsetsPerTask),
  itemIdsHash: z.string().regex(/^[0-9a-f]{8}$/, 'must be 8 lowercase hex digits'),
});

const taskSchema = z.strictObject({
  task: shortText,
  source: safeText(L.longText),
  protocol: z.enum(['study', 'harness']),
  settings: protocolSettingsSchema,
  limit: z.number().int().min(1).max(L.itemsPerTask).nullable(),
  subsets: z.array(shortText).max(L.subsetsPerTask),
  figures: z.array(figureSchema).max(L.figuresPerTask),
  /** Per-item records; absent in results that came from a link or a published log. */
  items: z.array(recordSchema).max(L.itemsPerTask).optional(),
  itemCorrectness: correctnessSchema.optional(),
  itemsDropped: z.boolean().optional(),
});

const runSchema = z.strictObject({
  model: z.strictObject({ endpoint: shortText, repo: safeText(L.shortText, { minLength: 1 }), revision: shortText, commit: shortText, dtype: shortText }),
  execution: z.object({
    device: shortText,
    reason: safeText(L.longText),
    backend: z.enum(['transformers.js', 'onnxruntime']),
  }),
  tasks: z.array(taskSchema).max(L.tasksPerRun),
  startedAt: z.iso.datetime({ offset: true }),
  durationMs: z.number().min(0).max(1e11),
});

/** The workbench's part of a results file, versions 1 and 2: the runs with their figures and records. */
export const resultsFileSchema = z.object({
  format: z.literal('lm-eval-workbench-results'),
  version: z.union([z.literal(1), z.literal(2)]),
  createdAt: z.iso.datetime({ offset: true }),
  runs: z.array(runSchema).min(1).max(L.runs),
});

/** A validated results file. */
export type ParsedResultsFile = z.infer<typeof resultsFileSchema>;
/** One validated task of a results file. */
export type ParsedFileTask = z.infer<typeof taskSchema>;
