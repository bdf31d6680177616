import { defineConfig } from 'tsup';
import { libraryConfig } from '../../tsup.shared.js';

// Two entry points: the facade, and `@pt/toolkit/slo` (OpenSLO, SLI data, budgets, rules), kept
// apart so that commands which never read OpenSLO do not load it.
export default defineConfig({ ...libraryConfig, entry: { index: 'src/index.ts', 'slo/index': 'src/slo/index.ts' } });
