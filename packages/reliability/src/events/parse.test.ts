import { describe, expect, it } from 'vitest';
import { formatEventIssue, parseEvents, type EventParseResult } from './parse.js';

const issuesOf = (r: EventParseResult) => (r.ok ? [] : r.issues.map(formatEventIssue));

describe('parseEvents, JSON Lines', () => {
  it('reads the three event types, skipping blank lines, times with explicit offsets', () => {
    const text = [
      '{"type":"change","id":"c1","service":"api","time":"2026-11-01T10:00:00+02:00"}',
      '',
      '{"type":"deployment","id":"d1","service":"api","time":"2026-11-01T09:30:00Z","status":"success","changes":["c1"]}',
      '{"type":"incident","id":"i1","service":"api","start":"2026-11-02T00:00:00-05:00","resolved":"2026-11-02T06:00:00Z","severity":"sev2","deployment":"d1"}',
    ].join('\n');
    const r = parseEvents(text, { format: 'jsonl', filename: 'e.jsonl' });
    expect(issuesOf(r)).toEqual([]);
    expect(r.events).toEqual([
      { type: 'change', id: 'c1', service: 'api', time: Date.UTC(2026, 10, 1, 8) },
      {
        type: 'deployment',
        id: 'd1',
        service: 'api',
        time: Date.UTC(2026, 10, 1, 9, 30),
        status: 'success',
        changes: ['c1'],
      },
      {
        type: 'incident',
        id: 'i1',
        service: 'api',
        start: Date.UTC(2026, 10, 2, 5),
        resolved: Date.UTC(2026, 10, 2, 6),
        severity: 'sev2',
        deployment: 'd1',
      },
    ]);
  });

  it('accepts CRLF line ends, indented records and blank lines of spaces', () => {
    const text =
      '  {"type":"change","id":"c1","service":"api","time":"2026-11-01T10:00:00Z"}\r\n   \r\n\t{"type":"change","id":"c2","service":"api","time":"2026-11-01T10:00:00Z"}  \r\n';
    const r = parseEvents(text, { format: 'jsonl' });
    expect(issuesOf(r)).toEqual([]);
    expect(r.events.map((e) => e.id)).toEqual(['c1', 'c2']);
  });

  it.each([
    [
      '{"type":"change","id":"c1","service":"api","time":"2026-11-01T10:00:00"}',
      'e:1 time: must be an ISO 8601 time with an offset (e.g. 2026-11-02T10:00:00Z or …+01:00), got "2026-11-01T10:00:00"',
    ],
    [
      '{"type":"change","id":"c1","service":"api","time":"2026-02-30T10:00:00Z"}',
      'e:1 time: must be an ISO 8601 time with an offset (e.g. 2026-11-02T10:00:00Z or …+01:00), got "2026-02-30T10:00:00Z"',
    ],
    ['{"type":"release","id":"c1"}', 'e:1 type: must be "deployment", "change" or "incident", got "release"'],
    ['{"type":"change","id":"c1","service":"api"}', 'e:1 time: is required'],
    ['{"type":"change","id":"c1","service":"api","time":"2026-11-01T10:00:00Z","sha":"x"}', 'e:1 sha: unknown field'],
    [
      '{"type":"deployment","id":"d","service":"a","time":"2026-11-01T10:00:00Z","status":"ok"}',
      'e:1 status: must be "success" or "failed" or "rolled-back", got "ok"',
    ],
    [
      '{"type":"deployment","id":"d","service":"a","time":"2026-11-01T10:00:00Z","status":"success","changes":["c",3]}',
      'e:1 changes[1]: must be a string, got 3',
    ],
    [
      '{"type":"incident","id":"i","service":"a","start":"2026-11-01T10:00:00Z","resolved":"2026-11-01T09:00:00Z","severity":"s"}',
      'e:1 resolved: must not be before start',
    ],
    ['{"type":', 'e:1: not valid JSON'],
    ['[1]', 'e:1: must be an object, got a list'],
  ])('%s → %s', (line, expected) => {
    const issues = issuesOf(parseEvents(line, { format: 'jsonl', filename: 'e' }));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.startsWith(expected)).toBe(true);
  });

  it('locates every problem by line and reports duplicate ids per type', () => {
    const text = [
      '{"type":"change","id":"c1","service":"api","time":"2026-11-01T10:00:00Z"}',
      '{"type":"deployment","id":"c1","service":"api","time":"2026-11-01T10:00:00Z","status":"success"}',
      '{"type":"change","id":"c1","service":"api","time":"2026-11-01T11:00:00Z"}',
      '{"type":"change","id":"c2","service":"","time":"x"}',
    ].join('\n');
    expect(issuesOf(parseEvents(text, { format: 'jsonl', filename: 'e.jsonl' }))).toEqual([
      'e.jsonl:3 id: duplicate change id "c1"',
      'e.jsonl:4 service: must not be empty',
      'e.jsonl:4 time: must be an ISO 8601 time with an offset (e.g. 2026-11-02T10:00:00Z or …+01:00), got "x"',
    ]);
  });
});

