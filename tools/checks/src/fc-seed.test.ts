import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Every fast-check property runs with the workspace's vitest setup (vitest.setup.ts): a failure
 * prints its seed and path, and `FC_SEED=<seed>` replays exactly that run.
 */
const VITEST = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const CONFIG = fileURLToPath(new URL('../test/fixtures/fc-seed/vitest.fixture.config.ts', import.meta.url));

function runFixture(env: Record<string, string>) {
  const { FC_SEED: _ignored, ...inherited } = process.env;
  const run = spawnSync(process.execPath, [VITEST, 'run', '--config', CONFIG], {
    env: { ...inherited, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
    encoding: 'utf8',
  });
  const output = `${run.stdout}${run.stderr}`;
  const found = /\{ seed: (-?\d+), path: "([\d:]+)"/.exec(output);
  return { status: run.status, output, seed: found?.[1], path: found?.[2] };
}

describe('fast-check seeds', () => {
  it('a failing property prints its seed and path, and FC_SEED replays it', () => {
    const first = runFixture({});
    expect(first.status, first.output).toBe(1);
    expect(first.seed, first.output).toBeDefined();
    expect(first.path).toBeDefined();
    const replay = runFixture({ FC_SEED: first.seed ?? '' });
    expect(replay.status).toBe(1);
    expect({ seed: replay.seed, path: replay.path }).toEqual({ seed: first.seed, path: first.path });
  });

  it('a seed that is not an integer is refused, not ignored', () => {
    const r = runFixture({ FC_SEED: 'abc' });
    expect(r.status).toBe(1);
    expect(r.output).toContain('FC_SEED must be an integer');
  });
});
