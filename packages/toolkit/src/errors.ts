/** Stable codes of every error `@pt/toolkit` reports. Callers branch on these, never on messages. */
export const ERROR_CODES = {
  /** The input is not well-formed YAML or JSON. */
  syntax: 'E_SYNTAX',
  /** The input is well-formed but does not match the fleet schema. */
  schema: 'E_SCHEMA',
  /** The input is larger than allowed, or expands (through YAML aliases) beyond a sane size. */
  tooLarge: 'E_TOO_LARGE',
  /** A service with this name is already registered. */
  duplicateService: 'E_DUPLICATE_SERVICE',
  /** No service with this name is registered. */
  unknownService: 'E_UNKNOWN_SERVICE',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** An error with a stable `code`; `cause` keeps what it wraps. */
export class PtError extends Error {
  override readonly name = 'PtError';
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** Is this a {@link PtError} (also across copies of the package)? */
export function isPtError(error: unknown): error is PtError {
  return error instanceof Error && error.name === 'PtError' && typeof (error as { code?: unknown }).code === 'string';
}
