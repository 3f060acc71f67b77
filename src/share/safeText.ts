/**
 * The string type for text decoded from a link or a file. Control characters, lone surrogates and
 * the bidirectional embedding, override and isolate marks are rejected, because they can make a
 * label display differently from its content.
 */
import { z } from 'zod';

const SURROGATES_AND_BIDI_MARKS = /[\p{Cs}\u202A-\u202E\u2066-\u2069]/u;
const CONTROL_CHARACTERS = /\p{Cc}/u;
/** Control characters other than tab, line feed and carriage return. */
const CONTROL_CHARACTERS_BUT_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;

/** Options of safeText. */
export interface SafeTextOptions {
  minLength?: number;
  /** Allows tabs and line breaks, as in model outputs and references. */
  multiline?: boolean;
}

/** Returns a zod string of at most `maxLength` UTF-16 code units without the characters above. */
export function safeText(maxLength: number, { minLength = 0, multiline = false }: SafeTextOptions = {}) {
  const control = multiline ? CONTROL_CHARACTERS_BUT_LINES : CONTROL_CHARACTERS;
  return z
    .string()
    .min(minLength)
    .max(maxLength)
    .refine((value) => !control.test(value) && !SURROGATES_AND_BIDI_MARKS.test(value), 'contains a control character, a bidirectional mark or an unpaired surrogate');
}
