/**
 * Helpers for the e2e tests: they run the BUILT `pt` binary (`bin/pt.js` → `dist/main.js`) as a
 * child process, exactly as a user would, and look only at its exit code, stdout and stderr.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

/** `apps/cli`, found from this file so that no absolute path is written anywhere. */
export const CLI_DIR = fileURLToPath(new URL('..', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/pt.js', import.meta.url));
const BUNDLE = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/** The example fleets, relative to {@link CLI_DIR} (the default working directory). */
export const EXAMPLE_YAML = '../../examples/fleet.yaml';
export const EXAMPLE_JSON = '../../examples/fleet.json';

if (!existsSync(BUNDLE)) {
  throw new Error(
    'pt e2e tests: dist/main.js is missing, so there is no built `pt` to run. ' +
      'Build the CLI first: `cd apps/cli && npx tsup` (the Nx "test" target runs "build" before it).',
  );
}

/** The version in apps/cli/package.json, which `pt --version` must print. */
export const PACKAGE_VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface RunOptions {
  /** Working directory; default {@link CLI_DIR}. */
  readonly cwd?: string;
  /** Written to the child's standard input (then closed). */
  readonly input?: string | Uint8Array;
  /** Extra environment variables. Colour variables are never inherited, only set here. */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Run as an unprivileged user (`nobody`, uid/gid 65534, no supplementary groups, via util-linux
   * `setpriv`) when the tests run as root, as in CI: root reads any file whatever its mode, so a
   * "permission denied" case means nothing as root. Ignored when not root.
   */
  readonly unprivileged?: boolean;
}

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Wall-clock milliseconds the process took. */
  readonly ms: number;
}

/** A clean environment: nothing that changes colour or debugging leaks in from the test runner. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'SYSTEMROOT', 'TMPDIR', 'TEMP', 'TMP']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

/** How long one run may take before it is killed and the test fails. */
const KILL_AFTER_MS = 60_000;

/**
 * Runs `node bin/pt.js ...args` and resolves once it exits (killed after 60 s: a guard against a hang, not a time limit; a loaded machine needs the room). Asynchronous,
 * so that the tests of a file can run concurrently: most of the time goes into starting Node.
 */
export function runPt(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const dropRoot = options.unprivileged === true && process.getuid?.() === 0;
    const [command, argv] = dropRoot
      ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--', process.execPath, BIN, ...args]]
      : [process.execPath, [BIN, ...args]];
    const child = spawn(command, argv, {
      cwd: options.cwd ?? CLI_DIR,
      env: { ...baseEnv(), ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    // The child may exit before reading all its input (e.g. a usage error): not our failure.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, KILL_AFTER_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      if (killed) {
        reject(new Error(`pt ${args.join(' ')} did not finish within ${KILL_AFTER_MS} ms`));
        return;
      }
      resolve({
        status,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        ms: performance.now() - started,
      });
    });
  });
}

/** The JSON error of a `--format json` run (`ErrorJson` of src/errors.ts), as far as these helpers read it. */
interface JsonError {
  error: {
    message: string;
    hint?: string;
    issues?: {
      code: string;
      severity: string;
      message: string;
      location: { file: string; document?: number; line?: number; column?: number; path?: string };
    }[];
    details?: string[];
  };
}

/**
 * A `--format json` run's error (one JSON object on stderr) written as pt writes it without
 * `--format json`: the located issues (`file:line path: message`, as `formatIssue`), the other
 * lines, `pt: <message>` and the hint. Any other result is returned as it is. For the tests of
 * what an error says, whatever the format asked; the JSON form itself is tested in
 * ergonomics.e2e.test.ts.
 */
