/**
 * Field readers for dataset rows: each returns the typed value or throws a DatasetFormatError that
 * names the file, the row and the field.
 */
import { DatasetFormatError } from '../errors';

/** The file and row of a row, for error messages. */
export interface RowPlace {
  file: string;
  /** 1-based row number. */
  row: number;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text === undefined ? typeof value : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The row as an object. */
export function objectRow(value: unknown, place: RowPlace): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DatasetFormatError(place.file, place.row, null, `expected an object, found ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

/** A string field; `allowEmpty` admits ''. */
export function stringField(row: Record<string, unknown>, name: string, place: RowPlace, allowEmpty = false): string {
  const value = row[name];
  if (typeof value !== 'string' || (!allowEmpty && value.length === 0)) {
    throw new DatasetFormatError(place.file, place.row, name, `expected ${allowEmpty ? 'a' : 'a non-empty'} string, found ${describe(value)}`);
  }
  return value;
}

/** A boolean field; also reads "true"/"false" and 1/0, as CSV files write them. */
export function booleanField(row: Record<string, unknown>, name: string, place: RowPlace): boolean {
  const value = row[name];
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'True' || value === 1 || value === '1') return true;
  if (value === 'false' || value === 'False' || value === 0 || value === '0') return false;
  throw new DatasetFormatError(place.file, place.row, name, `expected true or false, found ${describe(value)}`);
}

/** An array field whose elements are strings. */
export function stringArrayField(row: Record<string, unknown>, name: string, place: RowPlace): string[] {
  const value = row[name];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new DatasetFormatError(place.file, place.row, name, `expected a list of strings, found ${describe(value)}`);
  }
  return value as string[];
}

/** A nested object field. */
export function objectField(row: Record<string, unknown>, name: string, place: RowPlace): Record<string, unknown> {
  const value = row[name];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DatasetFormatError(place.file, place.row, name, `expected an object, found ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}
