import { describe, expect, it } from 'vitest';
import { lineColumns, locateInJson, locateInYaml, offsetOf } from './locate.js';

describe('lineColumns', () => {
  const text = 'ab\ncd\n\nefg';
  it.each([
    [0, 1, 1],
    [1, 1, 2],
    [2, 1, 3],
    [3, 2, 1],
    [6, 3, 1],
    [7, 4, 1],
    [9, 4, 3],
    [10, 4, 4],
  ])('offset %i is line %i, column %i', (offset, line, column) => {
    expect(lineColumns(text, [offset]).get(offset)).toEqual({ line, column });
  });

  it('maps many offsets in one pass, in any order, on a single long line too', () => {
    const long = 'x'.repeat(200_000);
    const offsets = Array.from({ length: 20_000 }, (_, i) => (i * 7919) % long.length);
    const found = lineColumns(long, offsets);
    expect(found.size).toBe(new Set(offsets).size);
    for (const offset of offsets) expect(found.get(offset)).toEqual({ line: 1, column: offset + 1 });
  });
});

describe('locating paths', () => {
  const yaml = 'a: 1\nlist:\n  - x: 2\n    y: [3, 4]\n  - *ref\n';
  const json = '{\n  "a": 1,\n  "list": [\n    { "x": 2, "y": [3, 4] }\n  ]\n}\n';

  it.each([
    [['a'], 1],
    [['list', 0, 'x'], 3],
    [['list', 0, 'y', 1], 4],
    [['list', 0, 'nope'], 3],
  ] as const)('YAML %j is on line %i (a missing key falls back to its parent)', (path, line) => {
    const text = yaml.replace('  - *ref\n', '');
    const offsets = locateInYaml(text, [path]);
    const offset = offsetOf(offsets, path);
    expect(offset).toBeDefined();
    expect(lineColumns(text, [offset ?? 0]).get(offset ?? 0)?.line).toBe(line);
  });

  it.each([
    [['a'], 2],
    [['list'], 3],
    [['list', 0], 4],
    [['list', 0, 'y', 1], 4],
    [['list', 5], 3],
  ] as const)('JSON %j is on line %i', (path, line) => {
    const offsets = locateInJson(json, [path]);
    const offset = offsetOf(offsets, path);
    expect(offset).toBeDefined();
    expect(lineColumns(json, [offset ?? 0]).get(offset ?? 0)?.line).toBe(line);
  });
});
