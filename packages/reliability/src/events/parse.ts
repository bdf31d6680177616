import { duplicateJsonKey, printable } from '@pt/input';
import Papa from 'papaparse';
import type { z } from 'zod';
import { fastEvent } from './fast.js';
import { EventSchema, type DeliveryEvent } from './schema.js';

/** Input formats of event files. */
export type EventFormat = 'jsonl' | 'csv';

/** One problem in an event file: `file:line field: message`. */
export interface EventIssue {
  readonly code: 'E_SYNTAX' | 'E_SCHEMA';
  readonly file: string;
  /** 1-based line of the record (CSV: the line the row starts on). */
  readonly line: number;
  /** The field, e.g. `time` or `changes[1]`; empty for the whole record. */
  readonly field: string;
  readonly message: string;
}

export type EventParseResult =
  | { readonly ok: true; readonly events: DeliveryEvent[] }
  | { readonly ok: false; readonly issues: EventIssue[]; readonly events: DeliveryEvent[] };

export interface ParseEventsOptions {
  /** The name used in issues. Default `events`. */
  readonly filename?: string;
  readonly format: EventFormat;
}

/** The columns of a CSV event file; unused ones may be left out or empty. */
export const CSV_COLUMNS = [
  'type',
  'id',
  'service',
  'team',
  'time',
  'status',
  'changes',
  'unplanned',
  'start',
  'resolved',
  'severity',
  'deployment',
] as const;

/** `file:12 time: must be …`. */
export function formatEventIssue(issue: EventIssue): string {
  return `${issue.file}:${issue.line}${issue.field === '' ? '' : ` ${issue.field}`}: ${issue.message}`;
}

function fieldOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (typeof p === 'string') out += out === '' ? p : `.${p}`;
  }
  return out;
}

function shown(value: unknown): string {
  // JSON escapes C0 controls; `printable` the rest (C1, bidi, zero-width), as everywhere else.
  if (typeof value === 'string') return printable(JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value));
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : typeof value;
}

function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.input === undefined && issue.code !== 'unrecognized_keys' && issue.code !== 'custom') return 'is required';
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}, got ${shown(issue.input)}`;
    case 'invalid_value':
      return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${shown(issue.input)}`;
    case 'invalid_union': {
      const input = issue.input as Record<string, unknown> | null | undefined;
      const type = typeof input === 'object' && input !== null ? input['type'] : input;
      return type === undefined ? 'is required' : `must be "deployment", "change" or "incident", got ${shown(type)}`;
    }
    case 'too_small':
      return issue.origin === 'string' ? 'must not be empty' : issue.message;
    case 'too_big':
      return issue.origin === 'string' ? `must be at most ${String(issue.maximum)} characters` : issue.message;
    case 'custom':
      return issue.input === undefined ? issue.message : `${issue.message}, got ${shown(issue.input)}`;
    default:
      return issue.message;
  }
}

/** What parsing collects: valid events with their lines, and issues. */
interface Collected {
  readonly file: string;
  readonly events: DeliveryEvent[];
  readonly lines: number[];
  readonly issues: EventIssue[];
}

function validate(
  raw: unknown,
  line: number,
  acc: Collected,
  fieldName: (path: readonly PropertyKey[]) => string = fieldOf,
): void {
  const fast = fastEvent(raw);
  if (fast !== null) {
    acc.events.push(fast);
    acc.lines.push(line);
    return;
  }
  const { file, issues } = acc;
  const result = EventSchema.safeParse(raw, { reportInput: true });
  if (result.success) {
    acc.events.push(result.data);
    acc.lines.push(line);
    return;
  }
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.push({ code: 'E_SCHEMA', file, line, field: fieldName([...issue.path, key]), message: 'unknown field' });
      }
    } else {
      issues.push({ code: 'E_SCHEMA', file, line, field: fieldName(issue.path), message: messageOf(issue) });
    }
  }
}

function parseJsonLines(text: string, acc: Collected): void {
  const { file, issues } = acc;
  let line = 0;
  let from = 0;
  while (from <= text.length) {
    let to = text.indexOf('\n', from);
    if (to === -1) to = text.length;
    line++;
    const record = text.slice(from, to);
    from = to + 1;
    // JSON.parse skips surrounding whitespace itself; only a blank line needs a look.
    if (record === '' || (record.charCodeAt(0) <= 32 && record.trim() === '')) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(record);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      issues.push({ code: 'E_SYNTAX', file, line, field: '', message: `not valid JSON (${reason})` });
      continue;
    }
    const duplicate = duplicateJsonKey(record);
    if (duplicate !== undefined) {
      const key = printable(duplicate.key.length > 80 ? `${duplicate.key.slice(0, 79)}…` : duplicate.key);
      issues.push({ code: 'E_SYNTAX', file, line, field: '', message: `duplicate key "${key}"` });
      continue;
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      issues.push({ code: 'E_SCHEMA', file, line, field: '', message: `must be an object, got ${shown(raw)}` });
      continue;
    }
    validate(raw, line, acc);
  }
}

