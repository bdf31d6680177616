/**
 * `pt governance check`, `pt governance import-catalog` and `pt report --scorecard/--catalog/--at`,
 * run through the built binary (issue 7).
 */
import { describe, expect } from 'vitest';
import { EXAMPLE_YAML, expectNoCrash, expectUsageError, itWithDir as it, runPt } from './run-cli.js';

/** Backstage's example entities, kept with their licence under the governance package. */
const FIXTURES = '../../packages/governance/test/fixtures/backstage';

const FLEET = `apiVersion: pt/v1
kind: Fleet
services:
  - name: payments
    team: payments
    governance: { runbook: true, monitoring: true, ownership: true, incidentResponse: true }
  - name: artist-lookup
    team: team-a
waivers:
  - { rule: documentation, service: payments, reason: docs migration, expires: 2026-03-15 }
`;

const SCORECARD = `apiVersion: pt/v1
kind: Scorecard
name: catalog
levels: [bronze, silver]
rules:
  - { id: owned, title: Owned, level: bronze, weight: 3, condition: { fact: owner, present: true } }
  - id: in-a-system
    title: Part of a system
    level: silver
    condition: { all: [{ fact: system, matches: "^artist-" }, { not: { fact: lifecycle, equals: deprecated } }] }
`;

describe.concurrent('pt governance check', () => {
  it('scores the example fleet on the default scorecard, with team roll-ups', async () => {
    const r = await runPt(['governance', 'check', EXAMPLE_YAML, '--by', 'team', '--at', '2026-01-01']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Scorecard default: 6 services scored, waivers as of 2026-01-01\n');
    expect(r.stdout).toContain('  levels bronze 2 · silver 0 · gold 4 · none 0 · average score 83.3\n');
    expect(r.stdout).toContain('  most failed: documentation 2 · incident_response 2 · monitoring 1\n');
    expect(r.stdout).toMatch(/^checkout +storefront +bronze +40 +silver +monitoring, documentation$/m);
    expect(r.stdout).toContain('  storefront: 2 scored · average score 70 · bronze 1 · silver 0 · gold 1 · none 0\n');
  });

  it('scores the example fleet on examples/scorecard.yaml, with its team waiver', async () => {
    const args = ['governance', 'check', EXAMPLE_YAML, '--scorecard', '../../examples/scorecard.yaml'];
    const before = await runPt([...args, '--at', '2027-03-31']);
    expect(before.status).toBe(0);
    expect(before.stderr).toBe('');
    // payments: owned 2 + runbook 1 + monitored 1 + on-call 1 (waived) of 6; tier 1 without lifecycle fails.
    expect(before.stdout).toMatch(/^payments +payments +bronze +83\.3 +silver +tier1-in-production$/m);
    expect(before.stdout).toContain('Waived (counted as passing)\n  payments: on-call\n');
    const after = await runPt([...args, '--at', '2027-04-01']);
    expect(after.stdout).toMatch(/^payments +payments +bronze +66\.7 +silver +tier1-in-production$/m);
    expect(after.stdout).toContain(
      'Expired waivers\n  payments: on-call expired 2027-03-31 (rotation starts in March)\n',
    );
  });

  it('counts a waiver through its expiry day and reports it expired the day after', async ({ dir }) => {
    dir.file('fleet.yaml', FLEET);
    const on = async (at: string) => {
      const r = await runPt(['governance', 'check', 'fleet.yaml', '--format', 'json', '--at', at], { cwd: dir.path });
      expect(r.status).toBe(0);
      return (
        JSON.parse(r.stdout) as {
          services: { service: string; level: string; score: number; waived: string[]; expiredWaivers: unknown[] }[];
        }
      ).services[0];
    };
    expect(await on('2026-03-14')).toMatchObject({
      service: 'payments',
      level: 'gold',
      score: 100,
      waived: ['documentation'],
    });
    expect(await on('2026-03-15')).toMatchObject({ level: 'gold', score: 100, waived: ['documentation'] });
    expect(await on('2026-03-16')).toMatchObject({
      level: 'bronze',
      score: 80,
      waived: [],
      expiredWaivers: [{ rule: 'documentation', expires: '2026-03-15', reason: 'docs migration' }],
    });
    const text = await runPt(['governance', 'check', 'fleet.yaml', '--at', '2026-03-16'], { cwd: dir.path });
    expect(text.stdout).toContain('Expired waivers\n  payments: documentation expired 2026-03-15 (docs migration)\n');
  });

  it('uses a scorecard file and catalog facts', async ({ dir }) => {
    dir.file('fleet.yaml', FLEET);
    dir.file('scorecard.yaml', SCORECARD);
    const r = await runPt(
      [
        'governance',
        'check',
        'fleet.yaml',
        '--scorecard',
        'scorecard.yaml',
        '--catalog',
        `${process.cwd()}/${FIXTURES}`,
        '--format',
        'json',
      ],
      { cwd: dir.path },
    );
    expectNoCrash(r);
    expect(r.status).toBe(0);
    const check = JSON.parse(r.stdout) as {
      scorecard: string;
      services: { service: string; level: string | null; score: number }[];
    };
    expect(check.scorecard).toBe('catalog');
    // payments: no catalog entry, no owner fact → nothing passes. artist-lookup: owner team-a, system artist-engagement-portal.
    expect(check.services.map((s) => [s.service, s.level, s.score])).toEqual([
      ['payments', null, 0],
      ['artist-lookup', 'silver', 100],
    ]);
  });

  it('reports every problem of a scorecard file, located, and exits 2', async ({ dir }) => {
    dir.file('fleet.yaml', FLEET);
    dir.file('bad.yaml', SCORECARD.replace('weight: 3', 'weight: 0').replace('"^artist-"', '"(a+)+"'));
    const r = await runPt(['governance', 'check', 'fleet.yaml', '--scorecard', 'bad.yaml'], { cwd: dir.path });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expectNoCrash(r);
    expect(r.stderr).toBe(
      [
        'bad.yaml:6 rules[0].weight: must be > 0, got 0',
        'bad.yaml:10 rules[1].condition.all[0].matches: must not quantify a group holding a quantifier or "|", e.g. (a+)+ (catastrophic backtracking)',
        'pt: bad.yaml is not a valid scorecard file (2 problems)',
        '',
      ].join('\n'),
    );
  });

  it('warns about a fleet waiver for a rule the scorecard does not have', async ({ dir }) => {
    dir.file('fleet.yaml', FLEET);
    dir.file('scorecard.yaml', SCORECARD);
    const r = await runPt(['governance', 'check', 'fleet.yaml', '--scorecard', 'scorecard.yaml'], { cwd: dir.path });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      'pt: warning: waivers for rules the scorecard does not have: waivers[0] (rule "documentation")\n',
    );
  });

  it('rejects a bad --at and an unknown subcommand as usage errors', async () => {
    const at = await runPt(['governance', 'check', EXAMPLE_YAML, '--at', '2026-02-30']);
    expect(at.status).toBe(2);
    expect(at.stderr).toBe(
      'pt: --at must be a date (2026-11-28), an ISO 8601 time with an offset (2026-11-28T12:00:00Z) or epoch seconds (1795824000); got "2026-02-30"\n',
    );
    expectUsageError(
      await runPt(['governance', 'frob']),
      'unknown command "governance frob"',
      "Run 'pt governance --help' for usage.",
    );
    expectUsageError(
      await runPt(['governance', 'check', EXAMPLE_YAML, '--by', 'tier']),
      '--by must be one of team; got "tier"',
      "Run 'pt governance check --help' for usage.",
    );
  });

  it('prints help for the group and each subcommand', async () => {
    const group = await runPt(['governance', '--help']);
    expect(group.status).toBe(0);
    expect(group.stdout).toContain('  governance check ');
    expect(group.stdout).toContain('  governance import-catalog ');
    const check = await runPt(['governance', 'check', '--help']);
    expect(check.stdout.split('\n')[0]).toBe('Usage: pt governance check <fleet.yaml|fleet.json|-> [options]');
    for (const option of ['--scorecard', '--catalog', '--at', '--by', '--format'])
      expect(check.stdout).toContain(option);
  });
});

