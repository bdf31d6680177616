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

async function boundaryErrors(filePath: string, code: string, linter: ESLint = eslint): Promise<string[]> {
  const [result] = await linter.lintText(code, { filePath: `${root}${filePath}` });
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
    ['the util package importing a domain', 'packages/input/src/index.ts', "export { isMet } from '@pt/slo';\n"],
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

/**
 * One import per constraint that only that constraint forbids. Each constraint is removed in turn
 * (the rest of the configuration as it is): its probe must then pass, and with the whole rule set it
 * must fail. So deleting any single constraint from eslint.config.mjs fails this suite.
 */
const PROBES: Record<string, [file: string, code: string]> = {
  // @pt/boundary-probe depends on nothing: importing it closes no project cycle (which Nx would
  // refuse before reading a constraint) and reaches no other domain, so only the layer says no.
  'type:util': ['packages/input/src/index.ts', "export { probe } from '@pt/boundary-probe';\n"],
  'type:domain': ['packages/slo/src/index.ts', "export { probe } from '@pt/boundary-probe';\n"],
  'type:facade': ['packages/toolkit/src/index.ts', "export { probe } from '@pt/boundary-probe';\n"],
  'type:app': ['apps/cli/src/main.ts', "export { isMet } from '@pt/slo';\n"],
  'type:example': ['examples/toolkit-usage.ts', "export { isMet } from '@pt/slo';\n"],
  'type:tool': ['tools/checks/src/docs.test.ts', "export { main } from '@pt/examples';\n"],
  'scope:slo': ['packages/slo/src/index.ts', "export { costProfile } from '@pt/cost';\n"],
  'scope:cost': ['packages/cost/src/index.ts', "export { reliabilityScore } from '@pt/reliability';\n"],
  'scope:reliability': ['packages/reliability/src/index.ts', "export { isMet } from '@pt/governance';\n"],
  'scope:governance': ['packages/governance/src/index.ts', "export { isMet } from '@pt/slo';\n"],
};

/** The boundary rule's options as the workspace configures them. */
async function ruleOptions(): Promise<{ depConstraints: { sourceTag: string }[] }> {
  const config = (await eslint.calculateConfigForFile(`${root}packages/slo/src/index.ts`)) as {
    rules: Record<string, [number, { depConstraints: { sourceTag: string }[] }]>;
  };
  return (config.rules[RULE] ?? [2, { depConstraints: [] }])[1];
}

/** A linter whose boundary rule has every constraint but the one of `sourceTag`. */
async function linterWithout(sourceTag: string): Promise<ESLint> {
  const options = await ruleOptions();
  const kept = options.depConstraints.filter((c) => c.sourceTag !== sourceTag);
  expect(kept.length).toBe(options.depConstraints.length - 1);
  return new ESLint({
    cwd: root,
    overrideConfig: { rules: { [RULE]: ['error', { ...options, depConstraints: kept }] } },
  });
}

describe('every single constraint of the boundary rule', () => {
  it('has a probe, and every probe a constraint', async () => {
    const { depConstraints } = await ruleOptions();
    expect(depConstraints.map((c) => c.sourceTag).sort()).toEqual(Object.keys(PROBES).sort());
  });

  // Nx words a constraint's refusal `A project tagged with "<tag>" can only depend on … / can not depend on …`.
  const byConstraint = (tag: string) => (message: string) => message.includes(`tagged with "${tag}"`);

  it.each(Object.entries(PROBES))(
    '%s: its probe is refused by that constraint, and by it alone',
    async (tag, [file, code]) => {
      const all = await boundaryErrors(file, code);
      expect(all.filter(byConstraint(tag)), `${code.trim()} in ${file}: ${all.join(' | ')}`).not.toEqual([]);
      // Without it, the same import is no longer refused on its account (other checks, such as a
      // project-level cycle the probe would close, are not constraints and may remain).
      const without = await boundaryErrors(file, code, await linterWithout(tag));
      expect(without.filter(byConstraint(tag))).toEqual([]);
      expect(without.filter((m) => /tagged with/.test(m) && !/without tags matching/.test(m))).toEqual([]);
    },
    60_000,
  );
});
