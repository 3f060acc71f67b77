/**
 * The benchmark's fixed request set: a few MMLU subjects and ARC-Challenge, under the harness
 * protocol (zero-shot) and the study protocol (ten sampled runs), on the frozen-embedding tiny model.
 */
import type { TaskSelection } from '../../src/evaluation/suite';
import { DEFAULT_HARNESS_SETTINGS, DEFAULT_STUDY_SETTINGS, type ProtocolSettings } from '../../src/engine/types';

/** MMLU subjects of the request set. */
export const BENCH_SUBJECTS = ['abstract_algebra', 'anatomy', 'astronomy'];

/** The model every backend runs: the bundled frozen-embedding model, fp32. */
export const BENCH_MODEL = { endpoint: 'bundled', repo: 'bundled/tiny-frozen', revision: 'main', dtype: 'fp32' } as const;

/** Both protocols with their default settings (study: 10 runs, temperature 1, seed 1234). */
export const BENCH_PROTOCOLS: ProtocolSettings[] = [DEFAULT_HARNESS_SETTINGS, DEFAULT_STUDY_SETTINGS];

/** The tasks of the request set, `limit` items per MMLU subject and of ARC-Challenge. */
export function benchSelections(limit: number): TaskSelection[] {
  return [
    { taskId: 'mmlu', subsets: BENCH_SUBJECTS, limit },
    { taskId: 'arc_challenge', subsets: null, limit },
  ];
}

/** Items the request set scores per protocol. */
export function itemsPerProtocol(limit: number): number {
  return BENCH_SUBJECTS.length * limit + limit;
}
