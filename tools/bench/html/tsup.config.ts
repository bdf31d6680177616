import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/main.ts'],
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  clean: true,
  // Our packages are bundled from source; playwright-core and the toolkit's libraries stay package imports.
  noExternal: [/^@pt\//],
  esbuildOptions(options) {
    options.conditions = ['@pt/source'];
  },
});
