import type { OptionSpec } from './command.js';
import { CliError } from './errors.js';
import { DEFAULT_MAX_INPUT_MB } from './files.js';

/**
 * The options more than one command takes, declared once here and reused by every command
 * (a command spreads them into its `options`). Each declares `streamable`: whether the streamed
 * `pt report` path (`src/report/path.ts`) honours it; a run given any option that is not
 * streamable is reported the whole way, and `PT_DEBUG=1` names that option.
 */

/** Formats of every command that prints a result for people and machines. */
export const TEXT_FORMATS = ['table', 'json', 'markdown'] as const;

/** `--out <file>`: the result written atomically; `what` names the result in the help. */
export function out(what: string, description = `Write the ${what} to a file (atomically)`): OptionSpec {
  return { type: 'string', short: 'o', value: '<file>', description, streamable: true };
}

/** `--format <choices>`: the first choice is the default; `of` narrows it (`of budget and alerts`), `note` follows the default. */
export function format(
  choices: readonly string[],
  { of = '', note = '' }: { of?: string; note?: string } = {},
): OptionSpec {
  return {
    type: 'string',
    short: 'f',
    value: `<${choices.join('|')}>`,
    description: `Output format${of === '' ? '' : ` ${of}`} (default: ${choices[0] ?? ''})${note}`,
    choices,
    streamable: true,
  };
}

/**
 * What `--at` means to a command. Every kind accepts the same values (a date `YYYY-MM-DD`, an ISO
 * 8601 time with an offset, or epoch seconds), read by {@link readAt} with one error message:
 * - `report`: the end of the events window, the SLO time, the waiver day;
 * - `waiver-day`: the day governance waivers are judged on (a time counts as its UTC day);
 * - `window-end`: the end of the events window;
 * - `slo`: the time SLO budgets are read at;
 * - `since`: the time `--since` counts back from (`pt history`, `pt diff --since`).
 */
export type AtKind = 'report' | 'waiver-day' | 'window-end' | 'slo' | 'since';

/** The value every `--at` takes, as help shows it. */
const AT_VALUE = '<date|time|epoch-s>';
const AT_FORMS = 'YYYY-MM-DD (UTC midnight), ISO 8601 with an offset, or epoch seconds';

const AT: Record<AtKind, string> = {
  report: `Evaluate as of this time, ${AT_FORMS}: the end of the --events window (default: now), the time --slo budgets are read at (default: the last SLI sample), and the UTC day waivers are judged on (default: today)`,
  'waiver-day': `Day waivers are judged on, ${AT_FORMS} (its UTC day; default: today); a waiver counts through its expiry day`,
  'window-end': `End of the window, ${AT_FORMS}, e.g. 2026-11-28 (default: now)`,
  slo: `Evaluate at this time, ${AT_FORMS} (default: the last sample; with --prometheus: now)`,
  since: `Count --since back from this time, ${AT_FORMS} (default: now)`,
};

/** `--at <time>` as `kind` reads it. Only the report's and the waiver day's reach the streamed report (waivers). */
export function at(kind: AtKind): OptionSpec {
  return {
    type: 'string',
    value: AT_VALUE,
    description: AT[kind],
    streamable: kind === 'report' || kind === 'waiver-day',
  };
}

/** The parser of every `--at` (`parseEvaluationTime` from the toolkit, loaded by the command). */
export interface AtParser {
  readonly parseEvaluationTime: (text: string) => number | null;
  readonly EVALUATION_TIME_EXPECTED: string;
}

/** `--at` in epoch ms, or undefined when not given; the one usage error for a value in none of its forms. */
export function readAt(lib: AtParser, values: Readonly<Record<string, unknown>>): number | undefined {
  const text = values['at'];
  if (typeof text !== 'string') return undefined;
  const ms = lib.parseEvaluationTime(text);
  if (ms === null) throw new CliError('E_USAGE', `--at must be ${lib.EVALUATION_TIME_EXPECTED}; got "${text}"`);
  return ms;
}

/** `--jobs <n>`: threads for one large input; the description says which. */
export function jobs(description: string): OptionSpec {
  return { type: 'string', value: '<n>', description, streamable: true };
}

/** `--max-input-mb <n>`: read with {@link maxInputBytes}. */
export const MAX_INPUT_MB: OptionSpec = {
  type: 'string',
  value: '<n>',
  description: `Refuse inputs larger than this many MiB (default: ${DEFAULT_MAX_INPUT_MB})`,
  streamable: true,
};

/** `--team <name>`. */
export const TEAM: OptionSpec = {
  type: 'string',
  short: 't',
  value: '<name>',
  description: "Only this team's services",
  streamable: true,
};

/** `--history <file>`: the report history (a DuckDB file) of `pt report --record`, `pt history`, `pt diff --since`. */
export const HISTORY: OptionSpec = {
  type: 'string',
  value: '<file>',
  description: 'The history file, a DuckDB database (default: pt-history.duckdb)',
  streamable: false,
};

/** `--lock-timeout <s>`: how long to wait while another process writes the history. */
export const LOCK_TIMEOUT: OptionSpec = {
  type: 'string',
  value: '<seconds>',
  description: 'Wait this long for another pt writing the history, then fail (default: 30)',
  streamable: false,
};

/** The options of every command that reads or writes the history. */
export const HISTORY_OPTIONS = { history: HISTORY, 'lock-timeout': LOCK_TIMEOUT } as const satisfies Record<
  string,
  OptionSpec
>;

/** The input options of every command that reads files. */
export const INPUT_OPTIONS = { 'max-input-mb': MAX_INPUT_MB } as const satisfies Record<string, OptionSpec>;

/** `--max-input-mb` in bytes. */
export function maxInputBytes(value: string | boolean | readonly string[] | undefined): number {
  if (typeof value !== 'string') return DEFAULT_MAX_INPUT_MB * 1024 * 1024;
  const mb = Number(value);
  if (value.trim() === '' || !Number.isFinite(mb) || mb <= 0) {
    throw new CliError('E_USAGE', `--max-input-mb must be a positive number; got "${value}"`);
  }
  return Math.floor(mb * 1024 * 1024);
}

/**
 * Options every command takes, anywhere on the line; `main.ts` reads and removes them before a
 * command parses its own. Help lists them under "Global options".
 */
export const GLOBAL_OPTIONS = {
  quiet: {
    type: 'boolean',
    streamable: true,
    description: 'No progress, notes or warnings on stderr (errors are still printed)',
  },
  'no-color': {
    type: 'boolean',
    streamable: true,
    description: 'No colour, as with NO_COLOR set (FORCE_COLOR is then ignored)',
  },
} as const satisfies Record<string, OptionSpec>;
