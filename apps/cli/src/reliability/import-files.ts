import { stringOption, type ParsedArgs } from '../command.js';
import { CliError, EXIT_CODES } from '../errors.js';
import { emitResult, readInput } from '../files.js';
import { maxInputBytes } from '../options.js';
import { note, write, type Io } from '../stdio.js';

import type * as ToolkitModule from '@pt/toolkit';
import type { DeliveryEvent, SkippedRecord, SourceRecord } from '@pt/toolkit';

type Toolkit = typeof ToolkitModule;

/**
 * The records of API JSON files (`-` is standard input): each file one JSON document or several
 * concatenated (`gh api --paginate`), arrays flattened. A file that is not JSON fails the import
 * with its located error.
 */
export async function readRecords(
  lib: Toolkit,
  files: readonly string[],
  values: ParsedArgs['values'],
  io: Io,
): Promise<SourceRecord[]> {
  if (files.length === 0) throw new CliError('E_USAGE', 'give at least one JSON file');
  const twice = files.find((file, i) => files.indexOf(file) !== i);
  if (twice !== undefined) throw new CliError('E_USAGE', `${twice} is given more than once`);
  const maxBytes = maxInputBytes(stringOption(values, 'max-input-mb'));
  const records: SourceRecord[] = [];
  for (const file of files) {
    const source = file === '-' ? '<stdin>' : file;
    const docs = lib.jsonDocuments(await readInput(file, maxBytes, io), source);
    if (!docs.ok) {
      await write(io.stderr, `${lib.formatIssue(docs.issue)}\n`);
      throw new CliError('E_INVALID', `${source} is not JSON`);
    }
    for (const value of lib.flattenRecords(docs.values)) records.push({ source, value });
  }
  return records;
}

/** Reports what the importer skipped (stderr) and writes its events as JSON Lines (stdout or `--out`). */
export async function emitImport(
  lib: Toolkit,
  name: string,
  result: { readonly events: readonly DeliveryEvent[]; readonly skipped: readonly SkippedRecord[] },
  values: ParsedArgs['values'],
  io: Io,
): Promise<number> {
  const skipped = lib.describeSkipped(name, result.skipped);
  // Record names and reasons quote input: each line made printable.
  await note(io, skipped.split('\n').map(lib.printable).join('\n'));
  if (result.events.length === 0) await note(io, `pt: warning: ${name}: no event imported\n`);
  await emitResult(io, stringOption(values, 'out'), lib.formatEventsJsonl(result.events), 'events');
  return EXIT_CODES.ok;
}
