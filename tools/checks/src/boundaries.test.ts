import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Guards the dependency rule (README "Package map"): each case lints probe code, in memory, as
 * if it were the content of a real file of a project (Nx only judges files it knows), through
 * the workspace's real ESLint configuration. Nothing is written to disk. If the rule is ever
 * switched off, weakened or loses its tags, these tests fail.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const RULE = '@nx/enforce-module-boundaries';
let eslint: ESLint;

beforeAll(() => {
  // The rule reads Nx's project graph; make sure it exists (as it does under `nx run-many`).
  execFileSync(process.execPath, [fileURLToPath(import.meta.resolve('nx/bin/nx.js')), 'show', 'projects'], {
    cwd: root,
    env: { ...process.env, NX_DAEMON: 'false' },
    stdio: 'ignore',
  });
  eslint = new ESLint({ cwd: root });
}, 120_000); // computing the project graph takes seconds, more on a busy machine

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === RULE && m.severity === 2).map((m) => m.message);
}

describe('module boundaries', () => {
  it.each([
    ['a domain importing another domain', 'packages/slo/src/index.ts', "export { costProfile } from '@pt/cost';\n"],
    [
      'a domain importing another domain',
      'packages/cost/src/index.ts',
      "export { reliabilityScore } from '@pt/reliability';\n",
    ],
    ['a domain importing another domain', 'packages/governance/src/index.ts', "export { isMet } from '@pt/slo';\n"],
    [
      'a domain importing the toolkit',
      'packages/reliability/src/index.ts',
      "export { PlatformToolkit } from '@pt/toolkit';\n",
    ],
    ['a domain importing the CLI', 'packages/governance/src/index.ts', "export { main } from '@pt/cli';\n"],
    ['the toolkit importing the CLI', 'packages/toolkit/src/index.ts', "export { main } from '@pt/cli';\n"],
    ['the CLI importing a domain directly', 'apps/cli/src/main.ts', "export { isMet } from '@pt/slo';\n"],
    ['an example importing a domain directly', 'examples/toolkit-usage.ts', "export { isMet } from '@pt/slo';\n"],
    [
      'a relative import into another project',
      'packages/slo/src/index.ts',
      "export { costProfile } from '../../cost/src/index.js';\n",
    ],
  ])('rejects %s (%s)', async (_what, file, code) => {
    const errors = await boundaryErrors(file, code);
    expect(errors.length, `expected ${RULE} to reject ${code.trim()} in ${file}`).toBeGreaterThan(0);
  });

  it.each([
    ['the toolkit importing a domain', 'packages/toolkit/src/index.ts', "export { isMet } from '@pt/slo';\n"],
    ['the CLI importing the toolkit', 'apps/cli/src/main.ts', "export { PlatformToolkit } from '@pt/toolkit';\n"],
    [
      'an example importing the toolkit',
      'examples/toolkit-usage.ts',
      "export { PlatformToolkit } from '@pt/toolkit';\n",
    ],
    ['a domain importing a third-party library', 'packages/slo/src/index.ts', "export { z } from 'zod';\n"],
  ])('allows %s (%s)', async (_what, file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });

  it('is an error (not a warning) for every project', async () => {
    for (const file of ['packages/slo/src/index.ts', 'packages/toolkit/src/index.ts', 'apps/cli/src/main.ts']) {
      const config = (await eslint.calculateConfigForFile(`${root}${file}`)) as { rules?: Record<string, unknown> };
      const setting = config.rules?.[RULE];
      expect(Array.isArray(setting) ? setting[0] : setting, file).toBe(2);
    }
  });
});
