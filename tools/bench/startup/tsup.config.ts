import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/main.ts'],
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  clean: true,
  // The fleet generator (for the seeded 10-service fleet) is bundled from source.
  noExternal: [/^@pt\//],
  esbuildOptions(options) {
    options.conditions = ['@pt/source'];
  },
});
