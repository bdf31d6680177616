import { randomBytes } from 'node:crypto';
import { closeSync, openSync, rmSync } from 'node:fs';
import { lstat, open, readlink, realpath, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError } from './errors.js';
import { fsErrorReason, note, write, type Io } from './stdio.js';

/** Default largest input, in MiB (`--max-input-mb`). */
export const DEFAULT_MAX_INPUT_MB = 512;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A failed file-system call as a one-line input error (`cannot read x: permission denied`). */
export function describeFsError(error: unknown, action: 'read' | 'write', file: string): CliError {
  const reason = fsErrorReason(error, action);
  return new CliError('E_INPUT', `cannot ${action} ${file}: ${reason}`, { cause: error });
}

function decode(bytes: Uint8Array, file: string): string {
  try {
    return utf8.decode(bytes);
  } catch (error) {
    throw new CliError('E_INPUT', `cannot read ${file}: not valid UTF-8 text`, { cause: error });
  }
}

function tooLarge(file: string, maxBytes: number): CliError {
  const limit = maxBytes >= 1024 * 1024 ? `${+(maxBytes / (1024 * 1024)).toFixed(2)} MiB` : `${maxBytes} bytes`;
  return new CliError('E_INPUT', `cannot read ${file}: larger than ${limit} (raise --max-input-mb)`);
}

/** Largest single read of {@link readAtMost}. */
const READ_CHUNK = 1024 * 1024;

/**
 * Reads an open file to its end, refusing more than `maxBytes`. The size `stat` reports is no
 * bound: it is 0 for devices and pipes (`/dev/zero`, a FIFO) and may grow while we read.
 */
async function readAtMost(handle: FileHandle, maxBytes: number, file: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const { bytesRead, buffer } = await handle.read({ buffer: Buffer.allocUnsafe(READ_CHUNK) });
    if (bytesRead === 0) return Buffer.concat(chunks, size);
    size += bytesRead;
    if (size > maxBytes) throw tooLarge(file, maxBytes);
    chunks.push(buffer.subarray(0, bytesRead));
  }
}

/** Reads a UTF-8 text file, or standard input for `-`, refusing more than `maxBytes`. */
export async function readInput(file: string, maxBytes: number, io: Io): Promise<string> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of io.stdin) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > maxBytes) throw tooLarge('standard input', maxBytes);
      chunks.push(buffer);
    }
    return decode(Buffer.concat(chunks), 'standard input');
  }
  let handle;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (info.size > maxBytes) throw tooLarge(file, maxBytes);
    handle = await open(file, 'r');
    return decode(await readAtMost(handle, maxBytes, file), file);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw describeFsError(error, 'read', file);
  } finally {
    await handle?.close();
  }
}

/** A result written a piece at a time, in order. */
export type Pieces = Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

/** Temporary files being written, removed should the process be interrupted (SIGINT, SIGTERM). */
const temporaries = new Set<string>();

function removeTemporariesAndDie(signal: NodeJS.Signals): void {
  for (const temporary of temporaries) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing more can be done on the way out.
    }
  }
  temporaries.clear();
  process.removeListener('SIGINT', removeTemporariesAndDie);
  process.removeListener('SIGTERM', removeTemporariesAndDie);
  // Die of the same signal, as if never caught (exit status 128 + signal).
  process.kill(process.pid, signal);
}

function track(temporary: string): void {
  if (temporaries.size === 0) {
    process.on('SIGINT', removeTemporariesAndDie);
    process.on('SIGTERM', removeTemporariesAndDie);
  }
  temporaries.add(temporary);
}

function untrack(temporary: string): void {
  temporaries.delete(temporary);
  if (temporaries.size === 0) {
    process.removeListener('SIGINT', removeTemporariesAndDie);
    process.removeListener('SIGTERM', removeTemporariesAndDie);
  }
}

/**
 * Where `--out` really writes: a symbolic link's final target (the link is kept); `through` for a
 * character device or FIFO (`/dev/null`, `/dev/stdout`, a named pipe: written in place, never
 * renamed over); the mode of the regular file replaced, kept on the new one. Anything else at the
 * path (a directory, a socket, a block device) is refused.
 */
