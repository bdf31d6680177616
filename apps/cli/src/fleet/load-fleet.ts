import { stringOption, type OptionSpec, type ParsedArgs } from '../command.js';
import { CliError } from '../errors.js';
import { DEFAULT_MAX_INPUT_MB, readInput } from '../files.js';
import { printIssues } from '../print-issues.js';
import type { Io } from '../stdio.js';

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

export { MAX_PRINTED_ISSUES } from '../print-issues.js';

/** `--max-input-mb` in bytes. */
export function maxInputBytes(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_INPUT_MB * 1024 * 1024;
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
export async function loadFleet(lib: Toolkit, file: string, values: ParsedArgs['values'], io: Io): Promise<Fleet> {
  const text = await readInput(file, maxInputBytes(stringOption(values, 'max-input-mb')), io);
  const filename = file === '-' ? '<stdin>' : file;
  const result = lib.parseFleet(text, { filename });
  if (result.ok) return result.fleet;
  await printIssues(lib.formatIssue, result.issues, io, 'pt validate');
  const n = result.issues.length;
  throw new CliError('E_INVALID', `${filename} is not a valid fleet file (${n} problem${n === 1 ? '' : 's'})`);
}
