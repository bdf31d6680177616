import { defineConfig } from 'tsup';

// One runnable file; our packages are bundled from their sources.
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
