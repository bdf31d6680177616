import { CliError } from './errors.js';

import type { InputIssue } from '@pt/toolkit';

/** What a command may touch: the process's streams and environment, passed in for testing. */
export interface Io {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream;
  readonly env: NodeJS.ProcessEnv;
  /** `--quiet`: progress, notes and warnings are not printed (see {@link note}); errors still are. */
  readonly quiet?: boolean;
  /**
   * `--format json`: located input problems are collected here rather than printed, and the run's
   * error is one JSON object on stderr (`errorJson` in `errors.ts`, written by `main.ts`).
   */
  readonly issues?: InputIssue[];
}

/** The real process. */
export function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

/** Colour on a terminal only: `NO_COLOR` (non-empty) or `TERM=dumb` turn it off, `FORCE_COLOR` on. */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return stream.isTTY === true && env['TERM'] !== 'dumb';
}

/** Why a file-system call or a write failed, in words (`permission denied`, `no space left on device`). */
export function fsErrorReason(error: unknown, action: 'read' | 'write'): string {
  const code = (error as { code?: unknown }).code;
  return code === 'ENOENT'
    ? action === 'write'
      ? 'its directory does not exist'
      : 'no such file'
    : code === 'EACCES' || code === 'EPERM'
      ? 'permission denied'
      : code === 'EISDIR'
        ? 'it is a directory'
        : code === 'ENOTDIR'
          ? 'a parent is not a directory'
          : code === 'EIO'
            ? 'input/output error'
            : code === 'ELOOP'
              ? 'too many levels of symbolic links'
              : code === 'ENOSPC'
                ? 'no space left on device'
                : code === 'ENOTREGULAR'
                  ? 'not a regular file, a device or a FIFO'
                  : error instanceof Error
                    ? error.message
                    : String(error);
}

/**
 * Writes to a stream, resolving once the data is handed to the OS. A reader that went away
 * (`pt report … | head`: EPIPE) is not an error: there is nobody left to tell. Any other failure
 * (a full disk: ENOSPC) is a write error (`E_INPUT`, exit 2), not an internal one.
 */
export function write(stream: NodeJS.WritableStream, text: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => {
      if (error && (error as { code?: unknown }).code !== 'EPIPE') {
        const name = stream === process.stderr ? 'standard error' : 'standard output';
        reject(new CliError('E_INPUT', `cannot write ${name}: ${fsErrorReason(error, 'write')}`, { cause: error }));
      } else resolve();
    });
  });
}

/**
 * Writes a note, a warning or progress to stderr, unless `--quiet`: what a run says beside its
 * result that is not an error. Errors are written with {@link write} and always shown.
 */
export async function note(io: Io, text: string): Promise<void> {
  if (io.quiet !== true) await write(io.stderr, text);
}
