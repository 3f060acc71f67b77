/**
 * The JSON inside a version 1 permalink and its validation. Runs and tasks keep their field names,
 * while figures, the bulk of a link, are tuples, and per-item correctness is packed into base64url.
 * Every limit below bounds what a hostile link can make the app hold or draw.
 */
import { z } from 'zod';
import { safeText } from './safeText';
import { MAX_STUDY_RUNS, protocolSettingsSchema } from './settingsSchema';

/** Bounds on a decoded link; a link beyond any of them is rejected as invalid. */
export const PERMALINK_LIMITS = {
  runs: 100,
  tasksPerRun: 100,
  subsetsPerTask: 1000,
  figuresPerTask: 5000,
  /** Items per task, and the bound on any figure's item count. */
  itemsPerTask: 1_000_000,
  /** Study runs per item (nRuns), and the length of a figure's run scores. */
  runsPerItem: MAX_STUDY_RUNS,
  /** Ids, names, labels and other one-line strings, in UTF-16 code units. */
  shortText: 200,
  /** Free text such as the reason a device was chosen. */
  longText: 2000,
  /** About three years, in milliseconds. */
  durationMs: 1e11,
} as const;

const shortText = safeText(PERMALINK_LIMITS.shortText);
const isoTime = z.iso.datetime({ offset: true });
const count = (max: number) => z.number().int().min(0).max(max);

/**
 * A figure's number on the 0–100 scale. σ and ci95 also stay within 0–100: the sample σ of values
 * in 0–100 is at most 50·√2 (two items), and ci95 at most 1.96 times that over √2.
 */
const percent = z.number().min(0).max(100);

const figureLabel = z.union([z.literal(0), shortText]);
const figureTask = z.union([z.literal(0), shortText]);
const subsetIndex = z.number().int().min(-1).max(PERMALINK_LIMITS.subsetsPerTask - 1);
const itemCount = z.number().int().min(1).max(PERMALINK_LIMITS.itemsPerTask);

/*
 * A figure is a tuple whose first element names the form its numbers are stored in. The next four
 * elements are the same in every form. The label is 0 for the default, which is the task's label
 * base followed by ` [subset]` for a subset figure. The task is 0 for the task the figure belongs
 * to. Then come the metric and the index of the subset in the task's subsets, −1 for the whole
 * task. figureCodec.ts recomputes the numbers of the compact forms.
 */

/** Every number stored as it is: `x`. */
const explicitFigure = z.tuple([
  z.literal('x'), figureLabel, figureTask, shortText, subsetIndex,
  count(PERMALINK_LIMITS.itemsPerTask),
  z.enum(['runs-ci95', 'stderr-ci95', 'bootstrap-ci95']),
  percent, percent, percent, percent.nullable(),
  z.array(percent).max(PERMALINK_LIMITS.runsPerItem).nullable(),
]);

/** A harness figure of 0/1 item scores, stored as the number of items right: `h`. */
const harnessCountFigure = z.tuple([
  z.literal('h'), figureLabel, figureTask, shortText, subsetIndex, itemCount,
  count(PERMALINK_LIMITS.itemsPerTask),
]);

/** A harness group figure pooled from the task's subset figures before it: `p`. */
const pooledFigure = z.tuple([z.literal('p'), figureLabel, figureTask, shortText, subsetIndex]);

/** A study figure, stored as the number of items each run got right: `s`. */
const studyCountFigure = z.tuple([
  z.literal('s'), figureLabel, figureTask, shortText, subsetIndex, itemCount,
  z.array(count(PERMALINK_LIMITS.itemsPerTask)).min(1).max(PERMALINK_LIMITS.runsPerItem),
]);

const figureSchema = z.union([explicitFigure, harnessCountFigure, pooledFigure, studyCountFigure]);

/** Field names of each figure form, by tuple index, for error messages. */
export const FIGURE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  x: ['form', 'label', 'task', 'metric', 'subset', 'nItems', 'intervalMethod', 'value', 'std', 'ci95', 'stderr', 'runScores'],
  h: ['form', 'label', 'task', 'metric', 'subset', 'nItems', 'correctItems'],
  p: ['form', 'label', 'task', 'metric', 'subset'],
  s: ['form', 'label', 'task', 'metric', 'subset', 'nItems', 'correctItemsPerRun'],
};

const itemsSchema = z.strictObject({
  /** Items per subset, in `subsets` order. */
  sizes: z.array(count(PERMALINK_LIMITS.itemsPerTask)).max(PERMALINK_LIMITS.subsetsPerTask),
  /** FNV-1a hash of the item ids, 8 hex digits. */
  hash: z.string().regex(/^[0-9a-f]{8}$/, 'must be 8 lowercase hex digits'),
  /** Correct runs per item, packed by `packUints` at the width of the task's maximum, then base64url. */
  data: z.string().max(2_000_000),
});

