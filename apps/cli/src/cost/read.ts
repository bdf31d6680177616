import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { isAbsolute } from 'node:path';
import { createGunzip } from 'node:zlib';
import { CliError } from '../errors.js';
import { describeFsError } from '../files.js';
import { note, write, type Io } from '../stdio.js';
import { PARALLEL_FROM_MB, parallelCube } from './parallel.js';
import { feeder, type PathCount, type ReadPath } from './range.js';

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

const fsError = (error: unknown, file: string): CliError => describeFsError(error, 'read', file);

/** A progress line on stderr, only when it is a terminal; cleared when done. */
function progress(io: Io, file: string, size: number) {
  const tty = io.stderr.isTTY === true && io.quiet !== true;
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

/** Any failure while reading a FOCUS file, as the CLI reports it. */
async function readError(lib: Toolkit, error: unknown, file: string, io: Io): Promise<never> {
  if (error instanceof lib.FocusDataError) return reportDataError(lib, error, file, io);
  if (error instanceof TypeError && /encoded data|decode/i.test(error.message)) {
    throw new CliError('E_INPUT', `cannot read ${file}: not valid UTF-8 text`, { cause: error });
  }
  if ((error as { code?: unknown }).code === 'Z_DATA_ERROR') {
    throw new CliError('E_INPUT', `cannot read ${file}: corrupt gzip data`, { cause: error });
  }
  if ((error as { code?: unknown }).code === 'Z_BUF_ERROR') {
    throw new CliError('E_INPUT', `cannot read ${file}: truncated gzip data`, { cause: error });
  }
  throw fsError(error, file);
}

/**
 * `PT_COST_PATH=text` makes the streaming engine decode every chunk and read every row the plain
 * way (the default is `bytes`); for tests proving both give the same bytes. `PT_DEBUG=1` names
 * the path taken.
 */
export const COST_PATH_ENV = 'PT_COST_PATH';

function readPath(env: Io['env']): { path: ReadPath; why: string } {
  return env[COST_PATH_ENV] === 'text'
    ? { path: 'text', why: `${COST_PATH_ENV}=text` }
    : { path: 'bytes', why: 'the default' };
}

/** `PT_DEBUG=1`: e.g. `pt: debug: cost path: bytes (the default), 2 parts, 999,950 rows undecoded, 50 decoded`. */
async function debugPath(io: Io, file: string, chosen: { path: ReadPath; why: string }, parts: string, n: PathCount) {
  if (io.env['PT_DEBUG'] !== '1') return;
  const f = (x: number) => x.toLocaleString('en-US');
  await write(
    io.stderr,
    `pt: debug: cost path: ${chosen.path} (${chosen.why}) for ${file}, ${parts}, ${f(n.fast)} rows undecoded, ${f(n.plain)} decoded\n`,
  );
}

const tooLarge = (file: string, what: string, maxBytes: number) =>
  new CliError(
    'E_INPUT',
    `${file}: ${what} larger than ${maxBytes / 1024 / 1024} MiB (--max-input-mb ${maxBytes / 1024 / 1024})`,
  );

async function streamFile(
  lib: Toolkit,
  file: string,
  config: CostConfig,
  io: Io,
  jobs: number | undefined,
  maxBytes: number,
): Promise<CostCube> {
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
  if (size > maxBytes) throw tooLarge(file, 'is', maxBytes);
  const options = { metric: config.metric, onBadRow: config.onBadRow, allocation: config.allocation };
  const parts = jobs ?? (size >= PARALLEL_FROM_MB * 1024 * 1024 ? Math.min(2, availableParallelism()) : 1);
  const chosen = readPath(io.env);
  if (!gzip && parts > 1) {
    let done = 0;
    const shown = progress(io, file, size);
    try {
      // Progress follows the first part, which holds about 1/parts of the file.
      const result = await parallelCube(lib, file, size, options, parts, chosen.path, (bytes, rows) => {
        done += bytes * parts;
        shown.update(Math.min(done, size), rows * parts);
      });
      shown.done();
      if (result !== null) {
        await debugPath(io, file, chosen, `${parts} parts`, result.count);
        return result.cube;
      }
    } catch (error) {
      shown.done();
      return readError(lib, error, file, io);
    }
  }
  const feed = feeder(lib, options, chosen.path);
  const aggregator = feed.aggregator;
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  let bytes = 0;
  raw.on('data', (chunk) => {
    bytes += chunk.length;
  });
  const source = gzip ? raw.pipe(createGunzip({ chunkSize: 1 << 18 })) : raw;
  raw.on('error', (error) => source.destroy(error));
  const shown = progress(io, file, size);
  let text = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      text += chunk.length;
      if (text > maxBytes) {
        raw.destroy();
        throw tooLarge(file, 'decompressed, is', maxBytes);
      }
      feed.push(chunk);
      shown.update(bytes, aggregator.rowCount);
    }
    feed.end();
  } catch (error) {
    shown.done();
    if (error instanceof CliError) throw error;
    return readError(lib, error, file, io);
  }
  shown.done();
  try {
    const cube = aggregator.end();
    const why = gzip ? '1 part (gzip: inflated on another thread)' : parts > 1 ? '1 part (not splittable)' : '1 part';
    await debugPath(io, file, chosen, why, feed.count());
    return cube;
  } catch (error) {
    return reportDataError(lib, error, file, io);
  }
}

