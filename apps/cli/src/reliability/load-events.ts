import { stringOption, type OptionSpec, type ParsedArgs } from '../command.js';
import { CliError } from '../errors.js';
import { readInput } from '../files.js';
import { note, write, type Io } from '../stdio.js';
import { MAX_PRINTED_ISSUES } from '../fleet/load-fleet.js';
import { at, maxInputBytes, readAt } from '../options.js';

import type * as ToolkitModule from '@pt/toolkit';
import type { DeliveryEvent, EventFormat, TimeWindow } from '@pt/toolkit';

type Toolkit = typeof ToolkitModule;

/** The default window: the last 30 days. */
export const DEFAULT_WINDOW = '30d';

/** Options that place the window the events are measured over. */
export const WINDOW_OPTIONS = {
  window: {
    type: 'string',
    streamable: false,
    value: '<duration>',
    description: `Window length: a number and m, h, d or w, e.g. 30d, 12w (default: ${DEFAULT_WINDOW})`,
  },
  at: at('window-end'),
} as const satisfies Record<string, OptionSpec>;

/** The window from `--window` and `--at`; the clock is read here, never in the libraries. */
export function windowFrom(lib: Toolkit, values: ParsedArgs['values'], now: () => number = Date.now): TimeWindow {
  const windowText = stringOption(values, 'window') ?? DEFAULT_WINDOW;
  const duration = lib.parseDuration(windowText);
  if (duration === null) {
    throw new CliError('E_USAGE', `--window must be a number and m, h, d or w (e.g. 30d); got "${windowText}"`);
  }
  const end = readAt(lib, values) ?? now();
  return lib.windowEndingAt(end, duration);
}

/** Periods of a trend (`pt dora --every`). */
export const TREND_EVERY = ['week', 'month'] as const;

/** `pt dora` options that set the window by its ends, and cut it into periods. */
export const RANGE_OPTIONS = {
  from: {
    type: 'string',
    streamable: false,
    value: '<date|time|epoch-s>',
    description: 'Start of the window (instead of --window); with --every, of the first period',
  },
  to: {
    type: 'string',
    streamable: false,
    value: '<date|time|epoch-s>',
    description: 'End of the window (same as --at)',
  },
  every: {
    type: 'string',
    streamable: false,
    value: '<week|month>',
    description: 'A trend: the metrics per week or calendar month from --from (default: the 12 periods before --to)',
    choices: TREND_EVERY,
  },
} as const satisfies Record<string, OptionSpec>;

/** A `--from`/`--to` time, read like `--at`. */
function readTime(lib: Toolkit, values: ParsedArgs['values'], name: string): number | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  const ms = lib.parseEvaluationTime(text);
  if (ms === null) throw new CliError('E_USAGE', `--${name} must be ${lib.EVALUATION_TIME_EXPECTED}; got "${text}"`);
  return ms;
}

/** What `pt dora` measures: one window, or (with `--every`) the periods of a trend. */
export type Range =
  | { readonly kind: 'window'; readonly window: TimeWindow }
  | { readonly kind: 'trend'; readonly every: (typeof TREND_EVERY)[number]; readonly periods: TimeWindow[] };

/**
 * The range from `--window`/`--at` or `--from`/`--to`, and `--every`: the end is `--to` (or
 * `--at`, or now); the start is `--from`, else the end less `--window`, else (a trend) the
 * {@link DEFAULT_TREND_PERIODS} whole periods before the end, else 30 days before it.
 */
