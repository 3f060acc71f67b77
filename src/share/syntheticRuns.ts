/**
 * Synthetic MMLU runs for the permalink tests: the 57 subjects at their test split sizes, random
 * correctness from a seeded generator, and figures computed by the engine from those records.
 */
import { accuracyFigures } from '../engine/figures';
import { mulberry32 } from '../engine/random';
import type { ModelRun } from '../engine/results';
import type { ChoiceItemRecord, GenerationItemRecord, ItemRecord, Protocol } from '../engine/types';
import { DEFAULT_HARNESS_SETTINGS, DEFAULT_STUDY_SETTINGS } from '../engine/types';

/** Items per subject in MMLU's test split, 14,042 in all (a permalink test checks the total). */
export const MMLU_TEST_SIZES: Readonly<Record<string, number>> = {
  abstract_algebra: 100, anatomy: 135, astronomy: 152, business_ethics: 100, clinical_knowledge: 265,
  college_biology: 144, college_chemistry: 100, college_computer_science: 100, college_mathematics: 100,
  college_medicine: 173, college_physics: 102, computer_security: 100, conceptual_physics: 235,
  econometrics: 114, electrical_engineering: 145, elementary_mathematics: 378, formal_logic: 126,
  global_facts: 100, high_school_biology: 310, high_school_chemistry: 203,
  high_school_computer_science: 100, high_school_european_history: 165, high_school_geography: 198,
  high_school_government_and_politics: 193, high_school_macroeconomics: 390,
  high_school_mathematics: 270, high_school_microeconomics: 238, high_school_physics: 151,
  high_school_psychology: 545, high_school_statistics: 216, high_school_us_history: 204,
  high_school_world_history: 237, human_aging: 223, human_sexuality: 131, international_law: 121,
  jurisprudence: 108, logical_fallacies: 163, machine_learning: 112, management: 103, marketing: 234,
  medical_genetics: 100, miscellaneous: 783, moral_disputes: 346, moral_scenarios: 895, nutrition: 306,
  philosophy: 311, prehistory: 324, professional_accounting: 282, professional_law: 1534,
  professional_medicine: 272, professional_psychology: 612, public_relations: 110,
  security_studies: 245, sociology: 201, us_foreign_policy: 100, virology: 166, world_religions: 171,
};

/** Options of a synthetic run. */
export interface SyntheticRunOptions {
  repo: string;
  protocol: Protocol;
  seed: number;
  /** Items per subject; defaults to the whole test split. */
  limit?: number;
}

/**
 * Makes one model's MMLU run with per-item records. Each subject gets its own accuracy between 25%
 * and 85%, and each item (each run, under the study protocol) is right with that probability.
 */
export function syntheticMmluRun({ repo, protocol, seed, limit }: SyntheticRunOptions): ModelRun {
  const random = mulberry32(seed);
  const subjects = Object.keys(MMLU_TEST_SIZES);
  const settings = protocol === 'study' ? DEFAULT_STUDY_SETTINGS : DEFAULT_HARNESS_SETTINGS;
  const records: ItemRecord[] = [];
  for (const subject of subjects) {
    const accuracy = 0.25 + 0.6 * random.next();
    const size = Math.min(MMLU_TEST_SIZES[subject]!, limit ?? Infinity);
    for (let i = 0; i < size; i++) {
      const itemId = `${subject}/${i}`;
      if (protocol === 'harness') {
        const correct = random.next() < accuracy;
        const record: ChoiceItemRecord = {
          kind: 'choice', itemId, subset: subject, gold: 0, chosen: correct ? 0 : 1, correct,
          logprobs: [-1, -2, -3, -4], greedy: [true, false, false, false], normChosen: null,
        };
        records.push(record);
      } else {
        const correct = Array.from({ length: DEFAULT_STUDY_SETTINGS.nRuns }, () => random.next() < accuracy);
        const record: GenerationItemRecord = {
          kind: 'generation', itemId, subset: subject, gold: 'A',
          outputs: correct.map((c) => (c ? 'A' : 'B')), answers: correct.map((c) => (c ? 'A' : 'B')), correct, scores: null,
        };
        records.push(record);
      }
    }
  }
  return {
    model: {
      endpoint: 'https://huggingface.co',
      repo,
      revision: 'main',
      commit: Array.from({ length: 40 }, () => Math.floor(random.next() * 16).toString(16)).join(''),
      dtype: 'q4',
    },
    execution: { device: 'webgpu', reason: 'WebGPU adapter: apple (metal-3)', backend: 'transformers.js' },
    tasks: [{
      task: 'mmlu', source: 'MMLU test (synthetic records)', protocol, settings: { ...settings }, limit: limit ?? null, subsets: subjects,
      figures: accuracyFigures('MMLU', 'mmlu', protocol, subjects, records), items: records,
    }],
    startedAt: '2026-03-14T09:26:53.589Z',
    durationMs: 1_234_567.891,
  };
}
