import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
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
  noExternal: [/^@pt\//, 'zod', 'js-yaml', 'jsonc-parser', 'picocolors', 'papaparse'],
  define: { __PT_VERSION__: JSON.stringify(version) },
  esbuildOptions(options) {
    options.conditions = ['@pt/source'];
  },
});
