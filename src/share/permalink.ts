/**
 * Permalinks: a whole comparison in a URL fragment, `#r=1.<data>`. The data is base64url (no padding)
 * of raw-deflate compressed JSON (see schema.ts for the JSON and wire.ts for what is rounded).
 * Decoding treats the payload as hostile: it caps the size before and after decompression and
 * validates every field before anything reaches the app.
 */
import { deflateSync, Inflate } from 'fflate';
import { decodeBase64url, encodeBase64url } from './base64url';
import { bitWidth } from './bits';
import { parseWireView, WireProblem } from './schema';
import type { SharedTask, SharedView } from './view';
import { fromWire, toWire } from './wire';
import type { Protocol } from '../engine/types';

export { itemCorrectnessOf, pairItemCorrectness, toSharedView } from './view';
export type { ItemCorrectness, PairedCorrectness, SharedRun, SharedTask, SharedView, SharedViewSettings } from './view';
export { PERMALINK_LIMITS } from './schema';

/** Maximum length of the fragment payload (the text after `#r=`) that the workbench makes or reads, in characters. */
export const MAX_PERMALINK_CHARS = 8192;

/** Maximum size of a link's decompressed JSON, in bytes. A link that expands further is rejected as a zip bomb. */
export const MAX_INFLATED_BYTES = 1 << 20;

/** The link format this code writes and reads; it is the payload's prefix, as in `1.`. */
export const PERMALINK_VERSION = 1;

/** Reason a link cannot be made or read, for the app to branch on. */
export type PermalinkErrorCode =
  | 'empty'
  | 'too-long'
  | 'bad-prefix'
  | 'newer-version'
  | 'bad-characters'
  | 'truncated'
  | 'bad-compression'
  | 'too-large'
  | 'bad-json'
  | 'invalid-data'
  | 'invalid-view';

/** A link that cannot be made or read, with a message the user can act on. */
export class PermalinkError extends Error {
  constructor(
    readonly code: PermalinkErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PermalinkError';
  }
}

/** A task whose per-item correctness was left out to make a link fit. */
export interface DroppedItems {
  task: string;
  protocol: Protocol;
}

/** An encoded link and the tasks that lost their per-item correctness to fit in it. */
export interface FittedPermalink {
  payload: string;
  dropped: DroppedItems[];
}

const ASK_FOR_FILE = 'Ask the sender for the whole link again, or for the results file.';

function serialize(view: SharedView, drop: (task: SharedTask) => boolean): string {
  const json = JSON.stringify(toWire(view, drop));
  const compressed = deflateSync(new TextEncoder().encode(json), { level: 9 });
  return `${PERMALINK_VERSION}.${encodeBase64url(compressed)}`;
}

function groupKey(task: SharedTask): string {
  return `${task.protocol}:${task.task}`;
}

/**
 * Encodes a view as a permalink payload and reports which per-item data it left out.
 * When the link would exceed MAX_PERMALINK_CHARS, the per-item correctness of whole tasks (across
 * all runs, so pairs stay complete) is dropped, the largest first, and the view records it.
 * Throws a PermalinkError: `invalid-view` for a view that would not decode (the message names the
 * field), `too-long` when the figures alone do not fit.
 */
export function encodeFittedPermalink(view: SharedView): FittedPermalink {
  try {
    fromWire(parseWireView(JSON.parse(JSON.stringify(toWire(view)))));
  } catch (error) {
    if (!(error instanceof WireProblem)) throw error;
    throw new PermalinkError(
      'invalid-view',
      `These results cannot be shared as a link because ${error.path} is invalid: ${error.reason}. Export the results file instead.`,
    );
  }

  const sizes = new Map<string, { item: DroppedItems; items: number }>();
  for (const task of view.runs.flatMap((run) => run.tasks)) {
    if (task.itemCorrectness === undefined || task.itemsDropped) continue;
    const key = groupKey(task);
    const entry = sizes.get(key) ?? { item: { task: task.task, protocol: task.protocol }, items: 0 };
    const width = bitWidth(task.settings.protocol === 'study' ? task.settings.nRuns : 1);
    entry.items += task.itemCorrectness.correctRuns.length * width;
    sizes.set(key, entry);
  }
  const largestFirst = [...sizes.entries()].sort((a, b) => b[1].items - a[1].items);

  const dropped = new Set<string>();
  let payload = serialize(view, () => false);
  for (const [key] of largestFirst) {
    if (payload.length <= MAX_PERMALINK_CHARS) break;
    dropped.add(key);
    payload = serialize(view, (task) => dropped.has(groupKey(task)));
  }
  if (payload.length > MAX_PERMALINK_CHARS) {
    throw new PermalinkError(
      'too-long',
      `These results need a ${payload.length}-character link even without per-item results, more than the ${MAX_PERMALINK_CHARS} a link may have. Export the results file and share that instead.`,
    );
  }
  return { payload, dropped: largestFirst.filter(([key]) => dropped.has(key)).map(([, entry]) => entry.item) };
}

