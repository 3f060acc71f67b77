/**
 * Scoring routines shared by the tasks: multiple choice by log-likelihood, the study's sampled
 * generation, and greedy generation until a stop string.
 */
import { runGenerate, runLoglikelihood } from '../runner';
import type { GenerateRequest, LoglikelihoodRequest } from '../requests';
import type { SamplerSpec } from '../sampler';
import { codePointLength, firstCodePoint, pythonStrip } from '../text';
import type { ChoiceItemRecord, GenerationItemRecord, StudySettings } from '../types';
import type { ScoringContext, TaskItem } from './task';

/** Index of the largest value; the first one on ties, as numpy's argmax. */
function argmaxFirst(values: readonly number[]): number {
  let best = 0;
  values.forEach((v, k) => {
    if (v > values[best]!) best = k;
  });
  return best;
}

/** What a multiple-choice item asks under the harness protocol. */
export interface ChoiceQuestion {
  context: string;
  /** The choices as the model reads them after the context, delimiter included (`" A"`, `" Paris"`). */
  continuations: string[];
  gold: number;
  /** Choice texts whose lengths normalize acc_norm (without the delimiter); omit to skip acc_norm. */
  normTexts?: string[];
}

/** Scores items by the log-likelihood of each choice; the prediction is the most likely choice. */
export async function scoreChoicesByLoglikelihood<Item extends TaskItem>(
  chunk: readonly Item[],
  context: ScoringContext<Item>,
  ask: (item: Item) => ChoiceQuestion,
): Promise<ChoiceItemRecord[]> {
  const questions = chunk.map(ask);
  const requests: LoglikelihoodRequest[] = questions.flatMap((q) =>
    q.continuations.map((continuation) => ({ kind: 'loglikelihood' as const, context: q.context, continuation })),
  );
  const responses = await runLoglikelihood(context.lm, requests, context.signal);
  let offset = 0;
  return chunk.map((item, i) => {
    const question = questions[i]!;
    const answers = responses.slice(offset, offset + question.continuations.length);
    offset += question.continuations.length;
    const logprobs = answers.map((a) => a.logprob);
    const chosen = argmaxFirst(logprobs);
    const normChosen = question.normTexts
      ? argmaxFirst(logprobs.map((lp, k) => lp / codePointLength(question.normTexts![k]!)))
      : null;
    return {
      kind: 'choice', itemId: item.id, subset: item.subset, gold: question.gold, chosen, correct: chosen === question.gold,
      logprobs, greedy: answers.map((a) => a.greedy), normChosen,
    };
  });
}

/** The sampler a study setting asks for. */
export function studySampler(settings: StudySettings): SamplerSpec {
  return settings.greedy ? { kind: 'greedy' } : { kind: 'sample', temperature: settings.temperature, topK: settings.topK };
}

/** The study's reading of an output: the first character of the trimmed, upper-cased text. */
export function studyAnswerLetter(output: string): string {
  return firstCodePoint(pythonStrip(output).toUpperCase());
}

/** What an item asks under the study protocol. */
export interface StudyPrompt {
  prompt: string;
  maxNewTokens: number;
  /** The gold answer as the judge compares it. */
  gold: string;
}

/** How the study judges one run's output. */
export interface StudyVerdict {
  answer: string;
  correct: boolean;
  /** A 0–100 score for tasks scored beyond right or wrong (sentence BLEU). */
  score?: number;
}

/** The study's generation request of an item: one sample per run, run r seeded with `seed + r`. */
export function studyRequest(item: TaskItem, prompt: StudyPrompt, settings: StudySettings): GenerateRequest {
  return {
    kind: 'generate',
    prompt: prompt.prompt,
    maxNewTokens: prompt.maxNewTokens,
    until: [],
    sampler: studySampler(settings),
    samples: Array.from({ length: settings.nRuns }, (_, r) => ({ seed: settings.seed + r, streamKey: item.id })),
  };
}

/** Scores items by the study's sampled generation, one sample per run. */
export async function scoreByStudyGeneration<Item extends TaskItem>(
  chunk: readonly Item[],
  settings: StudySettings,
  context: ScoringContext<Item>,
  ask: (item: Item) => StudyPrompt,
  judge: (output: string, gold: string) => StudyVerdict,
): Promise<GenerationItemRecord[]> {
  const prompts = chunk.map(ask);
  const responses = await runGenerate(context.lm, chunk.map((item, i) => studyRequest(item, prompts[i]!, settings)), context.signal);
  return chunk.map((item, i) => {
    const gold = prompts[i]!.gold;
    const outputs = responses[i]!.outputs;
    const verdicts = outputs.map((output) => judge(output, gold));
    const scored = verdicts.every((v) => v.score !== undefined);
    return {
      kind: 'generation', itemId: item.id, subset: item.subset, gold, outputs,
      answers: verdicts.map((v) => v.answer), correct: verdicts.map((v) => v.correct),
      scores: scored ? verdicts.map((v) => v.score!) : null,
    };
  });
}

/** Judges a multiple-choice answer: the first character of the trimmed, upper-cased output against the gold label. */
export function judgeLetter(output: string, gold: string): StudyVerdict {
  const answer = studyAnswerLetter(output);
  return { answer, correct: answer === gold };
}

/** Generates greedily after each prompt until a stop string or `maxNewTokens`; returns the outputs. */
export async function generateGreedily<Item extends TaskItem>(
  context: ScoringContext<Item>,
  prompts: readonly string[],
  until: readonly string[],
  maxNewTokens: number,
): Promise<string[]> {
  const requests: GenerateRequest[] = prompts.map((prompt) => ({
    kind: 'generate', prompt, maxNewTokens, until, sampler: { kind: 'greedy' }, samples: [{ seed: 0, streamKey: '' }],
  }));
  const responses = await runGenerate(context.lm, requests, context.signal);
  return responses.map((r) => r.outputs[0]!);
}
