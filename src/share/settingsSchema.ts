/**
 * Validation of a task's protocol settings as a link or a results file carries them. Both accept
 * the same settings, so they share this schema.
 */
import { z } from 'zod';

/** Study runs per item a link or a file may name. */
export const MAX_STUDY_RUNS = 1000;

const studySettingsSchema = z.strictObject({
  protocol: z.literal('study'),
  nRuns: z.number().int().min(1).max(MAX_STUDY_RUNS),
  temperature: z.number().gt(0).max(1000),
  topK: z.number().int().min(1).max(10_000_000).nullable(),
  seed: z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER),
  greedy: z.boolean(),
});

const harnessSettingsSchema = z.strictObject({
  protocol: z.literal('harness'),
  numFewshot: z.number().int().min(0).max(100),
});

/** The settings of either protocol, discriminated by `protocol`. */
export const protocolSettingsSchema = z.discriminatedUnion('protocol', [studySettingsSchema, harnessSettingsSchema]);
