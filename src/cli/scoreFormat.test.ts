import { describe, expect, it } from 'vitest';
import { dumpsPyIndented, dumpsPyLine, formatPyFloat } from './scoreFormat';
import { lineAndColumn, parseJson } from './scoreJson';

describe('formatPyFloat', () => {
  // Expected texts are Python 3's repr of the same doubles.
  const cases: [number, string][] = [
    [100, '100.0'],
    [0, '0.0'],
    [-0, '-0.0'],
    [0.1, '0.1'],
    [-2.5, '-2.5'],
    [28.571428571428577, '28.571428571428577'],
    [66.66666666666667, '66.66666666666667'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1.5e-5, '1.5e-05'],
    [1e15, '1000000000000000.0'],
    [1e16, '1e+16'],
    [123456789012345680, '1.2345678901234568e+17'],
    [5e-324, '5e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [Number.NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [-Infinity, '-Infinity'],
  ];
  for (const [value, text] of cases) {
    it(`writes ${text}`, () => {
      expect(formatPyFloat(value)).toBe(text);
    });
  }
});

describe('Python json.dumps layouts', () => {
  it('writes one line with spaced separators', () => {
    expect(dumpsPyLine([['name', '"BLEU"'], ['score', '38.7']])).toBe('{"name": "BLEU", "score": 38.7}');
  });

  it('writes indent=2 without trailing commas', () => {
    expect(dumpsPyIndented([['exact', '100.0'], ['total', '1']])).toBe('{\n  "exact": 100.0,\n  "total": 1\n}');
  });

  it('writes an empty object', () => {
    expect(dumpsPyIndented([])).toBe('{}');
  });
});

describe('parseJson', () => {
  it('keeps top-level keys in file order', () => {
    const parsed = parseJson('{"2": 1, "1": 2.0, "x": {"b": [1, "s"]}, "2": 3}');
    expect(parsed.members).toEqual([
      { key: '2', source: '1' },
      { key: '1', source: '2.0' },
      { key: 'x', source: '{"b": [1, "s"]}' },
      { key: '2', source: '3' },
    ]);
    expect(parsed.value).toEqual({ '1': 2, '2': 3, x: { b: [1, 's'] } });
  });

  it('has no members for an array', () => {
    expect(parseJson('[1, {"a": 2}]').members).toBeNull();
  });

  it('reads escapes in keys', () => {
    expect(parseJson('{"a\\"b\\u00e9": true}').members).toEqual([{ key: 'a"bé', source: 'true' }]);
  });

  const errors: [string, string, number][] = [
    ['{"a": 1,}', 'expected a double-quoted key', 8],
    ['{"a" 1}', "expected ':' after the key", 5],
    ['[1 2]', "expected ',' or ']' after an array element", 3],
    ['{"a": 1 "b": 2}', "expected ',' or '}' after an object member", 8],
    ['{"a": 01}', 'invalid number', 7],
    ['{"a": 1.}', 'invalid number', 7],
    ['{"a": -}', 'invalid number', 6],
    ['{"a": NaN}', 'NaN and Infinity are not valid JSON: write a number', 6],
    ['{"a": "x\ty"}', 'unescaped control character in a string', 8],
    ['{"a": "\\x"}', 'invalid escape in a string', 7],
    ['{"a": "\\u12g4"}', 'invalid \\u escape in a string', 7],
    ['{"a": tru}', 'expected a value', 6],
    ['{} []', 'unexpected text after the JSON value', 3],
    ['{"a": [1, 2', 'unexpected end of file', 11],
    ['{"a": "abc', 'unexpected end of file', 10],
    ['', 'unexpected end of file', 0],
  ];
  for (const [text, message, offset] of errors) {
    it(`reports ${message} in ${JSON.stringify(text)}`, () => {
      expect(() => parseJson(text)).toThrow(message);
      try {
        parseJson(text);
      } catch (error) {
        expect((error as { offset?: number }).offset).toBe(offset);
      }
    });
  }

  it('counts lines and code-point columns', () => {
    expect(lineAndColumn('{\n  "😀": x', 10)).toEqual({ line: 2, column: 8 });
    expect(lineAndColumn('abc', 0)).toEqual({ line: 1, column: 1 });
  });
});
