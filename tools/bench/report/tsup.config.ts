import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/main.ts', 'src/floor.ts', 'src/rss.ts'],
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  clean: true,
  // The fleet generator is bundled from source; js-yaml stays a package import.
  noExternal: [/^@pt\//],
  esbuildOptions(options) {
    options.conditions = ['@pt/source'];
  },
});
