import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/main.ts'],
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  clean: true,
  // The fleet generator is bundled from source; DuckDB stays a package import.
  noExternal: [/^@pt\//],
  esbuildOptions(options) {
    options.conditions = ['@pt/source'];
  },
});
