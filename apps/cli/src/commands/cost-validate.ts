import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { choiceOption, refuseOption, type CommandRun } from '../command.js';
import { expandFiles } from '../cost/read.js';
import { strictUtf8 } from '../cost/utf8.js';
import { CliError, EXIT_CODES } from '../errors.js';
import { describeFsError } from '../files.js';
import { maxInputBytes } from '../options.js';
import { note, write } from '../stdio.js';

/**
 * `pt cost validate <focus.csv…>`: FOCUS conformance of each file. Every problem on stdout as
 * `file:line column: message [rule]`, then per file a line with the version checked and the counts
 * per rule. Exit 2 when any file has a problem.
 */
export const costValidate: CommandRun = async ({ values, positionals }, io) => {
  refuseOption(values, 'fail-on', "'pt cost summary'");
  const lib = await import('@pt/toolkit');
  const version = choiceOption(values, 'focus-version', lib.FOCUS_VERSIONS);
  const maxBytes = maxInputBytes(values['max-input-mb']);
  const files = await expandFiles(positionals, 'stream');
  let failed = 0;
  for (const file of files) {
    let size: number;
    try {
      const info = await stat(file);
      if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      size = info.size;
    } catch (error) {
      throw describeFsError(error, 'read', file);
    }
    if (size > maxBytes) {
      throw new CliError('E_INPUT', `${file}: is larger than ${maxBytes / 1024 / 1024} MiB (--max-input-mb)`);
    }
    let pending: string[] = [];
    const validator = new lib.FocusValidator({
      version,
      onProblem: (p) => {
        pending.push(`${file}:${p.line}${p.column === '' ? '' : ` ${p.column}`}: ${p.message} [${p.rule}]\n`);
      },
    });
    const raw = createReadStream(file, { highWaterMark: 1 << 18 });
    const handle = await open(file, 'r');
    const head = Buffer.alloc(2);
    try {
      await handle.read({ buffer: head, position: 0 });
    } finally {
      await handle.close();
    }
    const gzip = head[0] === 0x1f && head[1] === 0x8b;
    const source = gzip ? raw.pipe(createGunzip()) : raw;
    raw.on('error', (error) => source.destroy(error));
    const decoder = strictUtf8();
    let bytes = 0;
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        if (bytes > maxBytes) throw new CliError('E_INPUT', `${file}: decompressed, is larger than the --max-input-mb`);
        validator.write(decoder.decode(chunk));
        if (pending.length > 0) {
          await write(io.stdout, pending.join(''));
          pending = [];
        }
      }
      decoder.end();
    } catch (error) {
      if (error instanceof CliError) throw error;
      if (error instanceof TypeError) throw new CliError('E_INPUT', `cannot read ${file}: not valid UTF-8 text`);
      if (
        (error as { code?: unknown }).code === 'Z_DATA_ERROR' ||
        (error as { code?: unknown }).code === 'Z_BUF_ERROR'
      ) {
        throw new CliError('E_INPUT', `cannot read ${file}: corrupt or truncated gzip data`);
      }
      throw describeFsError(error, 'read', file);
    }
    const result = validator.end();
    if (pending.length > 0) await write(io.stdout, pending.join(''));
    const from = result.versionFrom === 'given' ? 'as given' : 'from its columns';
    const counts = lib.CONFORMANCE_RULES.filter((r) => result.counts[r] > 0).map((r) => `${r} ${result.counts[r]}`);
    const n = result.problemCount;
    await write(
      io.stdout,
      `${file}: FOCUS ${result.version} (${from}), ${result.rows} rows: ` +
        (n === 0 ? 'conforms\n' : `${n} problem${n === 1 ? '' : 's'} (${counts.join(', ')})\n`),
    );
    if (result.unknownColumns.length > 0) {
      await note(
        io,
        `pt: note: ${file}: not FOCUS ${result.version} columns (custom columns should start with x_): ` +
          `${result.unknownColumns.map((c) => JSON.stringify(c)).join(', ')}\n`,
      );
    }
    if (n > 0) failed++;
  }
  return failed > 0 ? EXIT_CODES.usageOrInput : EXIT_CODES.ok;
};
