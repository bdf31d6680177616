import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * `test-summary.mjs` fed fake vitest result files: a project that did not run, ran nothing, or
 * failed outside a test must fail `npm test`, and the total stays the last line.
 */
const SCRIPT = fileURLToPath(new URL('../test-summary.mjs', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));

interface Fake {
  readonly name: string;
  readonly root: string;
  /** The vitest JSON result; absent: no result file. */
  readonly result?: Record<string, unknown> | string;
}

const ok = (passed: number, skipped = 0) => ({
  success: true,
  numPassedTests: passed,
  numFailedTests: 0,
  numPendingTests: skipped,
  numTodoTests: 0,
  numFailedTestSuites: 0,
});

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function summarize(fakes: readonly Fake[]) {
  const dir = mkdtempSync(join(tmpdir(), 'pt-test-summary-'));
  dirs.push(dir);
  for (const fake of fakes) {
    if (fake.result === undefined) continue;
    mkdirSync(join(dir, fake.root, '.test-results'), { recursive: true });
    const text = typeof fake.result === 'string' ? fake.result : JSON.stringify(fake.result);
    writeFileSync(join(dir, fake.root, '.test-results', 'vitest.json'), text);
  }
  const projects = join(dir, 'projects.json');
  writeFileSync(projects, JSON.stringify(fakes.map(({ name, root: r }) => ({ name, root: r }))));
  const run = spawnSync(process.execPath, [SCRIPT, '--projects', projects, '--root', dir], { encoding: 'utf8' });
  const lines = run.stdout.trimEnd().split('\n');
  return {
    status: run.status,
    stdout: run.stdout,
    lines,
    last: lines.at(-1),
    row: (name: string) => lines.find((l) => l.startsWith(`  ${name} `)),
  };
}

describe('test-summary.mjs', () => {
  it('prints a line per project and the total last; exit 0 when every project passed', () => {
    const r = summarize([
      { name: '@pt/a', root: 'packages/a', result: ok(3, 1) },
      { name: '@pt/b', root: 'apps/b', result: ok(2) },
    ]);
    expect(r.status).toBe(0);
    expect(r.row('@pt/a')).toMatch(/ 3 passed, 0 failed, 1 skipped$/);
    expect(r.row('@pt/b')).toMatch(/ 2 passed, 0 failed, 0 skipped$/);
    expect(r.last).toBe('Tests: 5 passed, 0 failed, 1 skipped');
  });

  it.each([
    [
      'has no result file (its tests did not run)',
      undefined,
      /FAILED: no result file \(packages\/b\/\.test-results\/vitest\.json\)/,
    ],
    ['has an unreadable result file', '{"numPassedTests": 4', /FAILED: unreadable result file/],
    ['ran no test at all', ok(0), /FAILED: no test passed/],
    ['has only skipped tests', ok(0, 7), /0 passed, 0 failed, 7 skipped {2}FAILED: no test passed/],
    [
      'failed in beforeAll (success false, no test counted as failed)',
      { ...ok(0, 3), success: false, numFailedTestSuites: 1 },
      /FAILED: the run did not succeed \(success: false, 1 suite failed outside a test, e\.g\. in beforeAll\)/,
    ],
    [
      'passed some tests but a file failed to load (success false)',
      { ...ok(9), success: false, numFailedTestSuites: 1 },
      /9 passed, 0 failed, 0 skipped {2}FAILED: the run did not succeed/,
    ],
    [
      'has a failed test',
      { ...ok(5), success: false, numFailedTests: 2 },
      /5 passed, 2 failed, 0 skipped {2}FAILED: 2 failed/,
    ],
  ] as const)('fails when a project %s', (_what, result, row) => {
    const r = summarize([
      { name: '@pt/a', root: 'packages/a', result: ok(3) },
      { name: '@pt/b', root: 'packages/b', ...(result === undefined ? {} : { result }) },
    ]);
    expect(r.status).toBe(1);
    expect(r.row('@pt/b')).toMatch(row);
    expect(r.row('@pt/a')).not.toContain('FAILED');
    expect(r.last).toMatch(/^Tests: \d+ passed, \d+ failed, \d+ skipped$/);
  });

  it('fails when no project has a test target', () => {
    const r = summarize([]);
    expect(r.status).toBe(1);
    expect(r.last).toBe('Tests: 0 passed, 0 failed, 0 skipped');
  });

  // Without --projects it asks Nx: every project with a test target gets a line.
  it('knows every project with a test target from the Nx project graph', () => {
    const nx = fileURLToPath(import.meta.resolve('nx/bin/nx.js'));
    const env = { ...process.env, NX_DAEMON: 'false' };
    const expected = JSON.parse(
      execFileSync(process.execPath, [nx, 'show', 'projects', '--with-target', 'test', '--json'], {
        cwd: root,
        env,
        encoding: 'utf8',
      }),
    ) as string[];
    expect(expected).toContain('@pt/checks');
    const run = spawnSync(process.execPath, [SCRIPT], { cwd: root, env, encoding: 'utf8' });
    const listed = run.stdout
      .split('\n')
      .filter((l) => l.startsWith('  @'))
      .map((l) => l.trim().split(' ')[0]);
    expect(listed.sort()).toEqual([...expected].sort());
  });
});
