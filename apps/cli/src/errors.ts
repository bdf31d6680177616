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

/** The one mapping from errors to exit codes. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CliError && error.code === 'E_CHECK_FAILED') return EXIT_CODES.checkFailed;
  return EXIT_CODES.usageOrInput;
}
