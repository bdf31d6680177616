import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultServerConditions } from 'vite';
import type { ViteUserConfig } from 'vitest/config';

/**
 * One vitest configuration for every project. Workspace packages resolve to their TypeScript
 * sources through the `@pt/source` export condition, so tests never need a prior build of their
 * dependencies. Each run also writes a JSON result file that `tools/checks/test-summary.mjs`
 * totals into one closing line for `npm test`. `vitest.setup.ts` runs before every test file
 * (fast-check: `FC_SEED` replays a failing property's seed).
 */
export function defineProjectConfig(projectRoot: string, overrides: { testTimeout?: number } = {}): ViteUserConfig {
  return {
    root: projectRoot,
    ssr: { resolve: { conditions: ['@pt/source', ...defaultServerConditions] } },
    resolve: { conditions: ['@pt/source'] },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts', '*.test.ts'],
      watch: false,
      setupFiles: [fileURLToPath(new URL('./vitest.setup.ts', import.meta.url))],
      testTimeout: overrides.testTimeout ?? 10_000,
      reporters: ['default', ['json', { outputFile: join(projectRoot, '.test-results', 'vitest.json') }]],
    },
  };
}
