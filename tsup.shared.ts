import type { Options } from 'tsup';

/** Build settings shared by every library package: ESM + .d.ts from src/index.ts. */
export const libraryConfig: Options = {
  entry: ['src/index.ts'],
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  dts: true,
  clean: true,
  sourcemap: true,
  splitting: false,
  treeshake: true,
};