async function outputTarget(
  file: string,
): Promise<{ readonly kind: 'through' } | { readonly kind: 'replace'; readonly path: string; readonly mode?: number }> {
  let path = file;
  try {
    path = await realpath(file);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
    // A link to a file not yet there: create the file the link names, keep the link.
    const link = await lstat(file).catch(() => undefined);
    if (link?.isSymbolicLink() === true) path = resolve(dirname(file), await readlink(file));
    return { kind: 'replace', path };
  }
  const info = await stat(path);
  if (info.isCharacterDevice() || info.isFIFO()) return { kind: 'through' };
  if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREGULAR' });
  return { kind: 'replace', path, mode: info.mode & 0o7777 };
}

async function writeAll(handle: FileHandle, content: string | Pieces): Promise<void> {
  // writeFile writes all of each piece, from where the last one ended.
  if (typeof content === 'string') await handle.writeFile(content);
  else for await (const piece of content) await handle.writeFile(piece);
}

/**
 * Writes `content` (text, or pieces of it in order) to `file` atomically: a temporary file in the
 * same directory, renamed over the target once complete, with the mode of the file it replaces.
 * A symbolic link's target is replaced and the link kept; a character device or FIFO is written
 * through (nothing to rename over); anything else that is not a regular file is refused. A
 * failure, SIGINT or SIGTERM leaves neither a partial file nor the temporary one.
 */
export async function writeFileAtomic(file: string, content: string | Pieces): Promise<void> {
  let target;
  try {
    target = await outputTarget(file);
  } catch (error) {
    throw describeFsError(error, 'write', file);
  }
  if (target.kind === 'through') {
    try {
      const handle = await open(file, 'w');
      try {
        await writeAll(handle, content);
      } finally {
        await handle.close();
      }
    } catch (error) {
      throw describeFsError(error, 'write', file);
    }
    return;
  }
  const { path, mode } = target;
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  // Tracked (the signal handlers in place) before the file exists, and created synchronously: a
  // signal arriving at any point finds the handlers and, when they run, the file to remove.
  track(temporary);
  try {
    closeSync(openSync(temporary, 'wx'));
  } catch (error) {
    untrack(temporary);
    throw describeFsError(error, 'write', file);
  }
  try {
    const handle = await open(temporary, 'r+');
    try {
      // Keep the mode of the file replaced (the umask would otherwise decide).
      if (mode !== undefined) await handle.chmod(mode);
      await writeAll(handle, content);
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
    untrack(temporary);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    untrack(temporary);
    throw describeFsError(error, 'write', file);
  }
}

/**
 * A command's result (text, or pieces of it in order): on stdout, or with `--out` written
 * atomically to the file, with one line on stderr saying what was written (`pt: wrote <what> to <file>`).
 */
export async function emitResult(io: Io, out: string | undefined, text: string | Pieces, what: string): Promise<void> {
  if (out === undefined) {
    if (typeof text === 'string') await write(io.stdout, text);
    else for await (const piece of text) await write(io.stdout, piece);
    return;
  }
  await writeFileAtomic(out, text);
  await note(io, `pt: wrote ${what} to ${out}\n`);
}

/**
 * `--out` naming one of the run's inputs (the same file: same device and inode, through symbolic
 * links) is refused before anything is read or written: the input would be replaced by the result.
 * Inputs are the positional arguments and every other string option's value (comma lists and
 * `name=file` items split); `-` (standard input) and paths that do not exist cannot be the output.
 */
export async function refuseOutOverInput(
  values: Readonly<Record<string, unknown>>,
  positionals: readonly string[],
): Promise<void> {
  const out = values['out'];
  if (typeof out !== 'string' || out === '') return;
  const target = await stat(out).catch(() => undefined);
  if (target === undefined || (!target.isFile() && !target.isSymbolicLink())) return;
  const candidates = new Set<string>(positionals);
  for (const [name, value] of Object.entries(values)) {
    if (name === 'out') continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item !== 'string') continue;
      candidates.add(item);
      for (const part of item.split(',')) {
        candidates.add(part);
        const eq = part.indexOf('=');
        if (eq >= 0) candidates.add(part.slice(eq + 1));
      }
    }
  }
  for (const candidate of candidates) {
    if (candidate === '' || candidate === '-') continue;
    const info = await stat(candidate).catch(() => undefined);
    if (info !== undefined && info.dev === target.dev && info.ino === target.ino) {
      throw new CliError('E_USAGE', `--out ${out} is an input of this run (${candidate}): it would be overwritten`, {
        hint: 'Write the result to another file.',
      });
    }
  }
}
