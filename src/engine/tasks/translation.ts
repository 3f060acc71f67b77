/**
 * Translation between English, Russian and Chinese. The study scores each sampled output by BLEU
 * against its reference alone and averages the scores. The harness generates greedily and reports
 * corpus BLEU and chrF with bootstrap intervals.
 */
import { LANGUAGE_NAMES, type TranslationItem } from '../../datasets/items';
import { bootstrapFigure, meanScoreFigures } from '../figures';
import { corpusBleu, STUDY_BLEU_OPTIONS } from '../metrics/bleu';
import { corpusChrf } from '../metrics/chrf';
import { pythonStrip } from '../text';
import type { Figure, GenerationItemRecord, GreedyItemRecord, ItemRecord, Protocol } from '../types';
import { HARNESS_MAX_NEW_TOKENS } from './squad';
import { generateGreedily, scoreByStudyGeneration } from './scoring';
import type { TaskDefinition } from './task';
import { codePointLength } from '../text';

/** Builds the study's prompt. */
export function translationStudyPrompt(item: TranslationItem): string {
  return `Translate from ${LANGUAGE_NAMES[item.sourceLang]} to ${LANGUAGE_NAMES[item.targetLang]}:\n${item.source}\nAnswer:`;
}

/** Builds the harness's prompt. */
export function translationHarnessPrompt(item: TranslationItem): string {
  return `${LANGUAGE_NAMES[item.sourceLang]} phrase: ${item.source}\n${LANGUAGE_NAMES[item.targetLang]} phrase:`;
}

/**
 * The study's score of one output: BLEU of the trimmed, upper-cased output against the upper-cased
 * reference, scored alone as a corpus (13a even for Chinese, exp smoothing, no effective order).
 */
export function studySentenceBleu(output: string, reference: string): number {
  return corpusBleu([pythonStrip(output).toUpperCase()], [[reference.toUpperCase()]], STUDY_BLEU_OPTIONS).score;
}

function studyFigures(subsets: readonly string[], records: readonly ItemRecord[]): Figure[] {
  return subsets.flatMap((direction) =>
    meanScoreFigures(`BLEU [${direction}]`, 'translation', 'bleu', 'study', [direction], records.filter((r) => r.subset === direction), (r) => (r as GenerationItemRecord).scores!)
      .map((figure) => ({ ...figure, subset: direction })),
  );
}

function harnessFigures(subsets: readonly string[], records: readonly ItemRecord[], items: readonly TranslationItem[]): Figure[] {
  const targetOf = new Map(items.map((item) => [item.id, item.targetLang]));
  return subsets.flatMap((direction) => {
    const own = records.filter((r) => r.subset === direction) as GreedyItemRecord[];
    if (own.length === 0) return [];
    const tokenize = targetOf.get(own[0]!.itemId) === 'zh' ? 'zh' : '13a';
    const bleu = (sample: readonly GreedyItemRecord[]) =>
      corpusBleu(sample.map((r) => r.output), [sample.map((r) => r.references[0]!)], { tokenize }).score;
    const chrf = (sample: readonly GreedyItemRecord[]) =>
      corpusChrf(sample.map((r) => r.output), [sample.map((r) => r.references[0]!)]).score;
    return [
      bootstrapFigure({ label: `BLEU [${direction}]`, task: 'translation', subset: direction, metric: 'bleu' }, own, bleu),
      bootstrapFigure({ label: `chrF [${direction}]`, task: 'translation', subset: direction, metric: 'chrf' }, own, chrf),
    ];
  });
}

export const translationTask: TaskDefinition<TranslationItem> = {
  id: 'translation',
  name: 'Translation',
  label: 'BLEU',
  scoreStudy: (chunk, settings, context) =>
    scoreByStudyGeneration(chunk, settings, context, (item) => ({
      prompt: translationStudyPrompt(item),
      maxNewTokens: Math.min(codePointLength(item.reference), 100),
      gold: item.reference,
    }), (output, gold) => {
      const score = studySentenceBleu(output, gold);
      return { answer: pythonStrip(output), correct: score >= 100, score };
    }),
  async scoreHarness(chunk, _settings, context) {
    const outputs = await generateGreedily(context, chunk.map(translationHarnessPrompt), ['\n'], HARNESS_MAX_NEW_TOKENS);
    return chunk.map((item, i): GreedyItemRecord => ({
      kind: 'greedy', itemId: item.id, subset: item.subset, output: outputs[i]!, references: [item.reference], noAnswerLogprob: null,
    }));
  },
  figures: (protocol: Protocol, subsets, records, items) =>
    protocol === 'study' ? studyFigures(subsets, records) : harnessFigures(subsets, records, items),
};
