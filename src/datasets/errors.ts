/** A data file that does not have the expected shape. The message names the file, the row and the field. */
export class DatasetFormatError extends Error {
  readonly code = 'dataset-format';
  constructor(
    readonly file: string,
    /** 1-based row: a CSV file's data row after any header, a JSONL line or a JSON array entry. Null when the whole file is wrong. */
    readonly row: number | null,
    readonly field: string | null,
    problem: string,
  ) {
    const where = [row === null ? null : `row ${row}`, field === null ? null : `field "${field}"`]
      .filter((part) => part !== null)
      .join(', ');
    super(`${file}${where ? ` (${where})` : ''}: ${problem}`);
    this.name = 'DatasetFormatError';
  }
}
