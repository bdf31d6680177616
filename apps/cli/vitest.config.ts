import { fileURLToPath } from 'node:url';
import { defineProjectConfig } from '../../vitest.shared.js';

export default defineProjectConfig(fileURLToPath(new URL('.', import.meta.url)), { testTimeout: 120_000 });
