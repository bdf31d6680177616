import { readFileSync } from 'node:fs';
import { DEMO_FLEET, PlatformToolkit, renderTable } from '@pt/toolkit';
import { describe, expect, it } from 'vitest';

/**
 * Docs are checked like code: every name a package exports appears in its README, and the
 * root README shows the demo exactly as `npm start` prints it.
 */
const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

/** Names re-exported by a package's `src/index.ts` (`export { a, type B } from …`). */
function exportedNames(indexSource: string): string[] {
  const names: string[] = [];
  for (const match of indexSource.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of (match[1] ?? '').split(',')) {
      const name = part
        .replace(/\btype\s+/, '')
        .trim()
        .split(/\s+as\s+/)
        .pop();
      if (name) names.push(name);
    }
  }
  return names;
}

describe('package READMEs', () => {
  it.each(['slo', 'cost', 'reliability', 'governance', 'toolkit'])('@pt/%s documents every export', (pkg) => {
    const names = exportedNames(read(`packages/${pkg}/src/index.ts`));
    expect(names.length).toBeGreaterThan(0);
    const readme = read(`packages/${pkg}/README.md`);
    expect(names.filter((name) => !readme.includes(name))).toEqual([]);
  });
});

describe('root README', () => {
  it('shows the demo report exactly as npm start prints it', () => {
    const demo = renderTable(PlatformToolkit.fromFleet(DEMO_FLEET).report(), { color: false });
    expect(read('README.md')).toContain(`\`\`\`text\n${demo}\`\`\``);
  });

  it('gives the two set-up commands', () => {
    const readme = read('README.md');
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });
});