/** Encodes a view as a permalink payload, as encodeFittedPermalink does, and returns only the payload. */
export function encodePermalink(view: SharedView): string {
  return encodeFittedPermalink(view).payload;
}

/** Decompresses raw deflate data, stopping as soon as the output passes `maxBytes`. */
function inflateCapped(compressed: Uint8Array, maxBytes: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > maxBytes) {
      throw new PermalinkError(
        'too-large',
        `This link expands to more than ${maxBytes} bytes, far more than any results link contains, so it was not opened. ${ASK_FOR_FILE}`,
      );
    }
    chunks.push(chunk);
  });
  // Small input chunks bound the output of one step: deflate expands at most about 1032 to 1.
  const step = 512;
  let offset = 0;
  do {
    const end = Math.min(offset + step, compressed.length);
    inflater.push(compressed.subarray(offset, end), end === compressed.length);
    offset = end;
  } while (offset < compressed.length);

  const output = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    output.set(chunk, at);
    at += chunk.length;
  }
  return output;
}

function isFlateError(error: unknown): error is Error & { code: number } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'number';
}

/** Decompresses and parses the data part of a version 1 payload. */
function readJson(data: string): unknown {
  if (data === '') throw new PermalinkError('truncated', `This link is cut off: it ends right after its version number. ${ASK_FOR_FILE}`);
  const decoded = decodeBase64url(data, false);
  if (!decoded.ok && decoded.problem === 'character') {
    const character = JSON.stringify(data[decoded.index]);
    throw new PermalinkError(
      'bad-characters',
      `This link contains ${character} at position ${decoded.index + 1} of its data, which workbench links never contain. A mail or chat program may have changed it: copy the whole link again, or ask for the results file.`,
    );
  }
  if (!decoded.ok) throw new PermalinkError('truncated', `This link is cut off: it ends in the middle of its data. ${ASK_FOR_FILE}`);

  let inflated: Uint8Array;
  try {
    inflated = inflateCapped(decoded.bytes, MAX_INFLATED_BYTES);
  } catch (error) {
    if (error instanceof PermalinkError) throw error;
    if (isFlateError(error) && error.code === 0) {
      throw new PermalinkError('truncated', `This link is cut off: it ends in the middle of its data. ${ASK_FOR_FILE}`);
    }
    if (isFlateError(error)) {
      throw new PermalinkError('bad-compression', `This link's data is damaged: it cannot be decompressed (${error.message}). ${ASK_FOR_FILE}`);
    }
    throw error;
  }

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
    return JSON.parse(text);
  } catch (error) {
    if (!(error instanceof TypeError || error instanceof SyntaxError)) throw error;
    throw new PermalinkError('bad-json', `This link's data is damaged: it decompresses to something other than results (${error.message}). ${ASK_FOR_FILE}`);
  }
}

/**
 * Decodes and validates a permalink payload, the text after `#r=`. Whitespace is ignored, so a link
 * pasted across lines still opens. Throws a PermalinkError whose code names the problem and whose
 * message gives the user the next step. Strings such as model names are returned as they were shared,
 * markup included, so the app must render them as text.
 */
export function decodePermalink(payload: string): SharedView {
  const compact = payload.replace(/\s+/g, '');
  if (compact === '') {
    throw new PermalinkError('empty', 'This link has no results in it: nothing follows "#r=". Ask the sender for the whole link, or for the results file.');
  }
  if (compact.length > MAX_PERMALINK_CHARS) {
    throw new PermalinkError(
      'too-long',
      `This link has ${compact.length} characters of data, more than the ${MAX_PERMALINK_CHARS} that workbench links have, so it was not opened. Check that only one link was copied, or ask for the results file.`,
    );
  }
  const match = /^(\d{1,6})\.(.*)$/s.exec(compact);
  const version = match === null ? NaN : Number(match[1]);
  if (match === null || !Number.isInteger(version) || version < 1 || match[1]!.startsWith('0')) {
    throw new PermalinkError(
      'bad-prefix',
      `This is not a workbench results link: its data should start with "${PERMALINK_VERSION}." after "#r=". Copy the whole link again, or ask for the results file.`,
    );
  }
  if (version > PERMALINK_VERSION) {
    throw new PermalinkError(
      'newer-version',
      `This link was made by a newer version of the workbench (link format ${version}; this one reads format ${PERMALINK_VERSION}). Open it in an up-to-date workbench, or ask for the results file.`,
    );
  }

  const json = readJson(match[2]!);
  try {
    return fromWire(parseWireView(json));
  } catch (error) {
    if (!(error instanceof WireProblem)) throw error;
    throw new PermalinkError(
      'invalid-data',
      `This link's data is invalid at ${error.path}: ${error.reason}. The link may have been changed. Ask the sender for a new link, or for the results file.`,
    );
  }
}
