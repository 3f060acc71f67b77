/**
 * Types shared by the engine: protocols and their settings, per-item records, figures and results.
 * All figures are on a 0–100 scale (accuracy in percent, BLEU and chrF in points), the scale of the
 * study's text report.
 */
import type { LMCounters } from './lm';

/** The two evaluation protocols: the study's sampled generation, or lm-evaluation-harness ranking. */
export type Protocol = 'study' | 'harness';

/** Settings of the study protocol: generative, sampled, repeated runs. */
export interface StudySettings {
  protocol: 'study';
  /** Number of runs over the same items (the study used 10); at least 1. */
  nRuns: number;
  /** Sampling temperature, > 0. Ignored when `greedy` is true. */
  temperature: number;
  /** Keep only the k most likely tokens before sampling; null keeps all. */
  topK: number | null;
  /** Run r samples with seed `seed + r`. */
  seed: number;
  /** Pick the most likely token instead of sampling; every run then gives the same output. */
  greedy: boolean;
}

/** Settings of the harness protocol: log-likelihood ranking, one deterministic pass. */
export interface HarnessSettings {
  protocol: 'harness';
  /** Few-shot examples taken from the task's dev split, 0–5. */
  numFewshot: number;
}

export type ProtocolSettings = StudySettings | HarnessSettings;

/** The default study settings: 10 runs, temperature 1, no top-k, seed 1234. */
export const DEFAULT_STUDY_SETTINGS: StudySettings = {
  protocol: 'study',
  nRuns: 10,
  temperature: 1,
  topK: null,
  seed: 1234,
  greedy: false,
};

/** The default harness settings: zero-shot. */
export const DEFAULT_HARNESS_SETTINGS: HarnessSettings = { protocol: 'harness', numFewshot: 0 };

/** Per-item record of a multiple-choice item scored by log-likelihood (harness protocol). */
export interface ChoiceItemRecord {
  kind: 'choice';
  itemId: string;
  /** Group the item belongs to, such as the MMLU subject. */
  subset: string;
  gold: number;
  /** Index of the choice with the highest log-likelihood; the first one on ties. */
  chosen: number;
  correct: boolean;
  /** Sum of the continuation's token log-probabilities per choice, natural log. */
  logprobs: number[];
  /** Index with the highest log-likelihood per character of the choice text (acc_norm); null where not computed. */
  normChosen: number | null;
  /** Whether each choice's continuation is the greedy one, token by token. */
  greedy: boolean[];
}

/** Per-item record of an item scored by sampled generation (study protocol), one entry per run. */
export interface GenerationItemRecord {
  kind: 'generation';
  itemId: string;
  subset: string;
  /** The gold answer as the protocol compares it (a letter for MMLU). */
  gold: string;
  /** Decoded output of each run, special tokens removed. */
  outputs: string[];
  /** What each run's output was read as (the first character after trimming and upper-casing). */
  answers: string[];
  correct: boolean[];
  /** Each run's score on a 0–100 scale where the task scores more than right or wrong (sentence BLEU); null otherwise. */
  scores: number[] | null;
}

/** Per-item record of an item answered by greedy generation (harness protocol: SQuAD v2, translation). */
export interface GreedyItemRecord {
  kind: 'greedy';
  itemId: string;
  subset: string;
  output: string;
  /** The gold answers (empty for an unanswerable SQuAD question) or the reference translation. */
  references: string[];
  /** SQuAD v2: log-likelihood of " unanswerable" after the prompt, the no-answer score; null otherwise. */
  noAnswerLogprob: number | null;
}

export type ItemRecord = ChoiceItemRecord | GenerationItemRecord | GreedyItemRecord;

/** How a figure's interval was computed. */
export type IntervalMethod =
  /** Study: 1.96 · population σ of the run scores / √runs. */
  | 'runs-ci95'
  /** Harness: 1.96 · standard error of the per-item scores (sample σ / √items, pooled for groups). */
  | 'stderr-ci95'
  /** Corpus metrics (BLEU, chrF, SQuAD's F1-type figures): 1.96 · the seeded bootstrap's standard error over items. */
  | 'bootstrap-ci95';

/** One reported number: a task's or subset's metric with its spread and interval. */
export interface Figure {
  /** Label as in the study's report, such as `MMLU [anatomy]` or `MMLU`. */
  label: string;
  task: string;
  /** Subset (MMLU subject) the figure covers; null for the whole task. */
  subset: string | null;
  metric: string;
  /** The figure, 0–100. */
  value: number;
  /** Study: population σ of the run scores. Harness: sample σ of the per-item scores (bootstrap: stderr·√items). 0–100 scale. */
  std: number;
  /** Half-width of the 95% interval, 0–100 scale. */
  ci95: number;
  /** Harness only: the standard error (of the mean, or the bootstrap's), 0–100 scale. */
  stderr: number | null;
  intervalMethod: IntervalMethod;
  /** Items the figure covers. */
  nItems: number;
  /** Study only: the score of each run, 0–100 scale. */
  runScores: number[] | null;
}

/** What a model was, exactly: where it came from and how it ran. */
export interface ModelRef {
  /** Hub endpoint, such as `https://huggingface.co`, or `bundled` for the app's own repositories. */
  endpoint: string;
  /** Repository id, `org/name`. */
  repo: string;
  /** The revision the user asked for (branch, tag or commit). */
  revision: string;
  /** The 40-hex commit the revision pointed to when the files were fetched. */
  commit: string;
  /** Weight variant, such as `fp32` or `q4`. */
  dtype: string;
}

/** Where the forward passes ran. */
export interface ExecutionInfo {
  /** `webgpu`, `wasm` or `cpu` (onnxruntime-node). */
  device: string;
  /** Why this device: the adapter found, or the reason WebGPU was not used. */
  reason: string;
  backend: 'transformers.js' | 'onnxruntime';
  /** The backend's counters over the run (forward passes, rows, tokens); absent in older results and shared links. */
  counters?: LMCounters;
}

/** The result of one task under one protocol for one model. */
export interface TaskResult {
  task: string;
  /** The data the items came from, in words (`ARC-Challenge validation: 299 items`). */
  source: string;
  protocol: Protocol;
  settings: ProtocolSettings;
  /** Items per subset the run was limited to; null for all. */
  limit: number | null;
  /** Subsets evaluated, in order (MMLU subjects). */
  subsets: string[];
  figures: Figure[];
  items: ItemRecord[];
}