const taskSchema = z.strictObject({
  task: shortText,
  /** The data the items came from, in words. */
  source: safeText(PERMALINK_LIMITS.longText),
  protocol: z.enum(['study', 'harness']),
  settings: protocolSettingsSchema,
  limit: z.number().int().min(1).max(PERMALINK_LIMITS.itemsPerTask).nullable(),
  subsets: z.array(shortText).max(PERMALINK_LIMITS.subsetsPerTask),
  /** Label of the whole-task figure, from which default subset labels are built. */
  labelBase: shortText,
  figures: z.array(figureSchema).max(PERMALINK_LIMITS.figuresPerTask),
  /** The per-item correctness, or 'dropped' when it was left out to keep the link short. */
  items: z.union([itemsSchema, z.literal('dropped')]).optional(),
});

const runSchema = z.strictObject({
  model: z.strictObject({
    endpoint: shortText,
    repo: safeText(PERMALINK_LIMITS.shortText, { minLength: 1 }),
    revision: shortText,
    commit: shortText,
    dtype: shortText,
  }),
  execution: z.strictObject({
    device: shortText,
    reason: safeText(PERMALINK_LIMITS.longText),
    backend: z.enum(['transformers.js', 'onnxruntime']),
  }),
  startedAt: isoTime,
  durationMs: z.number().min(0).max(PERMALINK_LIMITS.durationMs),
  tasks: z.array(taskSchema).max(PERMALINK_LIMITS.tasksPerRun),
});

/** The JSON of a version 1 link; the version itself is the link's prefix. */
export const wireViewSchema = z.strictObject({
  createdAt: isoTime,
  view: z
    .strictObject({
      protocol: z.enum(['study', 'harness']).optional(),
      sort: z.enum(['name', 'a', 'b', 'difference']).optional(),
      groupByCategory: z.boolean().optional(),
      task: shortText.optional(),
    })
    .optional(),
  runs: z.array(runSchema).min(1).max(PERMALINK_LIMITS.runs),
});

/** The validated JSON of a version 1 link. */
export type WireView = z.infer<typeof wireViewSchema>;
/** One task of a run in the link's JSON. */
export type WireTask = z.infer<typeof taskSchema>;
/** One figure tuple, in any of its four forms. */
export type WireFigure = z.infer<typeof figureSchema>;
/** A figure tuple with every number stored (form `x`). */
export type ExplicitWireFigure = z.infer<typeof explicitFigure>;
/** A task's packed per-item correctness. */
export type WireItems = z.infer<typeof itemsSchema>;

/** A place in the wire JSON and what is wrong there, such as `runs[0].tasks[1].figures[3].value`. */
export class WireProblem extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'WireProblem';
  }
}

/** Formats a path into the wire JSON, naming the fields of figure tuples, such as `runs[0].tasks[1].figures[3].value`. */
export function describePath(path: readonly PropertyKey[], root: unknown): string {
  let described = '';
  let node: unknown = root;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const figure: unknown[] | null = i >= 2 && path[i - 2] === 'figures' && Array.isArray(node) ? node : null;
    if (typeof segment === 'number' && figure !== null) {
      const names = FIGURE_FIELDS[String(figure[0])] ?? FIGURE_FIELDS.x!;
      described += `.${names[segment] ?? segment}`;
    } else if (typeof segment === 'number') {
      described += `[${segment}]`;
    } else {
      described += described === '' ? String(segment) : `.${String(segment)}`;
    }
    node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[segment] : undefined;
  }
  return described === '' ? 'the top level' : described;
}

/**
 * Finds the most specific issue under a union issue: the branch issue with the longest path. A
 * figure with one invalid number then reports that number rather than "no form matched".
 */
export function deepestIssue(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  let best: z.core.$ZodIssue | undefined;
  for (const branch of issue.errors) {
    for (const candidate of branch) {
      const deep = deepestIssue(candidate);
      if (best === undefined || deep.path.length > best.path.length) best = deep;
    }
  }
  return best === undefined ? issue : { ...best, path: [...issue.path, ...best.path] };
}

/** Validates parsed JSON against the wire schema. Throws a WireProblem naming the first invalid field. */
export function parseWireView(json: unknown): WireView {
  const result = wireViewSchema.safeParse(json);
  if (result.success) return result.data;
  const issue = deepestIssue(result.error.issues[0]!);
  throw new WireProblem(describePath(issue.path, json), issue.message);
}
