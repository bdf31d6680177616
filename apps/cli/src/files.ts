import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CliError } from './errors.js';
import type { Io } from './stdio.js';

/** Default largest input, in MiB (`--max-input-mb`). */
export const DEFAULT_MAX_INPUT_MB = 512;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function describeFsError(error: unknown, action: string, file: string): CliError {
  const code = (error as { code?: unknown }).code;
  const reason =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'ENOTDIR'
            ? 'a parent is not a directory'
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
  const mb = maxBytes / (1024 * 1024);
  return new CliError('E_INPUT', `cannot read ${file}: larger than ${mb} MiB (raise --max-input-mb)`);
}

/** Reads a UTF-8 text file, or standard input for `-`, refusing more than `maxBytes`. */
export async function readInput(file: string, maxBytes: number, io: Io): Promise<string> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of io.stdin) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
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
    return decode(await handle.readFile(), file);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw describeFsError(error, 'read', file);
  } finally {
    await handle?.close();
  }
}

/**
 * Writes `content` to `file` atomically: a temporary file in the same directory, renamed over
 * the target once complete. A failure leaves neither a partial file nor the temporary one.
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, content, { flag: 'wx' });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw describeFsError(error, 'write', file);
  }
}
