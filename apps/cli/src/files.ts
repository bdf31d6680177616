import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CliError } from './errors.js';
import { write, type Io } from './stdio.js';

/** Default largest input, in MiB (`--max-input-mb`). */
export const DEFAULT_MAX_INPUT_MB = 512;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A failed file-system call as a one-line input error (`cannot read x: permission denied`). */
export function describeFsError(error: unknown, action: 'read' | 'write', file: string): CliError {
  const code = (error as { code?: unknown }).code;
  const reason =
    code === 'ENOENT'
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
                : error instanceof Error
                  ? error.message
                  : String(error);
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

/**
 * Writes `content` (text, or pieces of it in order) to `file` atomically: a temporary file in the
 * same directory, renamed over the target once complete. A failure leaves neither a partial file
 * nor the temporary one.
 */
export async function writeFileAtomic(file: string, content: string | Pieces): Promise<void> {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    if (typeof content === 'string') await writeFile(temporary, content, { flag: 'wx' });
    else {
      const handle = await open(temporary, 'wx');
      try {
        // writeFile writes all of each piece, from where the last one ended.
        for await (const piece of content) await handle.writeFile(piece);
      } finally {
        await handle.close();
      }
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
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
  await write(io.stderr, `pt: wrote ${what} to ${out}\n`);
}