export function rangeFrom(lib: Toolkit, values: ParsedArgs['values'], now: () => number = Date.now): Range {
  for (const [a, b] of [
    ['to', 'at'],
    ['from', 'window'],
  ] as const) {
    if (values[a] !== undefined && values[b] !== undefined) {
      throw new CliError('E_USAGE', `give --${a} or --${b}, not both`);
    }
  }
  const every = TREND_EVERY.find((e) => e === stringOption(values, 'every'));
  const from = readTime(lib, values, 'from');
  const to = readTime(lib, values, 'to');
  const end = to ?? readAt(lib, values) ?? now();
  let start = from;
  if (start === undefined && (values['window'] !== undefined || every === undefined)) {
    start = windowFrom(lib, values, () => end).start;
  }
  start ??= lib.periodsStart(end, every ?? 'week', lib.DEFAULT_TREND_PERIODS);
  if (start >= end) {
    throw new CliError('E_USAGE', `--from must be before the end of the window (${lib.formatTimestamp(end)})`);
  }
  if (every === undefined) return { kind: 'window', window: { start, end } };
  return { kind: 'trend', every, periods: lib.trendPeriods(start, end, every) };
}

/** JSON Lines for `.jsonl`/`.ndjson` (and standard input), CSV for `.csv`. */
function formatOf(file: string): EventFormat {
  const lower = file.toLowerCase();
  if (file === '-' || lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  if (lower.endsWith('.csv')) return 'csv';
  throw new CliError('E_USAGE', `cannot tell the format of ${file}: name it .jsonl, .ndjson or .csv`);
}

/** `--events a.jsonl --events b.csv` and `--events a.jsonl,b.csv` both give two files. */
export function eventFiles(list: readonly string[] | undefined): string[] {
  return (list ?? []).flatMap((item) => item.split(',')).filter((f) => f !== '');
}

/**
 * Reads and validates event files. Every problem goes to stderr as `file:line field: message`
 * (ids repeated across files too); then the load fails with `E_INVALID`.
 */
export async function loadEvents(
  lib: Toolkit,
  files: readonly string[],
  values: ParsedArgs['values'],
  io: Io,
): Promise<DeliveryEvent[]> {
  const twice = files.find((file, i) => files.indexOf(file) !== i);
  if (twice !== undefined) throw new CliError('E_USAGE', `${twice} is given more than once`);
  const maxBytes = maxInputBytes(stringOption(values, 'max-input-mb'));
  const formats = files.map(formatOf);
  const events: DeliveryEvent[] = [];
  const problems: string[] = [];
  const firstFile = {
    deployment: new Map<string, string>(),
    change: new Map<string, string>(),
    incident: new Map<string, string>(),
  };
  for (const [i, file] of files.entries()) {
    const filename = file === '-' ? '<stdin>' : file;
    const text = await readInput(file, maxBytes, io);
    const result = lib.parseEvents(text, { filename, format: formats[i] ?? 'jsonl' });
    if (!result.ok) problems.push(...result.issues.map(lib.formatEventIssue));
    for (const event of result.events) {
      const files = firstFile[event.type];
      const seen = files.get(event.id);
      if (seen === undefined) files.set(event.id, filename);
      else if (seen !== filename) {
        problems.push(`${filename}: duplicate ${event.type} id ${JSON.stringify(event.id)} (also in ${seen})`);
      }
      events.push(event);
    }
  }
  if (problems.length === 0) return events;
  const shown = problems.slice(0, MAX_PRINTED_ISSUES);
  const more = problems.length - shown.length;
  await write(
    io.stderr,
    shown.map((p) => `${p}\n`).join('') + (more > 0 ? `… and ${more} more problem${more === 1 ? '' : 's'}\n` : ''),
  );
  const n = problems.length;
  throw new CliError('E_INVALID', `the event input is not valid (${n} problem${n === 1 ? '' : 's'})`);
}

/** Warns on stderr about events no service took: they are reported, never dropped silently. */
export async function warnUnmatched(
  io: Io,
  unmatched: readonly { readonly service: string; readonly events: number }[],
  what: string,
  printable: (text: string) => string,
): Promise<void> {
  if (unmatched.length === 0) return;
  const total = unmatched.reduce((sum, u) => sum + u.events, 0);
  const list = unmatched.slice(0, 10).map((u) => `${printable(u.service)} (${u.events})`);
  const rest = unmatched.length > 10 ? `, … ${unmatched.length - 10} more` : '';
  await note(
    io,
    `pt: warning: ${total} event${total === 1 ? '' : 's'} not counted (${what}): ${list.join(', ')}${rest}\n`,
  );
}