const KNOWN_COLUMNS = new Set<string>(CSV_COLUMNS);

/** A CSV row (header → cell) as a raw event: empty cells are absent, `changes` is `;`-separated. */
function rowToRaw(row: Record<string, string>): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [column, cell] of Object.entries(row)) {
    const value = cell.trim();
    if (value === '') continue;
    if (column === 'changes') {
      raw[column] = value
        .split(';')
        .map((c) => c.trim())
        .filter((c) => c !== '');
    } else if (column === 'unplanned') {
      raw[column] = value === 'true' ? true : value === 'false' ? false : value;
    } else {
      raw[column] = value;
    }
  }
  return raw;
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function parseCsv(text: string, acc: Collected): void {
  const { file, issues } = acc;
  let header: string[] | null = null;
  let cursor = 0;
  let line = 1;
  Papa.parse<string[]>(text, {
    delimiter: ',',
    skipEmptyLines: false,
    step: (result) => {
      const rowLine = line;
      const end = result.meta.cursor;
      line += countLines(text, cursor, end);
      cursor = end;
      for (const error of result.errors) {
        issues.push({ code: 'E_SYNTAX', file, line: rowLine, field: '', message: error.message });
      }
      const cells = result.data;
      if (header === null) {
        header = cells.map((c) => c.trim());
        header.forEach((column, i, all) => {
          if (!KNOWN_COLUMNS.has(column)) {
            issues.push({ code: 'E_SCHEMA', file, line: rowLine, field: column, message: 'unknown column' });
          } else if (all.indexOf(column) !== i) {
            // Two cells for one field: neither may silently win.
            issues.push({ code: 'E_SCHEMA', file, line: rowLine, field: column, message: 'duplicate column' });
          }
        });
        if (!header.includes('type')) {
          issues.push({ code: 'E_SCHEMA', file, line: rowLine, field: 'type', message: 'column is required' });
        }
        return;
      }
      if (cells.length === 1 && cells[0]?.trim() === '') return;
      if (cells.length !== header.length) {
        const message = `has ${cells.length} cells, the header has ${header.length}`;
        issues.push({ code: 'E_SCHEMA', file, line: rowLine, field: '', message });
        return;
      }
      const row: Record<string, string> = {};
      header.forEach((column, i) => {
        if (KNOWN_COLUMNS.has(column)) row[column] = cells[i] ?? '';
      });
      // A CSV cell holds the whole list: name the column, not an item of it.
      validate(rowToRaw(row), rowLine, acc, (path) => String(path[0] ?? ''));
    },
  });
}

/** Ids used by two events of the same type (the later one is reported). */
function duplicateIds(events: readonly DeliveryEvent[], lines: readonly number[], file: string): EventIssue[] {
  const seen = { deployment: new Set<string>(), change: new Set<string>(), incident: new Set<string>() };
  const issues: EventIssue[] = [];
  events.forEach((event, i) => {
    const ids = seen[event.type];
    if (ids.has(event.id)) {
      issues.push({
        code: 'E_SCHEMA',
        file,
        line: lines[i] ?? 0,
        field: 'id',
        message: `duplicate ${event.type} id ${JSON.stringify(event.id)}`,
      });
    }
    ids.add(event.id);
  });
  return issues;
}

/**
 * Parses an event file: JSON Lines (one object per line, blank lines skipped) or CSV (a header
 * row naming columns from {@link CSV_COLUMNS}). Every record is validated; every problem is
 * collected with its line and field, never thrown. Ids must be unique per type within a file.
 */
export function parseEvents(text: string, options: ParseEventsOptions): EventParseResult {
  const file = options.filename ?? 'events';
  const acc: Collected = { file, events: [], lines: [], issues: [] };
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (options.format === 'jsonl') parseJsonLines(body, acc);
  else parseCsv(body, acc);
  const issues = [...acc.issues, ...duplicateIds(acc.events, acc.lines, file)].sort((a, b) => a.line - b.line);
  return issues.length === 0 ? { ok: true, events: acc.events } : { ok: false, issues, events: acc.events };
}
