/**
 * A JSON reader for the `score` command's input files. It reports the offset of the first syntax
 * error, which V8's JSON.parse does not always give. It also lists the members of a top-level
 * object in file order with each value's source text, because Python's json module keeps that order.
 */

/** A syntax error at `offset`, counted in UTF-16 code units from the start of the text. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

/** One member of the top-level object: its key and the source text of its value. */
export interface JsonMember {
  key: string;
  source: string;
}

/** A parsed document. `members` lists the top-level object's members, or is null for any other value. */
export interface ParsedJson {
  value: unknown;
  members: JsonMember[] | null;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

/** A recursive-descent syntax check of RFC 8259 JSON. */
class Scanner {
  index = 0;
  readonly members: JsonMember[] = [];

  constructor(private readonly text: string) {}

  fail(message: string, at = this.index): never {
    throw new JsonSyntaxError(this.text.length <= at ? 'unexpected end of file' : message, at);
  }

  skipWhitespace(): void {
    while (WHITESPACE.has(this.text.charAt(this.index))) this.index++;
  }

  document(): void {
    this.skipWhitespace();
    this.value(true);
    this.skipWhitespace();
    if (this.index < this.text.length) this.fail('unexpected text after the JSON value');
  }

  value(topLevel = false): void {
    const char = this.text.charAt(this.index);
    if (char === '{') this.object(topLevel);
    else if (char === '[') this.array();
    else if (char === '"') this.string();
    else if (char === '-' || (char >= '0' && char <= '9')) this.number();
    else if (this.text.startsWith('true', this.index)) this.index += 4;
    else if (this.text.startsWith('false', this.index)) this.index += 5;
    else if (this.text.startsWith('null', this.index)) this.index += 4;
    else if (/^(?:NaN|Infinity)/.test(this.text.slice(this.index, this.index + 8))) {
      this.fail('NaN and Infinity are not valid JSON: write a number');
    } else this.fail('expected a value');
  }

  object(topLevel: boolean): void {
    this.index++;
    this.skipWhitespace();
    if (this.text.charAt(this.index) === '}') {
      this.index++;
      return;
    }
    for (;;) {
      if (this.text.charAt(this.index) !== '"') this.fail('expected a double-quoted key');
      const keyStart = this.index;
      this.string();
      const key = JSON.parse(this.text.slice(keyStart, this.index)) as string;
      this.skipWhitespace();
      if (this.text.charAt(this.index) !== ':') this.fail("expected ':' after the key");
      this.index++;
      this.skipWhitespace();
      const valueStart = this.index;
      this.value();
      if (topLevel) this.members.push({ key, source: this.text.slice(valueStart, this.index) });
      this.skipWhitespace();
      const next = this.text.charAt(this.index);
      this.index++;
      if (next === '}') return;
      if (next !== ',') this.fail("expected ',' or '}' after an object member", this.index - 1);
      this.skipWhitespace();
    }
  }

  array(): void {
    this.index++;
    this.skipWhitespace();
    if (this.text.charAt(this.index) === ']') {
      this.index++;
      return;
    }
    for (;;) {
      this.value();
      this.skipWhitespace();
      const next = this.text.charAt(this.index);
      this.index++;
      if (next === ']') return;
      if (next !== ',') this.fail("expected ',' or ']' after an array element", this.index - 1);
      this.skipWhitespace();
    }
  }

  string(): void {
    this.index++;
    for (;;) {
      const char = this.text.charAt(this.index);
      if (char === '') this.fail('unexpected end of file');
      if (char === '"') {
        this.index++;
        return;
      }
      if (char < ' ') this.fail('unescaped control character in a string');
      if (char === '\\') {
        const escape = this.text.charAt(this.index + 1);
        if (escape === 'u') {
          HEX4.lastIndex = this.index + 2;
          if (!HEX4.test(this.text)) this.fail('invalid \\u escape in a string');
          this.index += 6;
        } else if (ESCAPES.has(escape)) {
          this.index += 2;
        } else {
          this.fail('invalid escape in a string');
        }
      } else {
        this.index++;
      }
    }
  }

  number(): void {
    NUMBER.lastIndex = this.index;
    const match = NUMBER.exec(this.text);
    if (match === null) this.fail('invalid number');
    const end = this.index + match[0].length;
    // "01", "1." and "1e" match a shorter number; the rest must not continue it.
    if (/[0-9.eE+-]/.test(this.text.charAt(end))) this.fail('invalid number', end);
    this.index = end;
  }
}

/**
 * Parses `text` as one JSON document. Throws a JsonSyntaxError with the offset of the first error,
 * including for NaN and Infinity, which Python's json module reads but JSON does not allow.
 */
export function parseJson(text: string): ParsedJson {
  const scanner = new Scanner(text);
  scanner.document();
  const value: unknown = JSON.parse(text);
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  return { value, members: isObject ? scanner.members : null };
}

/** Converts a UTF-16 offset into a 1-based line and a 1-based column counted in code points. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.split('\n').length;
  return { line, column: Array.from(before.slice(lineStart)).length + 1 };
}
