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

/** Every entry point of a package: the source file behind each `exports` subpath. */
function entryPoints(pkg: string): [string, string][] {
  const manifest = JSON.parse(read(`packages/${pkg}/package.json`)) as {
    exports: Record<string, string | Record<string, string>>;
  };
  const entries: [string, string][] = [];
  for (const [subpath, target] of Object.entries(manifest.exports)) {
    const source = typeof target === 'string' ? undefined : target['@pt/source'];
    if (source !== undefined) entries.push([subpath, source.replace(/^\.\//, '')]);
  }
  return entries;
}

const PACKAGES = ['input', 'slo', 'cost', 'reliability', 'governance', 'toolkit'];
const DOMAINS = ['slo', 'cost', 'reliability', 'governance'];

describe('package READMEs', () => {
  it.each(PACKAGES.flatMap((pkg) => entryPoints(pkg).map(([subpath, source]) => [pkg, subpath, source] as const)))(
    '@pt/%s (entry %s, %s) documents every export',
    (pkg, _subpath, source) => {
      const names = exportedNames(read(`packages/${pkg}/${source}`));
      expect(names.length).toBeGreaterThan(0);
      const readme = read(`packages/${pkg}/README.md`);
      expect(names.filter((name) => !readme.includes(name))).toEqual([]);
    },
  );

  it('covers every entry point, the second ones included', () => {
    expect(entryPoints('slo').map(([subpath]) => subpath)).toContain('./openslo');
    expect(entryPoints('toolkit').map(([subpath]) => subpath)).toContain('./slo');
  });

  it.each(DOMAINS)('@pt/%s says where its domain appears outside the package', (pkg) => {
    expect(read(`packages/${pkg}/README.md`)).toMatch(/^## Where my domain appears outside this package$/m);
  });
});

describe('Markdown code fences', () => {
  it.each(['README.md', ...PACKAGES.map((pkg) => `packages/${pkg}/README.md`), 'apps/cli/README.md'])(
    '%s closes every code block it opens',
    (file) => {
      const fences = read(file)
        .split('\n')
        .filter((line) => /^\s*```/.test(line));
      // An opening fence carries a language or not; a closing one is bare. Count the pairs.
      let open = false;
      for (const fence of fences) {
        if (!open) open = true;
        else if (/^\s*```\s*$/.test(fence)) open = false;
        else throw new Error(`${file}: a code block opened with ${fence.trim()} inside another one`);
      }
      expect(open).toBe(false);
    },
  );
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
