/**
 * Readers of the text formats datasets come in: JSON Lines, JSON arrays and line-aligned text files.
 * Each throws a DatasetFormatError that names the file and the row.
 */
import { DatasetFormatError } from '../errors';

/** Parses JSON Lines: one JSON value per non-empty line. */
export function parseJsonLines(text: string, file: string): unknown[] {
  const rows: unknown[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      rows.push(JSON.parse(line));
    } catch (error) {
      throw new DatasetFormatError(file, index + 1, null, `invalid JSON: ${(error as Error).message}`);
    }
  });
  return rows;
}

/** Parses a JSON document; throws when it is not valid JSON. */
export function parseJsonDocument(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DatasetFormatError(file, null, null, `invalid JSON: ${(error as Error).message}`);
  }
}

/** Splits a text file into lines, without the final newline and without a trailing carriage return. */
export function textLines(text: string): string[] {
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
