import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Options } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * Packages a run seldom needs, with the names it imports from each (`default` for the module
 * itself): re2js (scorecard `matches` patterns), picomatch (`pt dora import git` paths), papaparse
 * (CSV events and SLI data). Each import becomes a stand-in that requires the bundled CommonJS
 * build on first use, so a run that never calls them never evaluates them (measured: they were a
 * tenth of `pt report`'s start-up). A name not listed fails the build.
 */
const LAZY_PACKAGES: Readonly<Record<string, readonly string[]>> = {
  re2js: ['RE2JS'],
  picomatch: ['default'],
  papaparse: ['default'],
};

const lazyPackages: EsbuildPlugin = {
  name: 'pt-lazy-packages',
  setup(build) {
    const filter = new RegExp(`^(${Object.keys(LAZY_PACKAGES).join('|')})$`);
    build.onResolve({ filter }, (args) =>
      // The stand-in's own require resolves as usual (to the CommonJS build, bundled).
      args.namespace === 'pt-lazy' ? undefined : { path: args.path, namespace: 'pt-lazy' },
    );
    build.onLoad({ filter: /.*/, namespace: 'pt-lazy' }, (args) => {
      const names = LAZY_PACKAGES[args.path] ?? [];
      const pick = (name: string) => (name === 'default' ? 'load' : `() => load()[${JSON.stringify(name)}]`);
      const contents = [
        'let loaded;',
        `const load = () => (loaded ??= require(${JSON.stringify(args.path)}));`,
        'const lazy = (pick) => new Proxy(function () {}, {',
        '  get: (_target, key) => Reflect.get(pick(), key),',
        '  has: (_target, key) => Reflect.has(pick(), key),',
        '  apply: (_target, self, args) => Reflect.apply(pick(), self, args),',
        '  construct: (_target, args) => Reflect.construct(pick(), args),',
        '});',
        ...names.map((name) =>
          name === 'default' ? `export default lazy(${pick(name)});` : `export const ${name} = lazy(${pick(name)});`,
        ),
      ].join('\n');
      return { contents, loader: 'js', resolveDir: fileURLToPath(new URL('.', import.meta.url)) };
    });
  },
};

// The CLI ships as one bundle of our own packages (read from their sources through the
// `@pt/source` condition). Commands are separate chunks loaded on demand, so `pt --version`
// and `pt --help` load nothing but the entry chunk.
export default defineConfig({
  // The workers are entries of their own: worker threads start from a file.
  entry: { main: 'src/main.ts', 'cost-worker': 'src/cost/worker.ts', 'report-worker': 'src/report/worker.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  clean: true,
  sourcemap: true,
  splitting: true,
  treeshake: true,
  dts: { entry: { main: 'src/main.ts' } },
  noExternal: [/^@pt\//, 'zod', 'js-yaml', 'jsonc-parser', 'picocolors', 'papaparse', '@duckdb/node-api'],
  // DuckDB's JavaScript API is bundled (loading its ~60 CommonJS files from ESM cost about a tenth
  // of a second of \`pt history\`); the native binding it requires stays a package, loaded through
  // the \`require\` each chunk gets below.
  external: ['@duckdb/node-bindings'],
  banner: {
    js: "import { createRequire as __ptCreateRequire } from 'node:module';\nvar require = __ptCreateRequire(import.meta.url);",
  },
  esbuildPlugins: [lazyPackages],
  define: { __PT_VERSION__: JSON.stringify(version) },
  esbuildOptions(options) {
    options.conditions = ['@pt/source'];
  },
});
