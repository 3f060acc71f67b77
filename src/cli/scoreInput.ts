/**
 * Reading the `score` command's input files. Every error names the file and what to do about it.
 */
import { readFile } from 'node:fs/promises';
import { pythonRstrip } from '../engine/text';
import { JsonSyntaxError, lineAndColumn, parseJson, type ParsedJson } from './scoreJson';

/**
 * An input file that is missing, unreadable or malformed. The message names the file and the fix;
 * `notes` are lines to print before it, such as the official SQuAD script's own notices.
 */
export class ScoreInputError extends Error {
  constructor(
    message: string,
    readonly notes: readonly string[] = [],
  ) {
    super(message);
    this.name = 'ScoreInputError';
  }
}

/** A text file read as segments, one per line. */
export interface SegmentFile {
  path: string;
  /** Lines without their line break and trailing white space. */
  lines: string[];
  /** Whether the file starts with a UTF-8 byte order mark, which stays in the first line. */
  hasByteOrderMark: boolean;
}

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * Reads `path` as UTF-8 the way Python's `open(path, encoding='utf-8')` does: a byte order mark is
 * kept as a character, and invalid UTF-8 is an error. `role` names the file in messages,
 * such as "hypothesis file". Throws a ScoreInputError.
 */
export async function readUtf8(path: string, role: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ScoreInputError(`${role} ${path} not found: check the path`);
    if (code === 'EISDIR') throw new ScoreInputError(`${role} ${path} is a directory: pass a file`);
    if (code === 'EACCES') throw new ScoreInputError(`${role} ${path} cannot be read (permission denied)`);
    throw new ScoreInputError(`${role} ${path} cannot be read: ${(error as Error).message}`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new ScoreInputError(`${role} ${path} is not valid UTF-8: convert it to UTF-8`);
  }
}

/**
 * Reads one segment per line as sacreBLEU 2.x's command line does. Lines end only at "\n", and a
 * final "\n" does not start another segment. Each line loses its trailing white space as with
 * Python's `rstrip()`, which also removes the "\r" of Windows line ends. Throws a ScoreInputError.
 */
export async function readSegmentFile(path: string, role: string): Promise<SegmentFile> {
  const text = await readUtf8(path, role);
  const lines = text === '' ? [] : text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return { path, lines: lines.map(pythonRstrip), hasByteOrderMark: text.startsWith(BYTE_ORDER_MARK) };
}

/**
 * Reads `path` as one JSON document, as the official SQuAD script's `json.load` does.
 * Throws a ScoreInputError that gives the line and column of a syntax error.
 */
export async function readJsonFile(path: string, role: string): Promise<ParsedJson> {
  const text = await readUtf8(path, role);
  if (text.startsWith(BYTE_ORDER_MARK)) {
    throw new ScoreInputError(
      `${role} ${path} starts with a UTF-8 byte order mark, which Python's json module rejects: save it without one`,
    );
  }
  try {
    return parseJson(text);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const { line, column } = lineAndColumn(text, error.offset);
    throw new ScoreInputError(
      `${role} ${path} is not valid JSON: ${error.message} at line ${line}, column ${column}; ` +
        'fix the file or write it again with a JSON library',
    );
  }
}