describe('parseEvents, CSV', () => {
  it('reads a mixed file: empty cells are absent, changes are ;-separated', () => {
    const text = [
      'type,id,service,time,status,changes,unplanned,start,resolved,severity,deployment',
      'change,c1,api,2026-11-01T10:00:00+01:00,,,,,,,',
      'deployment,d1,api,2026-11-01T12:00:00Z,rolled-back,c1; c2,true,,,,',
      'incident,i1,api,,,,,2026-11-01T12:05:00Z,,sev1,d1',
    ].join('\r\n');
    const r = parseEvents(text, { format: 'csv', filename: 'e.csv' });
    expect(issuesOf(r)).toEqual([]);
    expect(r.events).toEqual([
      { type: 'change', id: 'c1', service: 'api', time: Date.UTC(2026, 10, 1, 9) },
      {
        type: 'deployment',
        id: 'd1',
        service: 'api',
        time: Date.UTC(2026, 10, 1, 12),
        status: 'rolled-back',
        changes: ['c1', 'c2'],
        unplanned: true,
      },
      {
        type: 'incident',
        id: 'i1',
        service: 'api',
        start: Date.UTC(2026, 10, 1, 12, 5),
        severity: 'sev1',
        deployment: 'd1',
      },
    ]);
  });

  it('locates problems by the line a row starts on, even after a quoted multi-line cell', () => {
    const text = [
      'type,id,service,time,severity,start,colour',
      'change,"c\n1",api,2026-11-01T10:00:00Z,,,',
      'incident,i1,api,,sev1,yesterday,',
      'deployment,d1,api,2026-11-01T10:00:00Z,,,,extra',
    ].join('\n');
    expect(issuesOf(parseEvents(text, { format: 'csv', filename: 'e.csv' }))).toEqual([
      'e.csv:1 colour: unknown column',
      'e.csv:4 start: must be an ISO 8601 time with an offset (e.g. 2026-11-02T10:00:00Z or …+01:00), got "yesterday"',
      'e.csv:5: has 8 cells, the header has 7',
    ]);
  });

  it('requires a type column and validates flags', () => {
    expect(issuesOf(parseEvents('id,service\nx,y\n', { format: 'csv', filename: 'e.csv' }))[0]).toBe(
      'e.csv:1 type: column is required',
    );
    const bad = 'type,id,service,time,status,unplanned\ndeployment,d,a,2026-11-01T10:00:00Z,success,yes\n';
    expect(issuesOf(parseEvents(bad, { format: 'csv', filename: 'e.csv' }))).toEqual([
      'e.csv:2 unplanned: must be a boolean, got "yes"',
    ]);
  });

  it('refuses a column named twice: neither cell may silently win', () => {
    const text = 'type,id,id,service,time,status\ndeployment,d1,d2,a,2026-11-01T10:00:00Z,success\n';
    const r = parseEvents(text, { format: 'csv', filename: 'e.csv' });
    expect(r.ok).toBe(false);
    expect(issuesOf(r)).toEqual(['e.csv:1 id: duplicate column']);
  });
});
