#!/usr/bin/env node
// The external tools the tests run, as Nx sees them: a `runtime` input of every test target
// (nx.json), so that installing, removing or upgrading one changes the test hash and a result
// recorded without it (skipped) or with another version is never replayed from the cache.
// Prints one line per tool: its name, the path it resolves to on PATH (or "missing"), and the
// first line of its `--version`. Never fails: a missing tool is a state to hash, not an error.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, realpathSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The first executable `name` on PATH, as the tests (spawn with PATH) would find it. */
function which(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function describe(name, path) {
  if (path === undefined) return `${name}: missing`;
  let real = path;
  try {
    real = realpathSync(path);
  } catch {
    // a dangling link: hash the path as it is
  }
  const run = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  const version = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim().split('\n')[0] ?? '';
  return `${name}: ${real} ${run.status === 0 ? version : `(--version failed: ${run.error?.message ?? run.status})`}`;
}

const chromium = process.env.PT_CHROMIUM || which('chromium') || which('chromium-browser');
console.log(
  [
    describe('promtool', which('promtool')),
    describe('prometheus', which('prometheus')),
    describe('chromium', chromium),
    describe('zsh', which('zsh')),
    describe('fish', which('fish')),
  ].join('\n'),
);
