/**
 * The one place every project's tests ask "are we in CI?" and "may a test that needs an external
 * tool (promtool, prometheus, chromium) skip?". Import it relatively, like `vitest.shared.ts`
 * (the module-boundary rule allows `…/test-env.js`).
 *
 * In CI (`CI` set to anything but empty, `false` or `0`: GitHub Actions sets `true`, others `1`)
 * a missing tool fails the tests that need it, never skips them: `.ci/run` installs the tools.
 * Elsewhere those tests are skipped, with one warning naming the tool and how to install it.
 */
import { spawnSync } from 'node:child_process';

/** Whether `env` says we run in CI: `CI` set, and not empty, `false` or `0` (any case). */
export function isCi(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  const value = env['CI']?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}

/** Whether `command ...args` starts and exits 0 (by default `command --version`). */
export function toolRuns(command: string, args: readonly string[] = ['--version']): boolean {
  const run = spawnSync(command, args, { stdio: 'ignore' });
  return run.error === undefined && run.status === 0;
}

/**
 * Whether the tests needing `tool` must be skipped: only when it is missing and we are not in CI
 * (then a warning says so). In CI this is always false, so those tests run and fail on the
 * missing tool — they must fail with a message naming it (see {@link missingTool}).
 */
export function skipWithout(
  tool: string,
  available: boolean,
  install: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): boolean {
  if (available) return false;
  if (isCi(env)) return false;
  console.warn(`${tool} is not installed: the tests that need it are skipped (${install}; in CI they fail).`);
  return true;
}

/** The error a test needing `tool` throws when it is missing (in CI). */
export function missingTool(tool: string, install: string): Error {
  return new Error(`${tool} is not installed, and CI is set: the tests that need it fail (${install}).`);
}
