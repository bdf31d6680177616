import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CsvSplitter } from './csv.js';

function split(chunks: readonly string[]): { cells: string[]; line: number }[] {
  const out: { cells: string[]; line: number }[] = [];
  const splitter = new CsvSplitter((cells, line) => out.push({ cells: [...cells], line }));
  for (const chunk of chunks) splitter.write(chunk);
  splitter.end();
  return out;
}

describe('CsvSplitter', () => {
  it.each([
    [
      'a,b\n1,2\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'a,b\r\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'a,"b,c"\n"x ""y""",\n',
      [
        ['a', 'b,c'],
        ['x "y"', ''],
      ],
    ],
    ['a\n\n\nb\n', [['a'], ['b']]],
    [
      '"multi\nline",x\ny,z\n',
      [
        ['multi\nline', 'x'],
        ['y', 'z'],
      ],
    ],
    ['""\n', [['']]],
    [
      'a,b,c\n1,2\n',
      [
        ['a', 'b', 'c'],
        ['1', '2'],
      ],
    ],
  ])('%j', (text, rows) => {
    expect(split([text]).map((r) => r.cells)).toEqual(rows);
  });

  it('gives the line each record starts on', () => {
    expect(split(['h\n"a\nb"\nc\n\nd\n']).map((r) => r.line)).toEqual([1, 2, 4, 6]);
  });

  it('copies only the selected columns', () => {
    const out: string[][] = [];
    const splitter = new CsvSplitter((cells) => out.push([...cells]));
    splitter.select([false, true]);
    splitter.write('a,"b,1",c\n');
    splitter.end();
    expect(out).toEqual([['', 'b,1', '']]);
  });

  it('keeps doubled quotes of raw columns', () => {
    const out: string[][] = [];
    const splitter = new CsvSplitter((cells) => out.push([...cells]));
    splitter.select([true, true], [false, true]);
    splitter.write('"a""b","{""k"": 1}"\n');
    splitter.end();
    expect(out).toEqual([['a"b', '{""k"": 1}']]);
  });

  const cell = fc.oneof(
    fc.stringMatching(/^[a-z0-9 .-]{0,6}$/),
    fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r\n', ' ', 'é') }),
  );
  const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 12 });

  it('agrees with papaparse, whatever the chunking', () => {
    fc.assert(
      fc.property(table, fc.array(fc.nat(), { maxLength: 6 }), (rows, cuts) => {
        const text = Papa.unparse(rows, { quotes: false, newline: '\n' }) + '\n';
        const expected = Papa.parse<string[]>(text, { skipEmptyLines: true, newline: '\n' }).data;
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const chunks = [...points, text.length].map((end, i) => text.slice(i === 0 ? 0 : points[i - 1], end));
        const got = split(chunks).map((r) => r.cells);
        expect(got).toEqual(expected.filter((r) => !(r.length === 1 && r[0] === '')));
      }),
    );
  });
});
