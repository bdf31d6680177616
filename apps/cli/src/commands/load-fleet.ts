import type { OptionSpec } from '../command.js';
import { CliError } from '../errors.js';
import { DEFAULT_MAX_INPUT_MB, readInput } from '../files.js';
import { write, type Io } from '../stdio.js';

import type * as ToolkitModule from '@pt/toolkit';
import type { Fleet } from '@pt/toolkit';

type Toolkit = typeof ToolkitModule;

export const INPUT_OPTIONS = {
  'max-input-mb': {
    type: 'string',
    value: '<n>',
    description: `Refuse inputs larger than this many MiB (default: ${DEFAULT_MAX_INPUT_MB})`,
  },
} as const satisfies Record<string, OptionSpec>;

/** Problems printed before the rest are only counted: a broken generator must not flood a terminal. */
export const MAX_PRINTED_ISSUES = 200;

export function maxInputBytes(value: string | boolean | undefined): number {
  if (value === undefined || typeof value === 'boolean') return DEFAULT_MAX_INPUT_MB * 1024 * 1024;
  const mb = Number(value);
  if (value.trim() === '' || !Number.isFinite(mb) || mb <= 0) {
    throw new CliError('E_USAGE', `--max-input-mb must be a positive number; got "${value}"`);
  }
  return Math.floor(mb * 1024 * 1024);
}

/**
 * Reads and validates a fleet file (`-` is standard input). Every problem goes to stderr as
 * `file:line path: message`; then the load fails with `E_INVALID`.
 */
export async function loadFleet(
  lib: Toolkit,
  file: string,
  values: Readonly<Record<string, string | boolean | undefined>>,
  io: Io,
): Promise<Fleet> {
  const text = await readInput(file, maxInputBytes(values['max-input-mb']), io);
  const filename = file === '-' ? '<stdin>' : file;
  const result = lib.parseFleet(text, { filename });
  if (result.ok) return result.fleet;
  const shown = result.issues.slice(0, MAX_PRINTED_ISSUES);
  const more = result.issues.length - shown.length;
  await write(
    io.stderr,
    shown.map((issue) => `${lib.formatIssue(issue)}\n`).join('') +
      (more > 0
        ? `… and ${more} more problem${more === 1 ? '' : 's'} (run 'pt validate' again once these are fixed)\n`
        : ''),
  );
  const n = result.issues.length;
  throw new CliError('E_INVALID', `${filename} is not a valid fleet file (${n} problem${n === 1 ? '' : 's'})`);
}