describe.concurrent('pt governance import-catalog', () => {
  it('imports every fixture: one service per Component, and pt reads the result back', async ({ dir }) => {
    const r = await runPt(['governance', 'import-catalog', FIXTURES]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.startsWith('apiVersion: pt/v1\nkind: Fleet\nservices:\n')).toBe(true);
    expect(r.stdout.match(/^ {2}- name: /gm)).toHaveLength(10);
    dir.file('imported.yaml', r.stdout);
    const valid = await runPt(['validate', 'imported.yaml'], { cwd: dir.path });
    expect(valid.stdout).toBe('imported.yaml: valid (10 services, 6 teams)\n');
  });

  it('locates errors in malformed catalog files and prints nothing on stdout', async ({ dir }) => {
    dir.file(
      'catalog-info.yaml',
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ok\n---\nkind: Component\nmetadata:\n  annotations: { a: 1 }\n',
    );
    dir.file('broken.yml', 'kind: [Component\n');
    const r = await runPt(['governance', 'import-catalog', dir.path], { cwd: dir.path });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expectNoCrash(r);
    const lines = r.stderr.replace(new RegExp(`${dir.path}/`, 'g'), '').split('\n');
    expect(lines).toEqual([
      'broken.yml:2:1: YAML syntax error: deficient indentation',
      'catalog-info.yaml:6 document 2 apiVersion: is required',
      'catalog-info.yaml:7 document 2 metadata.name: is required',
      'catalog-info.yaml:8 document 2 metadata.annotations.a: must be a string, got 1',
      'pt: the catalog has invalid entities (4 problems)',
      '',
    ]);
  });

  it('needs at least one folder', async () => {
    expectUsageError(
      await runPt(['governance', 'import-catalog']),
      'missing argument <dir…>',
      "Run 'pt governance import-catalog --help' for usage.",
    );
  });
});

describe.concurrent('pt report with governance options', () => {
  it('shows level and score next to the governance status', async () => {
    const r = await runPt(['report', EXAMPLE_YAML]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('  governance level+score (scorecard default): G gold · B bronze\n');
    expect(r.stdout).toMatch(/^ {2}checkout +critical +40 {2}non_compliant B40 /m);
  });

  it('--catalog and --scorecard change the scorecard, never the seed status', async ({ dir }) => {
    dir.file('fleet.yaml', FLEET);
    dir.file('scorecard.yaml', SCORECARD);
    const r = await runPt(
      [
        'report',
        'fleet.yaml',
        '--scorecard',
        'scorecard.yaml',
        '--catalog',
        `${process.cwd()}/${FIXTURES}/components`,
        '--format',
        'json',
      ],
      {
        cwd: dir.path,
      },
    );
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as {
      services: { name: string; governance: string; scorecard?: { name: string; level: string | null } }[];
    };
    expect(report.services.map((s) => [s.name, s.governance, s.scorecard?.name, s.scorecard?.level])).toEqual([
      ['payments', 'needs_review', 'catalog', null],
      ['artist-lookup', 'needs_review', 'catalog', 'silver'],
    ]);
  });
});
