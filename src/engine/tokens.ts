/**
 * How a (context, continuation) pair becomes the token ids fed to the model, by lm-evaluation-harness's
 * rule: trailing white space of the context moves into the continuation; context and continuation are
 * encoded together and split at the length of the encoded context, so the continuation's first token
 * is the one the model really sees; an empty context becomes the end-of-text token; a sequence longer
 * than the window loses context tokens from the left and keeps the continuation whole.
 */
import type { Tokenizer } from './lm';
import { trailingSpaceCount } from './text';

/** The ids of one pair, ready to feed: `contextIds` then `continuationIds`. */
export interface EncodedPair {
  contextIds: number[];
  continuationIds: number[];
  /** Context tokens dropped from the left to fit the window. */
  truncatedTokens: number;
}

/**
 * Encodes a pair by the harness rule and fits it into `window` tokens.
 * Throws a RangeError when the continuation alone leaves no room for a context token, or when it
 * encodes to no tokens at all.
 */
export function encodePair(
  tokenizer: Tokenizer,
  context: string,
  continuation: string,
  window: number,
  eosTokenId: number,
): EncodedPair {
  let contextIds: number[];
  let continuationIds: number[];
  if (context === '') {
    contextIds = [eosTokenId];
    continuationIds = tokenizer.encode(continuation);
  } else {
    const moved = trailingSpaceCount(context);
    const ctx = moved > 0 ? context.slice(0, context.length - moved) : context;
    const cont = moved > 0 ? context.slice(context.length - moved) + continuation : continuation;
    contextIds = tokenizer.encode(ctx);
    continuationIds = tokenizer.encode(ctx + cont).slice(contextIds.length);
  }
  if (continuationIds.length === 0) {
    throw new RangeError(`the continuation ${JSON.stringify(continuation)} encodes to no tokens after its context`);
  }
  return fitWindow(contextIds, continuationIds, window);
}

/** Drops context tokens from the left until context + continuation fit in `window` tokens. */
export function fitWindow(contextIds: number[], continuationIds: number[], window: number): EncodedPair {
  if (continuationIds.length >= window) {
    throw new RangeError(
      `the continuation has ${continuationIds.length} tokens, which leaves no room for context in a ${window}-token window`,
    );
  }
  const excess = contextIds.length + continuationIds.length - window;
  if (excess <= 0) return { contextIds, continuationIds, truncatedTokens: 0 };
  return { contextIds: contextIds.slice(excess), continuationIds, truncatedTokens: excess };
}

/**
 * Fits a generation prompt into the window, leaving room for `maxNewTokens`: the prompt loses tokens
 * from the left, so its end (the question and the `Answer:` cue) stays whole.
 * Throws a RangeError when `maxNewTokens` leaves no room for a prompt token.
 */
export function fitPrompt(promptIds: number[], maxNewTokens: number, window: number): number[] {
  const room = window - maxNewTokens;
  if (room < 1) throw new RangeError(`${maxNewTokens} new tokens leave no room for a prompt in a ${window}-token window`);
  return promptIds.length > room ? promptIds.slice(promptIds.length - room) : promptIds;
}
