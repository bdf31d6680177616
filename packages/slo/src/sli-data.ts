import { duplicateJsonKey, duplicateKeyIssue, parseTimestamp as parseInstant, type TimestampOptions } from '@pt/input';
import Papa from 'papaparse';

/**
 * SLI samples: at each timestamp (epoch ms, strictly increasing), the good and total event
 * counts observed in the interval that starts there. Columnar typed arrays, so that windowed
 * sums over months of per-minute data stay cheap.
 */
export interface SliSeries {
  readonly timestamps: Float64Array;
  readonly good: Float64Array;
  readonly total: Float64Array;
}

/** A problem in an SLI data file: line (1-based, CSV) or record index (JSON), and field. */
export interface SliDataIssue {
  readonly code: 'E_SLI_DATA';
  readonly file: string;
  readonly line?: number;
  readonly path: string;
  readonly message: string;
}

export type SliDataResult =
  { readonly ok: true; readonly series: SliSeries } | { readonly ok: false; readonly issues: readonly SliDataIssue[] };

export interface ParseSliOptions {
  /** Name used in messages. Default `<input>`. */
  readonly filename?: string;
  /** `auto` (default): JSON for `.json` names or text starting with `[`/`{`, else CSV. */
  readonly format?: 'csv' | 'json' | 'auto';
}

/** `file:line path: message`. */
export function formatSliDataIssue(issue: SliDataIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
  return `${where}${issue.path === '' ? '' : ` ${issue.path}`}: ${issue.message}`;
}

/** Issues past this many are dropped (the count is reported). */
const MAX_ISSUES = 100;

/**
 * The timestamps SLI data and `pt slo --at` accept: ISO 8601 with a zone, to the millisecond, read
 * as `Date.parse` reads them (a day up to 31 rolls into the next month, 24:00 is the next
 * midnight), or epoch seconds.
 */
const SLI_TIMESTAMPS: TimestampOptions = { forms: ['iso', 'epoch-seconds'], maxFractionDigits: 3, overflow: 'roll' };

/** ISO 8601 with a zone (`2026-01-01T00:00:00Z`) or epoch seconds (an integer) → epoch ms. */
export function parseTimestamp(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value * 1000 : null;
  if (typeof value !== 'string') return null;
  return parseInstant(value.trim(), SLI_TIMESTAMPS);
}

interface Row {
  readonly at: { line?: number; path: string };
  readonly timestamp: unknown;
  readonly good?: unknown;
  readonly bad?: unknown;
  readonly total: unknown;
}

function count(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : null;
}

function build(rows: readonly Row[], file: string, mode: 'good' | 'bad'): SliDataResult {
  const issues: SliDataIssue[] = [];
  let dropped = 0;
  const add = (at: Row['at'], field: string, message: string) => {
    if (issues.length >= MAX_ISSUES) {
      dropped++;
      return;
    }
    const path = at.path === '' ? field : `${at.path}.${field}`;
    issues.push({ code: 'E_SLI_DATA', file, ...(at.line === undefined ? {} : { line: at.line }), path, message });
  };
  const n = rows.length;
  const timestamps = new Float64Array(n);
  const good = new Float64Array(n);
  const total = new Float64Array(n);
  let previous = Number.NEGATIVE_INFINITY;
  rows.forEach((row, i) => {
    const t = parseTimestamp(row.timestamp);
    if (t === null) add(row.at, 'timestamp', 'must be ISO 8601 with a zone (2026-01-01T00:00:00Z) or epoch seconds');
    else if (t <= previous)
      add(row.at, 'timestamp', 'must be later than the previous row (rows sorted, no duplicates)');
    if (t !== null) previous = Math.max(previous, t);
    const tot = count(row.total);
    const part = count(mode === 'good' ? row.good : row.bad);
    if (tot === null) add(row.at, 'total', 'must be a finite number >= 0');
    if (part === null) add(row.at, mode, 'must be a finite number >= 0');
    if (tot !== null && part !== null && part > tot) add(row.at, mode, `must be <= total (${tot}), got ${part}`);
    timestamps[i] = t ?? 0;
    total[i] = tot ?? 0;
    good[i] = mode === 'good' ? (part ?? 0) : (tot ?? 0) - (part ?? 0);
  });
  if (issues.length > 0) {
    if (dropped > 0) issues.push({ code: 'E_SLI_DATA', file, path: '', message: `… and ${dropped} more problems` });
    return { ok: false, issues };
  }
  return { ok: true, series: { timestamps, good, total } };
}

