import { existsSync } from 'node:fs';
import { stringOption, type ParsedArgs } from '../command.js';
import { CliError } from '../errors.js';
import { readAt } from '../options.js';
import { VERSION } from '../version.js';

import type * as ToolkitModule from '@pt/toolkit';
import type { Report, ServicePoint, ServiceTrend } from '@pt/toolkit';
import type { HistoryStore, OpenOptions } from './store.js';

type Toolkit = typeof ToolkitModule;

/** `--history` (default `pt-history.duckdb`). */
export function historyFile(values: ParsedArgs['values']): string {
  return stringOption(values, 'history') ?? 'pt-history.duckdb';
}

/** `--lock-timeout` in seconds (default 30). */
export function lockTimeout(values: ParsedArgs['values']): number {
  const text = stringOption(values, 'lock-timeout');
  if (text === undefined) return 30;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new CliError('E_USAGE', `--lock-timeout must be a number of seconds (0 or more); got "${text}"`);
  }
  return n;
}

/** Opens the history the options name (the store module and DuckDB are loaded only here). */
export async function openHistory(values: ParsedArgs['values'], mode: OpenOptions['mode']): Promise<HistoryStore> {
  const { HistoryStore } = await import('./store.js');
  return HistoryStore.open(historyFile(values), { mode, lockTimeoutS: lockTimeout(values) });
}

/** `--since <duration>` as epoch ms counted back from `--at` (or now); `fallback` when not given. */
export function sinceTime(lib: Toolkit, values: ParsedArgs['values'], now: number, fallback: string): number {
  const text = stringOption(values, 'since') ?? fallback;
  const ms = lib.sinceMs(text);
  if (ms === null) throw new CliError('E_USAGE', `--since must be a duration such as 7d, 12w or 1Y; got "${text}"`);
  return (readAt(lib, values) ?? now) - ms;
}

/** The inputs a run was given, as stored: every option, sorted, without the history's own. */
function inputsText(values: ParsedArgs['values']): string {
  const skip = new Set(['record', 'history', 'lock-timeout', 'out']);
  const entries = Object.entries(values)
    .filter(([k, v]) => v !== undefined && !skip.has(k))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify(Object.fromEntries(entries));
}

/**
 * The recording of `pt report --record`: called with the complete report, it writes it in one
 * transaction and returns the run id.
 */
export async function recordReport(
  lib: Toolkit,
  report: Report,
  values: ParsedArgs['values'],
  fleetSource: string,
  now: number,
): Promise<{ id: number; file: string }> {
  const evaluatedAt = readAt(lib, values) ?? now;
  const record = lib.historyRecord(report, {
    evaluatedAt,
    recordedAt: now,
    fleetSource,
    ptVersion: VERSION,
    inputs: inputsText(values),
  });
  const store = await openHistory(values, 'write');
  try {
    return { id: await store.record(record, stringOption(values, 'team')), file: store.file };
  } finally {
    store.close();
  }
}

/**
 * Each service's trend for the HTML report: its recorded runs (all of them) followed by this
 * report, evaluated at `--at` or now.
 */
export async function reportTrends(
  lib: Toolkit,
  report: Report,
  values: ParsedArgs['values'],
  now: number,
): Promise<Map<string, ServiceTrend>> {
  let points: ServicePoint[] = [];
  if (existsSync(historyFile(values))) {
    const store = await openHistory(values, 'read');
    try {
      points = await store.points({ since: -8_640_000_000_000_000, reasons: false });
    } finally {
      store.close();
    }
  }
  const names = new Set(report.services.map((s) => s.name));
  const evaluatedAt = readAt(lib, values) ?? now;
  const current = report.services.map((s) => ({ ...lib.serviceRow(s), runId: Number.MAX_SAFE_INTEGER, evaluatedAt }));
  return lib.serviceTrends([...points.filter((p) => names.has(p.name)), ...current]);
}
