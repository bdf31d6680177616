#!/usr/bin/env node
// Closes `npm test`: one line per project that has a `test` target (from Nx's project graph, so
// a new project cannot be forgotten), then the total as the LAST line, which CI reads:
//
//   Tests: N passed, N failed, N skipped
//
// Fails (exit 1) when any project has no result file (`<root>/.test-results/vitest.json`, written
// by vitest or restored by Nx from its cache), an unreadable one, no passed test, a failed test,
// or `success: false` (a suite that failed outside any test, e.g. in `beforeAll`, or a file that
// did not load).
//
// Options, for its own tests: `--projects <file>` reads `[{ "name", "root" }]` instead of asking
// Nx; `--root <dir>` is the workspace the roots are relative to (default: this repository).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: options } = parseArgs({ options: { projects: { type: 'string' }, root: { type: 'string' } } });
const root = options.root ?? fileURLToPath(new URL('../../', import.meta.url));
const RESULT = join('.test-results', 'vitest.json');

/** Every project with a `test` target, as `{ name, root }`, from Nx's project graph. */
function projectsFromNx() {
  const nx = fileURLToPath(import.meta.resolve('nx/bin/nx.js'));
  const json = execFileSync(process.execPath, [nx, 'graph', '--file=stdout'], {
    cwd: root,
    env: { ...process.env, NX_DAEMON: 'false' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 256 * 1024 * 1024,
  });
  const nodes = Object.values(JSON.parse(json).graph.nodes);
  return nodes.filter((n) => n.data.targets?.test !== undefined).map((n) => ({ name: n.name, root: n.data.root }));
}

const projects = (
  options.projects === undefined ? projectsFromNx() : JSON.parse(readFileSync(options.projects, 'utf8'))
).sort((a, b) => a.name.localeCompare(b.name));

/** What one project's result file says, or why it cannot be trusted. */
function resultOf(project) {
  const file = join(root, project.root, RESULT);
  if (!existsSync(file)) return { problem: `no result file (${join(project.root, RESULT)}): did its tests run?` };
  let result;
  try {
    result = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { problem: `unreadable result file (${join(project.root, RESULT)}): ${error.message}` };
  }
  const count = (key) => (Number.isInteger(result[key]) ? result[key] : 0);
  const passed = count('numPassedTests');
  const failed = count('numFailedTests');
  const skipped = count('numPendingTests') + count('numTodoTests');
  const problems = [];
  if (failed > 0) problems.push(`${failed} failed`);
  if (result.success !== true) {
    const suites = count('numFailedTestSuites');
    problems.push(
      `the run did not succeed (success: ${JSON.stringify(result.success)}${suites > 0 ? `, ${suites} suite${suites === 1 ? '' : 's'} failed outside a test, e.g. in beforeAll` : ''})`,
    );
  }
  if (passed === 0) problems.push('no test passed');
  return { passed, failed, skipped, problem: problems.length > 0 ? problems.join('; ') : undefined };
}

let passed = 0;
let failed = 0;
let skipped = 0;
let bad = 0;
const rows = [];
const width = Math.max(0, ...projects.map((p) => p.name.length));
for (const project of projects) {
  const r = resultOf(project);
  passed += r.passed ?? 0;
  failed += r.failed ?? 0;
  skipped += r.skipped ?? 0;
  const counts =
    r.passed === undefined ? '' : `${String(r.passed).padStart(5)} passed, ${r.failed} failed, ${r.skipped} skipped`;
  if (r.problem !== undefined) bad++;
  rows.push(
    `  ${project.name.padEnd(width)} ${counts}${r.problem === undefined ? '' : `${counts ? '  ' : ''}FAILED: ${r.problem}`}`,
  );
}

if (projects.length === 0) rows.push('  no project has a test target: the project graph is wrong');
console.log(`\nTest results by project:\n${rows.join('\n')}\n`);
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = bad > 0 || failed > 0 || projects.length === 0 ? 1 : 0;