function parseCsv(text: string, file: string): SliDataResult {
  const fail = (line: number | undefined, message: string): SliDataResult => ({
    ok: false,
    issues: [{ code: 'E_SLI_DATA', file, ...(line === undefined ? {} : { line }), path: '', message }],
  });
  if (text.trim() === '')
    return fail(undefined, 'the file is empty; expected the header "timestamp,good,total" or "timestamp,bad,total"');
  // The delimiter is fixed: guessing it fails on a one-column file with a message about guessing.
  // Blank lines are skipped here, not by the parser, so that every row keeps its line number.
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimiter: ',' });
  const firstError = parsed.errors[0];
  if (firstError !== undefined) return fail((firstError.row ?? 0) + 1, `CSV syntax error: ${firstError.message}`);
  const records = parsed.data
    .map((cells, i) => ({ cells, line: i + 1 }))
    .filter(({ cells }) => !(cells.length === 1 && (cells[0] ?? '').trim() === ''));
  const [header, ...body] = records;
  const columns = header?.cells.map((h) => h.trim());
  const mode = columns?.[1] === 'bad' ? 'bad' : 'good';
  if (
    columns?.length !== 3 ||
    columns[0] !== 'timestamp' ||
    columns[2] !== 'total' ||
    !['good', 'bad'].includes(columns[1] ?? '')
  ) {
    return fail(header?.line ?? 1, 'the header must be "timestamp,good,total" or "timestamp,bad,total"');
  }
  const wrongWidth = body.find(({ cells }) => cells.length !== 3);
  if (wrongWidth !== undefined) return fail(wrongWidth.line, `expected 3 fields, got ${wrongWidth.cells.length}`);
  const rows: Row[] = body.map(({ cells, line }) => ({
    at: { line, path: '' },
    timestamp: cells[0],
    [mode]: cells[1],
    total: cells[2],
  }));
  return build(rows, file, mode);
}

function parseJson(text: string, file: string): SliDataResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // V8 names the offset of the error ("… in JSON at position 18"), unless the text just ended.
    const detail = error instanceof Error ? error.message : String(error);
    const offset = /at position (\d+)/.exec(detail)?.[1];
    const line = offset === undefined ? undefined : text.slice(0, Number(offset)).split('\n').length;
    const message = `not valid JSON (${detail.replace(/ \(line \d+ column \d+\)$/, '')})`;
    return {
      ok: false,
      issues: [{ code: 'E_SLI_DATA', file, ...(line === undefined ? {} : { line }), path: '', message }],
    };
  }
  const duplicate = duplicateJsonKey(text);
  if (duplicate !== undefined) {
    const issue = duplicateKeyIssue(file, text, duplicate);
    return {
      ok: false,
      issues: [
        {
          code: 'E_SLI_DATA',
          file,
          ...(issue.line === undefined ? {} : { line: issue.line }),
          path: '',
          message: issue.message,
        },
      ],
    };
  }
  if (!Array.isArray(value)) {
    return {
      ok: false,
      issues: [{ code: 'E_SLI_DATA', file, path: '', message: 'must be a list of {timestamp, good|bad, total}' }],
    };
  }
  const first: unknown = value[0];
  const mode = first !== null && typeof first === 'object' && 'bad' in first ? 'bad' : 'good';
  const rows: Row[] = [];
  const issues: SliDataIssue[] = [];
  value.forEach((item: unknown, i) => {
    const path = `[${i}]`;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      issues.push({ code: 'E_SLI_DATA', file, path, message: 'must be an object {timestamp, good|bad, total}' });
      return;
    }
    const record = item as Record<string, unknown>;
    const unknown = Object.keys(record).filter((k) => !['timestamp', mode, 'total'].includes(k));
    for (const k of unknown) issues.push({ code: 'E_SLI_DATA', file, path: `${path}.${k}`, message: 'unknown key' });
    rows.push({ at: { path }, timestamp: record['timestamp'], [mode]: record[mode], total: record['total'] });
  });
  if (issues.length > 0) return { ok: false, issues: issues.slice(0, MAX_ISSUES) };
  return build(rows, file, mode);
}

/**
 * Parses SLI data: CSV with the header `timestamp,good,total` (or `timestamp,bad,total`), or a
 * JSON list of `{ "timestamp", "good"|"bad", "total" }`. Timestamps are ISO 8601 with a zone or
 * epoch seconds, strictly increasing; counts are finite and >= 0, good/bad <= total.
 */
export function parseSliData(text: string, options: ParseSliOptions = {}): SliDataResult {
  const file = options.filename ?? '<input>';
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let format = options.format ?? 'auto';
  if (format === 'auto') {
    const first = /\S/.exec(source)?.[0];
    format = file.toLowerCase().endsWith('.json') || first === '[' || first === '{' ? 'json' : 'csv';
  }
  return format === 'json' ? parseJson(source, file) : parseCsv(source, file);
}

/** Builds a series from plain arrays (sorted timestamps in epoch ms); no validation. */
export function sliSeries(timestamps: readonly number[], good: readonly number[], total: readonly number[]): SliSeries {
  return { timestamps: Float64Array.from(timestamps), good: Float64Array.from(good), total: Float64Array.from(total) };
}
