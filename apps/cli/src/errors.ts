import type { InputIssue } from '@pt/toolkit';

/** Exit codes of `pt`, decided here and nowhere else. */
export const EXIT_CODES = {
  ok: 0,
  /** The run worked and a check it was asked to make failed (e.g. `--fail-on critical` matched). */
  checkFailed: 1,
  /** Bad usage or bad input: nothing was reported. */
  usageOrInput: 2,
} as const;

export type CliErrorCode =
  | 'E_USAGE' // unknown command or option, missing or extra argument
  | 'E_INPUT' // a file cannot be read or written
  | 'E_INVALID' // the input was read and is not a valid fleet (issues already printed)
  | 'E_CHECK_FAILED'; // --fail-on matched (the report was printed)

/** An error the CLI reports in one line, without a stack trace. */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly code: CliErrorCode;
  /** Help to print after the message, e.g. `Run 'pt report --help'`. */
  readonly hint: string | undefined;

  constructor(code: CliErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
  }
}

/**
 * A check the run was asked to make failed (`--fail-on`, `--fail-below`): `E_CHECK_FAILED`, exit 1,
 * naming the first ten matches (`--fail-on exhausted: 2 objectives matched: a, b`).
 */
export function checkFailed(check: string, matched: readonly string[], noun: string): CliError {
  const shown = matched.length > 10 ? `${matched.slice(0, 10).join(', ')}, …` : matched.join(', ');
  const n = matched.length;
  return new CliError('E_CHECK_FAILED', `${check}: ${n} ${noun}${n === 1 ? '' : 's'} matched: ${shown}`);
}

/** The one mapping from errors to exit codes. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CliError && error.code === 'E_CHECK_FAILED') return EXIT_CODES.checkFailed;
  return EXIT_CODES.usageOrInput;
}

/** Where an error is, when it is about one place of one input. */
export interface ErrorLocation {
  readonly file: string;
  /** 1-based YAML document of a multi-document file. */
  readonly document?: number;
  readonly line?: number;
  readonly column?: number;
  /** Where in the document, e.g. `services[3].slos[0].target`. */
  readonly path?: string;
}

/** One located problem of an input, as the JSON error lists it. */
export interface ErrorIssue {
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly location: ErrorLocation;
}

/**
 * The one machine-readable error: with `--format json`, a failing run writes exactly this object,
 * on one line, to stderr (and nothing else there). `location` when the error is about one place;
 * `issues` when an input had located problems (each with its location); `details` carries any
 * other text the run had for stderr (notes, problems not located), line by line.
 */
export interface ErrorJson {
  readonly error: {
    readonly code: CliErrorCode | 'E_INTERNAL';
    readonly message: string;
    readonly location?: ErrorLocation;
    readonly hint?: string;
    readonly issues?: readonly ErrorIssue[];
    readonly details?: readonly string[];
  };
}

/** A located problem as the toolkit reports it (`InputIssue` of `@pt/input`, re-exported by the toolkit). */
type IssueLike = InputIssue;

/** An issue's location, without the fields it does not have. */
export function issueLocation(issue: IssueLike): ErrorLocation {
  return {
    file: issue.file,
    ...(issue.document === undefined ? {} : { document: issue.document }),
    ...(issue.line === undefined ? {} : { line: issue.line }),
    ...(issue.column === undefined ? {} : { column: issue.column }),
    ...(issue.path === '' ? {} : { path: issue.path }),
  };
}

/**
 * The JSON error of a failed run: `issues` are the located problems collected on the way, `text`
 * whatever else was meant for stderr. The top-level `location` is the one issue's when there is
 * exactly one error among them.
 */
export function errorJson(error: unknown, issues: readonly IssueLike[] = [], text = ''): ErrorJson {
  const known = error instanceof CliError;
  const listed: ErrorIssue[] = issues.map((i) => ({
    code: i.code,
    severity: i.severity ?? 'error',
    message: i.message,
    location: issueLocation(i),
  }));
  const errors = listed.filter((i) => i.severity === 'error');
  const details = text.split('\n').filter((line) => line !== '');
  return {
    error: {
      code: known ? error.code : 'E_INTERNAL',
      message: known ? error.message : error instanceof Error ? error.message : String(error),
      ...(errors.length === 1 && errors[0] !== undefined ? { location: errors[0].location } : {}),
      ...(known && error.hint !== undefined ? { hint: error.hint } : {}),
      ...(listed.length > 0 ? { issues: listed } : {}),
      ...(details.length > 0 ? { details } : {}),
    },
  };
}
