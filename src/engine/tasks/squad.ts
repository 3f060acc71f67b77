/**
 * SQuAD v2. The study samples answers to short answerable questions and counts an output right when it
 * contains the gold answer. The harness generates greedily and scores with the official evaluation script.
 */
import type { SquadItem } from '../../datasets/items';
import { accuracyFigures, bootstrapFigure } from '../figures';
import { aggregateSquadV2, evaluateSquadV2, type SquadV2Aggregate, type SquadV2Question } from '../metrics/squadV2';
import { mulberry32 } from '../random';
import { runLoglikelihood } from '../runner';
import { codePointLength } from '../text';
import type { Figure, GreedyItemRecord, ItemRecord } from '../types';
import { generateGreedily, scoreByStudyGeneration } from './scoring';
import type { TaskDefinition } from './task';

/** Questions the study draws. */
export const STUDY_SQUAD_SIZE = 256;
/** Maximum length, in characters, of the first gold answer of a question the study may draw. */
export const STUDY_SQUAD_MAX_ANSWER = 8;
/** Seed of the study's draw; the study did not publish its own. */
export const STUDY_SQUAD_SEED = 2024;
/** lm-evaluation-harness's default limit of generated tokens. */
export const HARNESS_MAX_NEW_TOKENS = 256;

/**
 * The study's question set: the answerable questions whose first gold answer has at most 8
 * characters, then `count` of them drawn with a seeded shuffle (Fisher–Yates), in drawn order.
 */
export function drawStudySquadItems(items: readonly SquadItem[], count = STUDY_SQUAD_SIZE, seed = STUDY_SQUAD_SEED): SquadItem[] {
  const eligible = items.filter((item) => item.answers.length > 0 && codePointLength(item.answers[0]!) <= STUDY_SQUAD_MAX_ANSWER);
  const random = mulberry32(seed);
  for (let i = eligible.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [eligible[i], eligible[j]] = [eligible[j]!, eligible[i]!];
  }
  return eligible.slice(0, count);
}

/** Builds the study's prompt. */
export function squadStudyPrompt(item: SquadItem): string {
  return `Context: ${item.context}\nQuestion: ${item.question}\nAnswer:`;
}

/** Builds the harness's prompt. */
export function squadHarnessPrompt(item: SquadItem): string {
  return `Title: ${item.title}\n\nBackground: ${item.context}\n\nQuestion: ${item.question}\n\nAnswer:`;
}

/** The harness's figures, in the official script's order; best_* use the no-answer probabilities. */
const HARNESS_KEYS = ['exact', 'f1', 'HasAns_exact', 'HasAns_f1', 'NoAns_exact', 'NoAns_f1', 'best_exact', 'best_f1'] as const;

function squadQuestions(records: readonly GreedyItemRecord[]): SquadV2Question[] {
  return records.map((r) => ({ id: r.itemId, goldAnswers: r.references, prediction: r.output, naProb: Math.exp(r.noAnswerLogprob ?? -Infinity) }));
}

function harnessFigures(records: readonly GreedyItemRecord[]): Figure[] {
  const questions = squadQuestions(records);
  const { perQuestion } = evaluateSquadV2(questions);
  const indexes = questions.map((_, i) => i);
  const answerable = indexes.filter((i) => perQuestion[i]!.hasAnswer);
  const unanswerable = indexes.filter((i) => !perQuestion[i]!.hasAnswer);
  const aggregateOf = (sample: readonly number[]): SquadV2Aggregate =>
    aggregateSquadV2(sample.map((i) => questions[i]!), sample.map((i) => perQuestion[i]!), true);
  return HARNESS_KEYS.flatMap((key) => {
    // HasAns and NoAns figures resample within their own questions, so every resample has some.
    const pool = key.startsWith('HasAns') ? answerable : key.startsWith('NoAns') ? unanswerable : indexes;
    if (pool.length === 0) return [];
    return [bootstrapFigure({ label: `SQUAD [${key}]`, task: 'squad_v2', subset: null, metric: key }, pool, (sample) => aggregateOf(sample)[key]!)];
  });
}

export const squadTask: TaskDefinition<SquadItem> = {
  id: 'squad_v2',
  name: 'SQuAD v2',
  label: 'SQUAD',
  scoreStudy: (chunk, settings, context) =>
    scoreByStudyGeneration(chunk, settings, context, (item) => ({
      prompt: squadStudyPrompt(item),
      maxNewTokens: Math.min(codePointLength(item.answers[0] ?? ''), 100),
      gold: item.answers[0] ?? '',
    }), (output, gold) => ({ answer: output, correct: output.toUpperCase().includes(gold.toUpperCase()) })),
  async scoreHarness(chunk, _settings, context) {
    const prompts = chunk.map(squadHarnessPrompt);
    const outputs = await generateGreedily(context, prompts, ['\n'], HARNESS_MAX_NEW_TOKENS);
    const noAnswer = await runLoglikelihood(
      context.lm,
      prompts.map((prompt) => ({ kind: 'loglikelihood', context: prompt, continuation: ' unanswerable' })),
      context.signal,
    );
    return chunk.map((item, i): GreedyItemRecord => ({
      kind: 'greedy', itemId: item.id, subset: item.subset, output: outputs[i]!, references: item.answers, noAnswerLogprob: noAnswer[i]!.logprob,
    }));
  },
  figures: (protocol, subsets, records: readonly ItemRecord[]) =>
    protocol === 'study'
      ? accuracyFigures('SQUAD', 'squad_v2', protocol, subsets, records)
      : harnessFigures(records as GreedyItemRecord[]),
};