export function asText(result: RunResult): RunResult {
  if (!result.stderr.startsWith('{"error":')) return result;
  const { error } = JSON.parse(result.stderr) as JsonError;
  const issues = (error.issues ?? []).map((i) => {
    const l = i.location;
    const where = l.line === undefined ? l.file : `${l.file}:${l.line}`;
    const column = i.code === 'E_SYNTAX' && l.column !== undefined ? `:${l.column}` : '';
    const document = l.document === undefined ? '' : ` (document ${l.document})`;
    const path = l.path === undefined ? '' : ` ${l.path}`;
    return `${where}${column}${document}${path}: ${i.severity === 'warning' ? 'warning: ' : ''}${i.message}`;
  });
  const lines = [
    ...issues,
    ...(error.details ?? []),
    `pt: ${error.message}`,
    ...(error.hint === undefined ? [] : [error.hint]),
  ];
  return { ...result, stderr: `${lines.join('\n')}\n` };
}

/** A stack trace line (`    at fn (file:1:2)`) anywhere after the first line. */
export const STACK_TRACE = /\n\s+at /;

/** No stack trace and no "internal error": bad input must be reported, never crash. */
export function expectNoCrash(result: RunResult): void {
  expect(result.stderr).not.toMatch(STACK_TRACE);
  expect(result.stderr).not.toContain('internal error');
}

/** Exit 2, nothing on stdout, exactly `pt: <message>` then the hint on stderr. */
export function expectUsageError(given: RunResult, message: string | RegExp, hint: string): void {
  const result = asText(given);
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  expectNoCrash(result);
  const lines = result.stderr.split('\n');
  expect(lines).toHaveLength(3); // message, hint, and the empty string after the final newline
  if (typeof message === 'string') expect(lines[0]).toBe(`pt: ${message}`);
  else expect(lines[0]).toMatch(message);
  expect(lines[1]).toBe(hint);
  expect(lines[2]).toBe('');
}

/**
 * Exit 2, nothing on stdout, and stderr exactly: the `file:line path: message` lines, then
 * `pt: <file> is not a valid fleet file (n problems)`.
 */
export function expectInvalidFleet(given: RunResult, file: string, issues: readonly string[]): void {
  const result = asText(given);
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  expectNoCrash(result);
  const n = issues.length;
  expect(result.stderr).toBe(
    [...issues, `pt: ${file} is not a valid fleet file (${n} problem${n === 1 ? '' : 's'})`, ''].join('\n'),
  );
}

/** Exit 2, nothing on stdout, and stderr exactly the one line `pt: <message>`. */
export function expectInputError(given: RunResult, message: string | RegExp): void {
  const result = asText(given);
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  expectNoCrash(result);
  if (typeof message === 'string') expect(result.stderr).toBe(`pt: ${message}\n`);
  else {
    expect(result.stderr.split('\n')).toHaveLength(2);
    expect(result.stderr).toMatch(message);
  }
}

/** A temporary directory under the OS temp folder; `cleanup()` removes it and everything in it. */
export interface TempDir {
  readonly path: string;
  /** Writes `content` to `name` inside the directory and returns `name`. */
  file(name: string, content: string | Uint8Array): string;
  cleanup(): void;
}

/**
 * `it` with a `dir` fixture: a fresh temporary directory per test, removed after it (works with
 * concurrent tests, unlike a shared variable set in `beforeEach`).
 */
export const itWithDir = test.extend<{ dir: TempDir }>({
  // eslint-disable-next-line no-empty-pattern -- vitest fixtures must destructure their context
  dir: async ({}, use) => {
    const dir = makeTempDir();
    try {
      await use(dir);
    } finally {
      dir.cleanup();
    }
  },
});

export function makeTempDir(): TempDir {
  const path = mkdtempSync(join(tmpdir(), 'pt-e2e-'));
  return {
    path,
    file(name, content) {
      writeFileSync(join(path, name), content);
      return name;
    },
    cleanup() {
      rmSync(path, { recursive: true, force: true });
    },
  };
}

/** The start of an ANSI escape sequence (CSI), e.g. of a colour. */
export const ANSI_CSI = '\u001b[';
