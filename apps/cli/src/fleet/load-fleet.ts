import { stringOption, type ParsedArgs } from '../command.js';
import { CliError } from '../errors.js';
import { readInput } from '../files.js';
import { maxInputBytes } from '../options.js';
import { printIssues } from '../print-issues.js';
import type { Io } from '../stdio.js';

import type * as ToolkitModule from '@pt/toolkit';
import type { Fleet } from '@pt/toolkit';

type Toolkit = typeof ToolkitModule;

export { MAX_PRINTED_ISSUES } from '../print-issues.js';

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
