#!/usr/bin/env node
// Totals the vitest JSON results every project wrote (or Nx restored from cache) during
// `npm test`, so the run ends with one summary line for the whole workspace.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const projectDirs = ['packages', 'apps', 'tools']
  .flatMap((group) => (existsSync(join(root, group)) ? readdirSync(join(root, group)).map((d) => join(root, group, d)) : []))
  .concat(join(root, 'examples'));

let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];
for (const dir of projectDirs) {
  const file = join(dir, '.test-results', 'vitest.json');
  if (!existsSync(file)) continue;
  const result = JSON.parse(readFileSync(file, 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  skipped += (result.numPendingTests ?? 0) + (result.numTodoTests ?? 0);
  rows.push(`  ${relative(root, dir).padEnd(22)} ${String(result.numPassedTests).padStart(5)} passed, ${result.numFailedTests} failed`);
}

if (rows.length === 0 || passed + failed === 0) {
  console.error('test-summary: no test results found; did the test targets run?');
  process.exit(1);
}
console.log(`\nTest results by project:\n${rows.join('\n')}\n`);
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
