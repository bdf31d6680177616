import { describe, expect, it } from 'vitest';
import { formatSliDataIssue, parseSliData, parseTimestamp } from './sli-data.js';

describe('parseSliData', () => {
  it('reads CSV timestamp,good,total', () => {
    const r = parseSliData('timestamp,good,total\n2026-01-01T00:00:00Z,99,100\n2026-01-01T00:01:00Z,100,100\n', {
      filename: 'a.csv',
    });
    if (!r.ok) throw new Error(r.issues.map(formatSliDataIssue).join('\n'));
    expect([...r.series.timestamps]).toEqual([Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 1, 0, 1)]);
    expect([...r.series.good]).toEqual([99, 100]);
    expect([...r.series.total]).toEqual([100, 100]);
  });

  it('reads CSV timestamp,bad,total with epoch seconds, and JSON of either form', () => {
    const csv = parseSliData('timestamp,bad,total\n1767225600,1,100\n');
    expect(csv.ok && [...csv.series.good]).toEqual([99]);
    const json = parseSliData('[{"timestamp":"2026-01-01T01:00:00+01:00","bad":2,"total":10}]', { filename: 'a.json' });
    expect(json.ok && [...json.series.timestamps]).toEqual([Date.UTC(2026, 0, 1)]);
    expect(json.ok && [...json.series.good]).toEqual([8]);
  });

  it.each([
    ['time,good,total\n', 'a.csv:1: the header must be "timestamp,good,total" or "timestamp,bad,total"'],
    [
      'timestamp,good,total\n2026-01-01,1,2\n',
      'a.csv:2 timestamp: must be ISO 8601 with a zone (2026-01-01T00:00:00Z) or epoch seconds',
    ],
    [
      'timestamp,good,total\n60,1,2\n0,1,2\n',
      'a.csv:3 timestamp: must be later than the previous row (rows sorted, no duplicates)',
    ],
    ['timestamp,good,total\n60,3,2\n', 'a.csv:2 good: must be <= total (2), got 3'],
    ['timestamp,good,total\n60,-1,2\n', 'a.csv:2 good: must be a finite number >= 0'],
    ['timestamp,good,total\n60,NaN,2\n', 'a.csv:2 good: must be a finite number >= 0'],
    ['timestamp,good,total\n60,1,Infinity\n', 'a.csv:2 total: must be a finite number >= 0'],
    ['timestamp,good,total\n60,1\n', 'a.csv:2: expected 3 fields, got 2'],
    ['', 'a.csv: the file is empty; expected the header "timestamp,good,total" or "timestamp,bad,total"'],
    [' \n\n', 'a.csv: the file is empty; expected the header "timestamp,good,total" or "timestamp,bad,total"'],
    // One column: no message about guessing the delimiter.
    ['timestamp\n', 'a.csv:1: the header must be "timestamp,good,total" or "timestamp,bad,total"'],
    ['timestamp,bad,bad\n60,1,2\n', 'a.csv:1: the header must be "timestamp,good,total" or "timestamp,bad,total"'],
    // Blank lines are skipped and still counted: the row is on line 5.
    ['\ntimestamp,good,total\n\n60,1,1\n61,1,x\n', 'a.csv:5 total: must be a finite number >= 0'],
    ['\n\nstamp,good,total\n', 'a.csv:3: the header must be "timestamp,good,total" or "timestamp,bad,total"'],
    ['timestamp,good,total\n\n60,1\n', 'a.csv:3: expected 3 fields, got 2'],
  ])('%j → %s', (text, expected) => {
    const r = parseSliData(text, { filename: 'a.csv' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatSliDataIssue(r.issues[0]!)).toBe(expected);
  });

  it.each([
    ['{}', 'a.json: must be a list of {timestamp, good|bad, total}'],
    ['[1]', 'a.json [0]: must be an object {timestamp, good|bad, total}'],
    ['[{"timestamp":60,"good":1,"total":1,"__proto__":1}]', 'a.json [0].__proto__: unknown key'],
    ['[{"timestamp":60,"good":"x","total":1}]', 'a.json [0].good: must be a finite number >= 0'],
    ['[', 'a.json: not valid JSON (Unexpected end of JSON input)'],
    [
      '[\n  {"timestamp": 60, "good": 1, "total": 1},\n  {"timestamp": 61, "good": 1 "total": 1}\n]',
      /^a\.json:3: not valid JSON \(/,
    ],
  ])('JSON %j → %s', (text, expected) => {
    const r = parseSliData(text, { filename: 'a.json' });
    expect(r.ok).toBe(false);
    const first = r.ok ? '' : formatSliDataIssue(r.issues[0]!);
    if (typeof expected === 'string') expect(first).toBe(expected);
    else expect(first).toMatch(expected);
  });

  it.each([
    ['2026-01-01T00:00:00Z', Date.UTC(2026, 0, 1)],
    ['2026-01-01T00:00:00.5Z', Date.UTC(2026, 0, 1) + 500],
    ['2026-01-01T00:00', null],
    [60, 60_000],
    ['60', 60_000],
    [1.5, null],
    [-1, null],
  ])('parseTimestamp(%j) = %s', (input, expected) => {
    expect(parseTimestamp(input)).toBe(expected);
  });
});
