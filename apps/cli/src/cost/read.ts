import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { CliError } from '../errors.js';
import { write, type Io } from '../stdio.js';

import type * as ToolkitModule from '@pt/toolkit';
import type { CostConfig, CostCube } from '@pt/toolkit';

type Toolkit = typeof ToolkitModule;

/** Engines of `pt cost … --engine`. */
export const ENGINES = ['stream', 'duckdb'] as const;
export type Engine = (typeof ENGINES)[number];

/** Located problems printed before the rest are only counted. */
const MAX_PRINTED = 20;

async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { bytesRead, buffer } = await handle.read({ buffer: Buffer.alloc(2), position: 0 });
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

function fsError(error: unknown, file: string): CliError {
  const code = (error as { code?: unknown }).code;
  const reason =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'it is a directory'
        : error instanceof Error
          ? error.message
          : String(error);
  return new CliError('E_INPUT', `cannot read ${file}: ${reason}`, { cause: error });
}

/** A progress line on stderr, only when it is a terminal; cleared when done. */
function progress(io: Io, file: string, size: number) {
  const tty = io.stderr.isTTY === true;
  let last = 0;
  return {
    update(bytes: number, rows: number) {
      if (!tty) return;
      const now = Date.now();
      if (now - last < 200) return;
      last = now;
      const pct = size > 0 ? ` ${Math.min(100, Math.floor((bytes / size) * 100))}%` : '';
      io.stderr.write(`\rpt: reading ${file}${pct}, ${rows.toLocaleString('en-US')} rows\u001b[K`);
    },
    done() {
      if (tty && last !== 0) io.stderr.write('\r\u001b[K');
    },
  };
}

/** Prints the located problems of a FocusDataError and turns it into a one-line CLI error. */
async function reportDataError(lib: Toolkit, error: unknown, file: string, io: Io): Promise<never> {
  if (!(error instanceof lib.FocusDataError)) throw error;
  const lines = error.issues
    .slice(0, MAX_PRINTED)
    .map((i) => `${file}:${i.line}${i.column === '' ? '' : ` ${i.column}`}: ${i.message}\n`);
  const more = error.issueCount - Math.min(error.issues.length, MAX_PRINTED);
  await write(io.stderr, lines.join('') + (more > 0 ? `… and ${more} more\n` : ''));
  const hint = error.code === 'E_FOCUS_ROWS' ? ' (use --on-bad-row skip to leave bad rows out, counted)' : '';
  throw new CliError('E_INVALID', `${file}: ${error.message}${hint}`);
}

/** Streams one FOCUS CSV (gzip'd or not) through the aggregator: constant memory. */

/** The same error a fatal `TextDecoder` throws, so callers handle both alike. */
const notUtf8 = () => new TypeError('The encoded data was not valid for encoding utf-8');

/**
 * Strict UTF-8 decoding of a byte stream, chunk by chunk: a sequence cut by a chunk boundary waits
 * for the next chunk; invalid bytes throw. Validating with `isUtf8` and then decoding with
 * `toString` takes about a third of the time of a fatal `TextDecoder` on large files.
 */
function strictUtf8(): { decode(chunk: Buffer): string; end(): void } {
  let carry: Buffer | undefined;
  return {
    decode(chunk) {
      const buf = carry === undefined ? chunk : Buffer.concat([carry, chunk]);
      let end = buf.length;
      let lead = end - 1;
      while (lead >= 0 && end - lead < 4 && ((buf[lead] ?? 0) & 0xc0) === 0x80) lead--;
      if (lead >= 0) {
        const first = buf[lead] ?? 0;
        const size = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1;
        if (size > end - lead) end = lead;
      }
      carry = end < buf.length ? Buffer.from(buf.subarray(end)) : undefined;
      const whole = buf.subarray(0, end);
      if (!isUtf8(whole)) throw notUtf8();
      return whole.toString('utf8');
    },
    end() {
      if (carry !== undefined) throw notUtf8();
    },
  };
}

async function streamFile(lib: Toolkit, file: string, config: CostConfig, io: Io): Promise<CostCube> {
  let size: number;
  let gzip: boolean;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    size = info.size;
    gzip = await isGzip(file);
  } catch (error) {
    throw fsError(error, file);
  }
  const aggregator = new lib.FocusAggregator({
    metric: config.metric,
    onBadRow: config.onBadRow,
    allocation: config.allocation,
  });
  const raw = createReadStream(file, { highWaterMark: 1 << 18 });
  let bytes = 0;
  raw.on('data', (chunk) => {
    bytes += chunk.length;
  });
  const source = gzip ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (error) => source.destroy(error));
  const decoder = strictUtf8();
  const shown = progress(io, file, size);
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      aggregator.write(decoder.decode(chunk));
      shown.update(bytes, aggregator.rowCount);
    }
    decoder.end();
  } catch (error) {
    shown.done();
    if (error instanceof lib.FocusDataError) return reportDataError(lib, error, file, io);
    if (error instanceof TypeError && /encoded data|decode/i.test(error.message)) {
      throw new CliError('E_INPUT', `cannot read ${file}: not valid UTF-8 text`, { cause: error });
    }
    if ((error as { code?: unknown }).code === 'Z_DATA_ERROR') {
      throw new CliError('E_INPUT', `cannot read ${file}: corrupt gzip data`, { cause: error });
    }
    throw fsError(error, file);
  }
  shown.done();
  try {
    return aggregator.end();
  } catch (error) {
    return reportDataError(lib, error, file, io);
  }
}

/** The cost cube of the files, by the chosen engine; bad rows reported per the config. */
export async function readCube(
  lib: Toolkit,
  files: readonly string[],
  config: CostConfig,
  engine: Engine,
  io: Io,
): Promise<CostCube> {
  let cube: CostCube;
  if (engine === 'duckdb') {
    const { duckdbCube } = await import('./duckdb.js');
    cube = await duckdbCube(lib, files, config);
  } else {
    const cubes: CostCube[] = [];
    for (const file of files) cubes.push(await streamFile(lib, file, config, io));
    cube = lib.mergeCubes(cubes);
  }
  const s = cube.stats;
  if (s.skippedRows > 0) {
    await write(
      io.stderr,
      `pt: warning: skipped ${s.skippedRows} bad row${s.skippedRows === 1 ? '' : 's'} of ${s.rows}\n`,
    );
    for (const i of s.issues.slice(0, MAX_PRINTED)) {
      await write(
        io.stderr,
        `  ${i.line > 0 ? `line ${i.line} ` : ''}${i.column === '' ? '' : `${i.column}: `}${i.message}\n`,
      );
    }
  }
  if (s.roundedAmounts > 0) {
    await write(
      io.stderr,
      `pt: note: ${s.roundedAmounts} amount${s.roundedAmounts === 1 ? '' : 's'} had more than 12 decimals (rounded)\n`,
    );
  }
  return cube;
}
