/** `pt diff` and `pt schema` through the built binary. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import {
  asText,
  EXAMPLE_YAML,
  expectNoCrash,
  expectUsageError,
  itWithDir as it,
  runPt,
  type TempDir,
} from './run-cli.js';

/** Writes the example fleet's JSON report into `dir` and returns it parsed. */
async function exampleReport(dir: TempDir) {
  const result = await runPt(['report', EXAMPLE_YAML, '--format', 'json']);
  expect(result.status).toBe(0);
  dir.file('old.json', result.stdout);
  return JSON.parse(result.stdout) as {
    services: { name: string; health: string; reliabilityScore: number | null; monthlyCost: number }[];
  };
}

describe('pt diff', () => {
  it('reports no change between a report and itself, exit 0', async ({ dir }) => {
    await exampleReport(dir);
    const result = await runPt(['diff', 'old.json', 'old.json'], { cwd: dir.path });
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout).toBe('0 changed, 0 added, 0 removed, 8 unchanged; 0 regressions\n');
  });

  it('lists worsened, new and removed services, and fails on regression only when asked', async ({ dir }) => {
    const report = await exampleReport(dir);
    const [first, second, ...rest] = report.services;
    if (first === undefined || second === undefined) throw new Error('example fleet too small');
    const changed = {
      ...report,
      services: [
        { ...first, health: 'critical', reliabilityScore: 10, monthlyCost: first.monthlyCost + 1 },
        ...rest,
        { ...second, name: 'brand-new' },
      ],
    };
    dir.file('new.json', JSON.stringify(changed));
    const plain = await runPt(['diff', 'old.json', 'new.json'], { cwd: dir.path });
    expect(plain.status).toBe(0);
    expect(plain.stdout.split('\n')[0]).toBe('1 changed, 1 added, 1 removed, 6 unchanged; 1 regression');
    expect(plain.stdout).toContain(`~ ${first.name} (`);
    expect(plain.stdout).toContain(`    health ${first.health} → critical (worse)\n`);
    expect(plain.stdout).toContain(`- ${second.name} (`);
    expect(plain.stdout).toContain('+ brand-new (');

    const gated = await runPt(['diff', 'old.json', 'new.json', '--fail-on-regression', '-f', 'json'], {
      cwd: dir.path,
    });
    expect(gated.status).toBe(1);
    expect(JSON.parse(gated.stdout)).toMatchObject({ summary: { changed: 1, added: 1, removed: 1, regressions: 1 } });
    expect(asText(gated).stderr).toBe(`pt: --fail-on-regression: 1 service(s) got worse: ${first.name}\n`);

    const md = await runPt(['diff', 'old.json', 'new.json', '-f', 'markdown', '--out', 'diff.md'], { cwd: dir.path });
    expect(md).toMatchObject({ status: 0, stdout: '' });
    const text = readFileSync(join(dir.path, 'diff.md'), 'utf8');
    expect(text).toContain('| Service | Team | Change | Details |\n| --- | --- | --- | --- |\n');
    expect(text).toContain(`| ${first.name} |`);
  });

  it('rejects a file that is not a report, located, exit 2, nothing on stdout', async ({ dir }) => {
    await exampleReport(dir);
    dir.file('fleet.json', '{\n  "apiVersion": "pt/v1",\n  "kind": "Fleet",\n  "services": []\n}\n');
    const result = await runPt(['diff', 'old.json', 'fleet.json'], { cwd: dir.path });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expectNoCrash(result);
    expect(result.stderr).toContain('fleet.json:1 schemaVersion: is required\n');
    expect(result.stderr).toMatch(/fleet\.json:2 apiVersion: .*unknown/);
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(
      "pt: fleet.json is not a pt JSON report ('pt report --format json' writes one)",
    );
  });

  it('needs two reports', async () => {
    expectUsageError(
      await runPt(['diff', 'a.json']),
      'missing argument <new-report.json>',
      "Run 'pt diff --help' for usage.",
    );
  });
});

describe('pt schema', () => {
  it('prints the fleet schema, which describes every fleet key', async () => {
    const result = await runPt(['schema', 'fleet']);
    expect(result).toMatchObject({ status: 0, stderr: '' });
    const schema = JSON.parse(result.stdout) as { title: string; properties: Record<string, unknown> };
    expect(schema.title).toBe('pt fleet file (apiVersion pt/v1)');
    expect(Object.keys(schema.properties)).toEqual(['apiVersion', 'kind', 'services', 'waivers', 'budgets']);
  });

  it('writes the report schema to a file', async ({ dir }) => {
    const result = await runPt(['schema', 'report', '--out', 'report.schema.json'], { cwd: dir.path });
    expect(result).toMatchObject({
      status: 0,
      stdout: '',
      stderr: 'pt: wrote the report schema to report.schema.json\n',
    });
    const schema = JSON.parse(readFileSync(join(dir.path, 'report.schema.json'), 'utf8')) as { title: string };
    expect(schema.title).toBe('pt report (schemaVersion 1)');
  });

  it('refuses an unknown subject', async () => {
    expectUsageError(
      await runPt(['schema', 'nope']),
      'expected "fleet", "report" or "config"; got "nope"',
      "Run 'pt schema --help' for usage.",
    );
  });
});
