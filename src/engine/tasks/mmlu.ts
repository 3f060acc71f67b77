/**
 * MMLU under both protocols: the prompt templates, the requests they make and how a response is scored.
 */
import { MMLU_LETTERS, type MmluItem } from '../../datasets/mmlu';
import type { GenerateRequest, LoglikelihoodRequest } from '../requests';
import type { SamplerSpec } from '../sampler';
import { firstCodePoint, pythonStrip } from '../text';
import type { StudySettings } from '../types';

/** Label of MMLU in the study's report. */
export const MMLU_LABEL = 'MMLU';

/** The study's prompt: options on one line, single spaces. */
export function mmluStudyPrompt(item: MmluItem): string {
  const [a, b, c, d] = item.choices;
  return `Question: ${item.question}\nOptions: A) ${a} B) ${b} C) ${c} D) ${d}\nAnswer:`;
}

/** lm-evaluation-harness's question block: question trimmed, one choice per line, `Answer:` cue. */
export function mmluHarnessQuestion(item: MmluItem): string {
  const [a, b, c, d] = item.choices;
  return `${pythonStrip(item.question)}\nA. ${a}\nB. ${b}\nC. ${c}\nD. ${d}\nAnswer:`;
}

/** The harness's description line for a subject, underscores as spaces. */
export function mmluDescription(subject: string): string {
  return `The following are multiple choice questions (with answers) about ${subject.replaceAll('_', ' ')}.\n\n`;
}

/**
 * The harness context: the description, then each few-shot example followed by its answer letter and a
 * blank line, then the question. `fewshot` holds the first k dev items of the subject.
 */
export function mmluHarnessContext(item: MmluItem, fewshot: readonly MmluItem[]): string {
  const examples = fewshot.map((shot) => `${mmluHarnessQuestion(shot)} ${MMLU_LETTERS[shot.answer]}\n\n`).join('');
  return `${mmluDescription(item.subject)}${examples}${mmluHarnessQuestion(item)}`;
}

/** The four log-likelihood requests of an item: `" A"` … `" D"` after the context. */
export function mmluHarnessRequests(item: MmluItem, fewshot: readonly MmluItem[]): LoglikelihoodRequest[] {
  const context = mmluHarnessContext(item, fewshot);
  return MMLU_LETTERS.map((letter) => ({ kind: 'loglikelihood', context, continuation: ` ${letter}` }));
}

/** The sampler a study setting asks for. */
export function studySampler(settings: StudySettings): SamplerSpec {
  return settings.greedy
    ? { kind: 'greedy' }
    : { kind: 'sample', temperature: settings.temperature, topK: settings.topK };
}

/** The study's generation request of an item: one new token, one sample per run with seed `seed + r`. */
export function mmluStudyRequest(item: MmluItem, settings: StudySettings): GenerateRequest {
  return {
    kind: 'generate',
    prompt: mmluStudyPrompt(item),
    maxNewTokens: 1,
    until: [],
    sampler: studySampler(settings),
    samples: Array.from({ length: settings.nRuns }, (_, r) => ({ seed: settings.seed + r, streamKey: item.id })),
  };
}

/** The study's reading of an output: the first character of the trimmed, upper-cased text. */
export function studyAnswerLetter(output: string): string {
  return firstCodePoint(pythonStrip(output).toUpperCase());
}
