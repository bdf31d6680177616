import { defineConfig } from 'tsup';

// One bundle of the benchmark and @pt/slo, read from its sources (no prior build needed).
export default defineConfig({
  entry: ['src/bench.ts'],
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  clean: true,
  noExternal: [/^@pt\//],
  esbuildOptions(options) {
    options.conditions = ['@pt/source'];
  },
});