const GLOB_CHARS = /[*?[\]{}]/;

/**
 * The billing files named on the command line: a name with glob characters that is not a file
 * itself is expanded (`tinyglobby`, sorted, so the order is stable); a pattern that matches
 * nothing is an error. With `--engine duckdb` names are left to DuckDB, which expands them itself.
 */
export async function expandFiles(names: readonly string[], engine: Engine): Promise<string[]> {
  if (engine === 'duckdb') return [...names];
  const out: string[] = [];
  for (const name of names) {
    const exists = await stat(name).then(
      () => true,
      () => false,
    );
    if (exists || !GLOB_CHARS.test(name)) {
      out.push(name);
      continue;
    }
    const { glob } = await import('tinyglobby');
    const matched = (
      await glob(name, { onlyFiles: true, expandDirectories: false, absolute: isAbsolute(name) })
    ).sort();
    if (matched.length === 0) throw new CliError('E_INPUT', `no file matches ${name}`);
    out.push(...matched);
  }
  return out;
}

/** The cost cube of the files, by the chosen engine; bad rows reported per the config. */
export async function readCube(
  lib: Toolkit,
  files: readonly string[],
  config: CostConfig,
  engine: Engine,
  io: Io,
  jobs: number | undefined,
  maxBytes: number,
): Promise<CostCube> {
  let cube: CostCube;
  if (engine === 'duckdb') {
    for (const file of files) {
      // Globs are DuckDB's to expand; a file named as it is must fit --max-input-mb.
      const info = await stat(file).catch(() => undefined);
      if (info?.isFile() === true && info.size > maxBytes) throw tooLarge(file, 'is', maxBytes);
    }
    const { duckdbCube } = await import('./duckdb.js');
    cube = await duckdbCube(lib, files, config);
  } else {
    const cubes: CostCube[] = [];
    for (const file of files) cubes.push(await streamFile(lib, file, config, io, jobs, maxBytes));
    cube = lib.mergeCubes(cubes);
  }
  const s = cube.stats;
  if (s.skippedRows > 0) {
    await note(io, `pt: warning: skipped ${s.skippedRows} bad row${s.skippedRows === 1 ? '' : 's'} of ${s.rows}\n`);
    for (const i of s.issues.slice(0, MAX_PRINTED)) {
      await note(io, `  ${i.line > 0 ? `line ${i.line} ` : ''}${i.column === '' ? '' : `${i.column}: `}${i.message}\n`);
    }
  }
  if (s.roundedAmounts > 0) {
    await note(
      io,
      `pt: note: ${s.roundedAmounts} amount${s.roundedAmounts === 1 ? '' : 's'} had more than 12 decimals (rounded)\n`,
    );
  }
  return cube;
}
