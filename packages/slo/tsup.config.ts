import { defineConfig } from 'tsup';
import { libraryConfig } from '../../tsup.shared.js';

// `@pt/slo` (fleet-file SLOs) and `@pt/slo/openslo` (OpenSLO, SLI data, budgets, alerts, rules).
export default defineConfig({
  ...libraryConfig,
  entry: { index: 'src/index.ts', 'openslo-api': 'src/openslo-api.ts' },
});
