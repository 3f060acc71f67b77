/**
 * Rows from a data file, whatever its format: CSV with a header row, JSON (a list of objects), JSON
 * Lines, or parquet (read with hyparquet, with the snappy, gzip, brotli, zstd and lz4 codecs).
 */
import { parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import Papa, { type ParseError } from 'papaparse';
import { DatasetFormatError } from './errors';
import { parseJsonDocument, parseJsonLines } from './parsers/textFormats';

/** Formats a data file can come in. */
export type DataFormat = 'csv' | 'json' | 'jsonl' | 'parquet';

/** Returns the format a file name implies, or null for an unknown extension. */
export function formatOf(fileName: string): DataFormat | null {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'csv' || extension === 'tsv') return 'csv';
  if (extension === 'json') return 'json';
  if (extension === 'jsonl' || extension === 'ndjson') return 'jsonl';
  if (extension === 'parquet') return 'parquet';
  return null;
}

/** Parquet stores 64-bit integers as BigInt; the parsers expect plain numbers. */
function plainValues(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(plainValues);
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array) && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainValues(v)]));
  }
  return value;
}

async function parquetRows(bytes: Uint8Array, file: string): Promise<unknown[]> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    const rows = await parquetReadObjects({ file: buffer, compressors });
    return rows.map(plainValues);
  } catch (error) {
    throw new DatasetFormatError(file, null, null, `not a readable parquet file (${(error as Error).message})`);
  }
}

/**
 * Returns the 1-based data row (the header excluded) of a papaparse error. With `header: true`,
 * papaparse 5 counts the header among the rows of a quote error but not of a field-count error.
 */
function csvErrorRow(error: ParseError): number {
  const row = error.row ?? 0;
  return error.type === 'Quotes' ? row : row + 1;
}

function csvRows(text: string, file: string): unknown[] {
  if (text.trim() === '') throw new DatasetFormatError(file, null, null, 'the file is empty; expected a header row and one row per item');
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  // A file with one column has no delimiter to detect; papaparse then reads it with commas, which is right.
  const errors = parsed.errors.filter((error) => error.code !== 'UndetectableDelimiter');
  const first = errors.find((error) => error.type === 'Quotes') ?? errors[0];
  if (first) throw new DatasetFormatError(file, csvErrorRow(first), null, `invalid CSV: ${first.message}`);
  return parsed.data;
}

/**
 * Reads the rows of a data file. A JSON document that is an object with a `data` list yields that
 * list; any other JSON must be a list. Throws a DatasetFormatError naming the file (and the row
 * where the format has rows) for an unknown extension or malformed content.
 */
export async function readRows(bytes: Uint8Array, file: string, format: DataFormat | null = formatOf(file)): Promise<unknown[]> {
  if (format === null) throw new DatasetFormatError(file, null, null, 'unknown file type; use .csv, .json, .jsonl or .parquet');
  if (format === 'parquet') return parquetRows(bytes, file);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (format === 'csv') return csvRows(text, file);
  if (format === 'jsonl') return parseJsonLines(text, file);
  const document = parseJsonDocument(text, file);
  if (Array.isArray(document)) return document;
  if (document !== null && typeof document === 'object' && Array.isArray((document as { data?: unknown }).data)) {
    return (document as { data: unknown[] }).data;
  }
  throw new DatasetFormatError(file, null, null, 'expected a JSON list of rows, or an object whose "data" field is that list');
}
