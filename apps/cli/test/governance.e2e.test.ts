/**
 * `pt governance check`, `pt governance import-catalog` and `pt report --scorecard/--catalog/--at`,
 * run through the built binary (issue 7).
 */
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { CLI_DIR, EXAMPLE_YAML, expectNoCrash, expectUsageError, itWithDir as it, runPt } from './run-cli.js';

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
    dir.file('bad.yaml', SCORECARD.replace('weight: 3', 'weight: 0').replace('"^artist-"', '"(a+)+\\\\1"'));
    const r = await runPt(['governance', 'check', 'fleet.yaml', '--scorecard', 'bad.yaml'], { cwd: dir.path });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expectNoCrash(r);
    expect(r.stderr).toBe(
      [
        'bad.yaml:6 rules[0].weight: must be > 0, got 0',
        'bad.yaml:10:40 rules[1].condition.all[0].matches: must be a regular expression in RE2 syntax (linear-time; no look-around or back-references): invalid escape sequence: `\\1`',
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
    expect(r.stderr).toBe(
      'pt: imported 27 of 27 entities; 0 invalid; 10 services (17 not of kind Component or a duplicate name)\n',
    );
    expect(r.stdout.startsWith('apiVersion: pt/v1\nkind: Fleet\nservices:\n')).toBe(true);
    expect(r.stdout.match(/^ {2}- name: /gm)).toHaveLength(10);
    dir.file('imported.yaml', r.stdout);
    const valid = await runPt(['validate', 'imported.yaml'], { cwd: dir.path });
    expect(valid.stdout).toBe('imported.yaml: valid (10 services, 6 teams)\n');
  });

  it('--strict: locates errors in malformed catalog files and prints nothing on stdout', async ({ dir }) => {
    dir.file(
      'catalog-info.yaml',
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ok\n---\nkind: Component\nmetadata:\n  annotations: { a: 1 }\n',
    );
    dir.file('broken.yml', 'kind: [Component\n');
    const r = await runPt(['governance', 'import-catalog', dir.path, '--strict'], { cwd: dir.path });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expectNoCrash(r);
    const lines = r.stderr.replace(new RegExp(`${dir.path}/`, 'g'), '').split('\n');
    expect(lines).toEqual([
      'broken.yml:2:1: YAML syntax error: deficient indentation',
      'catalog-info.yaml:6 document 2 apiVersion: is required',
      'catalog-info.yaml:7 document 2 metadata.name: is required',
      'catalog-info.yaml:8 document 2 metadata.annotations.a: must be a string, got 1',
      'pt: imported 1 of 3 entities; 2 invalid; 1 service',
      'pt: the catalog has invalid entities (--strict)',
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

  it('--catalog and --scorecard: the scorecard in effect decides governance (issue 17)', async ({ dir }) => {
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
      // No catalog entry: "owned" fails, so one failed rule.
      ['payments', 'needs_review', 'catalog', null],
      // Every rule of the scorecard passes (silver is its top level), whatever the seed's flags say.
      ['artist-lookup', 'compliant', 'catalog', 'silver'],
    ]);
  });
});

// Issue 22, item 2: a pattern that backtracks exponentially on a 40-character owner hung
// `pt report --scorecard`; on the linear-time engine the run ends (vitest's timeout catches a hang).
describe.concurrent('scorecard patterns cannot hang a run (issue 22 item 2)', () => {
  const owner = `${'team-'.repeat(7)}platform!`; // 44 characters; the `!` makes the match fail
  const catalog = (name: string, who: string) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ${name} }
spec: { type: service, lifecycle: production, owner: "${who}" }
`;
  const scorecard = `apiVersion: pt/v1
kind: Scorecard
name: naming
levels: [bronze]
rules:
  - { id: owner-slug, title: Owner is a slug, level: bronze, condition: { fact: owner, matches: "^(([a-z0-9]+)-?)+$" } }
`;

  it('pt report --scorecard with ^(([a-z0-9]+)-?)+$ on a 40-character catalog owner', async ({ dir }) => {
    expect(owner.length).toBeGreaterThanOrEqual(40);
    dir.file(
      'fleet.yaml',
      'apiVersion: pt/v1\nkind: Fleet\nservices:\n  - { name: payments, team: a }\n  - { name: ledger, team: b }\n',
    );
    dir.file('scorecard.yaml', scorecard);
    dir.file('catalog.yaml', `${catalog('payments', owner)}---\n${catalog('ledger', 'team-ledger-core')}`);
    const r = await runPt(
      ['report', 'fleet.yaml', '--scorecard', 'scorecard.yaml', '--catalog', 'catalog.yaml', '--format', 'json'],
      { cwd: dir.path },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { services: { name: string; scorecard?: { failed: string[] } }[] };
    expect(report.services.map((s) => [s.name, s.scorecard?.failed])).toEqual([
      ['payments', ['owner-slug']],
      ['ledger', []],
    ]);
  });

  it('refuses a pattern the engine does not support, located file:line:col', async ({ dir }) => {
    dir.file('fleet.yaml', 'apiVersion: pt/v1\nkind: Fleet\nservices:\n  - { name: payments, team: a }\n');
    dir.file('scorecard.yaml', scorecard.replace('^(([a-z0-9]+)-?)+$', '^(?!user:)'));
    const r = await runPt(['governance', 'check', 'fleet.yaml', '--scorecard', 'scorecard.yaml'], { cwd: dir.path });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'scorecard.yaml:6:88 rules[0].condition.matches: must be a regular expression in RE2 syntax (linear-time; no look-around or back-references): invalid or unsupported Perl syntax: `(?!`\n',
    );
    expectNoCrash(r);
  });
});

// Issue 19 (governance): a catalog with one invalid entity still imports every valid one.
describe.concurrent('pt governance import-catalog: partial import, --strict, filters', () => {
  const BROKEN = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: broken-owner }
spec:
  type: service
  lifecycle: production
  owner: ""
`;
  const withBroken = (dir: { path: string; file(name: string, content: string): string }) => {
    cpSync(join(CLI_DIR, FIXTURES), join(dir.path, 'catalog'), { recursive: true });
    dir.file('catalog/components/broken.yaml', BROKEN);
    return 'catalog';
  };
  const names = (yaml: string) => [...yaml.matchAll(/^ {2}- name: (.+)$/gm)].map((m) => m[1]);

  it('imports every valid entity, reports the invalid one located, exits 0', async ({ dir }) => {
    const r = await runPt(['governance', 'import-catalog', withBroken(dir)], { cwd: dir.path });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      'catalog/components/broken.yaml:7 spec.owner: must not be empty\n' +
        'pt: imported 27 of 28 entities; 1 invalid; 10 services (17 not of kind Component or a duplicate name)\n',
    );
    expect(names(r.stdout)).toHaveLength(10);
    expect(names(r.stdout)).not.toContain('broken-owner');
  });

  it('--strict exits 2 and prints no fleet', async ({ dir }) => {
    const r = await runPt(['governance', 'import-catalog', withBroken(dir), '--strict'], { cwd: dir.path });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('catalog/components/broken.yaml:7 spec.owner: must not be empty\n');
    expect(r.stderr).toContain('pt: the catalog has invalid entities (--strict)\n');
    expectNoCrash(r);
  });

  it('--type, --lifecycle and --out choose and write the services', async ({ dir }) => {
    const args = ['governance', 'import-catalog', withBroken(dir), '--type', 'service', '--lifecycle', 'production'];
    const r = await runPt([...args, '--out', 'fleet.yaml'], { cwd: dir.path });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      'pt: imported 27 of 28 entities; 1 invalid; 23 left out by --kind/--type/--lifecycle; 4 services\n',
    );
    const written = readFileSync(join(dir.path, 'fleet.yaml'), 'utf8');
    expect(names(written)).toEqual(['playback-order', 'shuffle-api', 'wayback-archive-ingestion', 'wayback-search']);
    const check = await runPt(['validate', 'fleet.yaml'], { cwd: dir.path });
    expect(check.status).toBe(0);
  });

  it('--kind imports another kind as services; without the flag, Components only', async ({ dir }) => {
    const r = await runPt(['governance', 'import-catalog', FIXTURES, '--kind', 'system'], {});
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      'pt: imported 27 of 27 entities; 0 invalid; 25 left out by --kind/--type/--lifecycle; 2 services\n',
    );
    expect(names(r.stdout)).toHaveLength(2);
    void dir;
  });
});

// Issue 19 (governance): several scorecards, each for the services its appliesTo selects, and a
// gate on the level reached; on Backstage's example catalog with one entity broken on purpose.
// One after the other (each imports the catalog first): a modest load on a shared machine.
describe('pt governance check: several scorecards with appliesTo, --fail-below', { timeout: 180_000 }, () => {
  const SERVICES_CARD = `apiVersion: pt/v1
kind: Scorecard
name: services
appliesTo: { type: service, lifecycle: production }
levels: [bronze, silver, gold]
rules:
  - { id: owned, title: Has an owner, level: bronze, condition: { fact: ownership, equals: true } }
  - { id: in-a-system, title: Part of a system, level: silver, condition: { fact: system, present: true } }
  - { id: on-call, title: Paged on incidents, level: gold, condition: { fact: incidentResponse, equals: true } }
`;
  const WEBSITES_CARD = `apiVersion: pt/v1
kind: Scorecard
name: websites
appliesTo: { type: [website] }
levels: [basic, good]
rules:
  - { id: owned, title: Has an owner, level: basic, condition: { fact: ownership, equals: true } }
  - { id: documented, title: TechDocs, level: good, condition: { fact: documentation, equals: true } }
`;
  const BASELINE_CARD = `apiVersion: pt/v1
kind: Scorecard
name: baseline
levels: [bronze, silver]
rules:
  - { id: owned, title: Has an owner, level: bronze, condition: { fact: ownership, equals: true } }
  - id: past-experimental
    title: Past experimental
    level: silver
    condition: { not: { fact: lifecycle, equals: experimental } }
`;
  const BROKEN = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: broken-owner }
spec: { type: service, lifecycle: production, owner: "" }
`;

  /** The example catalog plus a broken entity, imported into fleet.yaml; the three scorecards written. */
  const setUp = async (dir: { path: string; file(name: string, content: string): string }) => {
    cpSync(join(CLI_DIR, FIXTURES), join(dir.path, 'catalog'), { recursive: true });
    dir.file('catalog/components/broken.yaml', BROKEN);
    dir.file('services.yaml', SERVICES_CARD);
    dir.file('websites.yaml', WEBSITES_CARD);
    dir.file('baseline.yaml', BASELINE_CARD);
    const imported = await runPt(['governance', 'import-catalog', 'catalog', '--out', 'fleet.yaml'], { cwd: dir.path });
    expect(imported.status).toBe(0);
    expect(imported.stderr).toContain('catalog/components/broken.yaml:4 spec.owner: must not be empty\n');
  };

  interface Section {
    scorecard: string;
    appliesTo: string;
    services: { service: string; level: string | null; score: number; failed: string[] }[];
    notApplicable: string[];
  }

  it('scores each scorecard on the services its appliesTo selects', async ({ dir }) => {
    await setUp(dir);
    const r = await runPt(
      [
        'governance',
        'check',
        'fleet.yaml',
        '--scorecard',
        'services.yaml',
        '--scorecard',
        'websites.yaml',
        '-f',
        'json',
      ],
      { cwd: dir.path },
    );
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const check = JSON.parse(r.stdout) as { scorecard: string; unscored: string[]; scorecards: Section[] };
    expect(check.scorecard).toBe('services');
    expect(check.unscored).toEqual([]);
    const [services, websites] = check.scorecards;
    expect(services?.appliesTo).toBe('type service; lifecycle production');
    expect(services?.services.map((s) => [s.service, s.level, s.score])).toEqual([
      ['playback-order', 'bronze', 33.3],
      ['shuffle-api', 'silver', 66.7],
      ['wayback-archive-ingestion', 'bronze', 33.3],
      ['wayback-search', 'bronze', 33.3],
    ]);
    expect(services?.notApplicable).toEqual([
      'backstage-demo',
      'artist-lookup',
      'petstore',
      'playback-sdk',
      'podcast-api',
      'www-artist',
    ]);
    expect(websites?.services.map((s) => [s.service, s.level, s.failed])).toEqual([
      ['backstage-demo', 'good', []],
      ['www-artist', 'basic', ['documented']],
    ]);
    expect(websites?.notApplicable).toHaveLength(8);
    expect(check.scorecards.flatMap((c) => c.services.map((s) => s.service))).not.toContain('broken-owner');

    const text = await runPt(
      ['governance', 'check', 'fleet.yaml', '--scorecard', 'services.yaml', '--scorecard', 'websites.yaml'],
      { cwd: dir.path },
    );
    expect(text.stdout).toMatch(
      /^Scorecard services: 4 services scored, waivers as of \d{4}-\d\d-\d\d\n {2}applies to: type service; lifecycle production\n/,
    );
    expect(text.stdout).toMatch(
      /\n\nScorecard websites: 2 services scored, waivers as of \d{4}-\d\d-\d\d\n {2}applies to: type website\n/,
    );
  });

  it('scores one service by two scorecards; pt report counts both and lists each', async ({ dir }) => {
    await setUp(dir);
    const args = ['report', 'fleet.yaml', '--scorecard', 'services.yaml', '--scorecard', 'baseline.yaml'];
    const r = await runPt([...args, '-f', 'json'], { cwd: dir.path });
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as {
      services: {
        name: string;
        governance: string;
        reasons: { domain: string; points: number; message: string }[];
        scorecard?: { name: string };
        scorecards?: { name: string; level: string | null; failed: string[] }[];
      }[];
    };
    const byName = (name: string) => report.services.find((s) => s.name === name);
    // playback-order: a production service, so both apply: services fails in-a-system and on-call,
    // baseline passes: 2 failed rules, needs_review, 1 point.
    expect(byName('playback-order')?.scorecards).toEqual([
      expect.objectContaining({ name: 'services', level: 'bronze', failed: ['in-a-system', 'on-call'] }),
      expect.objectContaining({ name: 'baseline', level: 'silver', failed: [] }),
    ]);
    expect(byName('playback-order')?.governance).toBe('needs_review');
    // artist-lookup: experimental, so only the baseline applies.
    expect(byName('artist-lookup')?.scorecards?.map((c) => c.name)).toEqual(['baseline']);
    expect(byName('artist-lookup')?.scorecard?.name).toBe('baseline');
    // shuffle-api fails on-call in services and nothing in baseline: 1 failed rule, 1 point.
    expect(byName('shuffle-api')?.reasons).toEqual([
      { domain: 'governance', points: 1, message: expect.stringContaining('1 governance check failed') as string },
    ]);

    const markdown = await runPt([...args, '-f', 'markdown'], { cwd: dir.path });
    expect(markdown.stdout).toContain('| playback-order | services | bronze | 33.3 | in-a-system, on-call | - |\n');
    expect(markdown.stdout).toContain('| playback-order | baseline | silver | 100 | - | - |\n');
    const html = await runPt([...args, '-f', 'html'], { cwd: dir.path });
    expect(html.stdout).toContain('<h2>Services per scorecard</h2><p>2 scorecards: baseline, services;');
    const table = await runPt(args, { cwd: dir.path });
    expect(table.stdout).toMatch(/\nScorecards\nSERVICE +SCORECARD +LEVEL +SCORE +RULES\n/);
  });

  it('--fail-below exits 1 when a service is below the level, 0 when none is', async ({ dir }) => {
    await setUp(dir);
    const check = (...more: string[]) =>
      runPt(['governance', 'check', 'fleet.yaml', '--scorecard', 'services.yaml', ...more], { cwd: dir.path });

    const below = await check('--fail-below', 'silver');
    expect(below.status).toBe(1);
    expect(below.stdout).toContain('Below silver (--fail-below): 3\n  playback-order: bronze\n');
    expect(below.stderr).toBe(
      'pt: --fail-below silver: 3 services below: playback-order (bronze), wayback-archive-ingestion (bronze), wayback-search (bronze)\n',
    );

    const none = await check('--fail-below', 'bronze');
    expect(none.status).toBe(0);
    expect(none.stderr).toBe('');
    expect(none.stdout).toContain('Fail below bronze: no scored service is below it\n');

    // A level only some scorecards have: the others are not gated, and stderr says so.
    const some = await check('--scorecard', 'websites.yaml', '--fail-below', 'good', '-f', 'json');
    expect(some.status).toBe(1);
    // With --format json, stderr is one JSON error; the note travels in its details.
    expect(JSON.parse(some.stderr)).toEqual({
      error: {
        code: 'E_CHECK_FAILED',
        message: '--fail-below good: 1 service below: www-artist (websites basic)',
        details: ['pt: note: --fail-below good: not applied to services (no level "good")'],
      },
    });
    const plain = await check('--scorecard', 'websites.yaml', '--fail-below', 'good');
    expect(plain.status).toBe(1);
    expect(plain.stderr).toBe(
      'pt: note: --fail-below good: not applied to services (no level "good")\n' +
        'pt: --fail-below good: 1 service below: www-artist (websites basic)\n',
    );
    const gate = (JSON.parse(some.stdout) as { failBelow: unknown }).failBelow;
    expect(gate).toEqual({
      level: 'good',
      below: [{ service: 'www-artist', scorecard: 'websites', level: 'basic' }],
      notGated: ['services'],
    });

    // Without --scorecard the default scorecard's levels: Backstage's examples have no runbook links.
    const seed = await runPt(['governance', 'check', 'fleet.yaml', '--fail-below', 'bronze'], { cwd: dir.path });
    expect(seed.status).toBe(1);
    expect(seed.stderr).toMatch(/^pt: --fail-below bronze: 10 services below: backstage-demo \(none\), /);
  });

  it('--fail-below with an unknown level is a usage error naming the levels', async ({ dir }) => {
    await setUp(dir);
    const r = await runPt(
      [
        'governance',
        'check',
        'fleet.yaml',
        '--scorecard',
        'services.yaml',
        '--scorecard',
        'websites.yaml',
        '--fail-below',
        'platinum',
      ],
      { cwd: dir.path },
    );
    expectUsageError(
      r,
      '--fail-below: unknown level "platinum"; levels are bronze, silver, gold, basic, good',
      "Run 'pt governance check --help' for usage.",
    );
    const seed = await runPt(['governance', 'check', 'fleet.yaml', '--fail-below', 'Gold'], { cwd: dir.path });
    expectUsageError(
      seed,
      '--fail-below: unknown level "Gold"; levels are bronze, silver, gold',
      "Run 'pt governance check --help' for usage.",
    );
  });

  it('refuses two scorecards of the same name and a bad appliesTo, located', async ({ dir }) => {
    await setUp(dir);
    dir.file('again.yaml', SERVICES_CARD.replace('type: service', 'type: library'));
    const same = await runPt(
      ['governance', 'check', 'fleet.yaml', '--scorecard', 'services.yaml', '--scorecard', 'again.yaml'],
      { cwd: dir.path },
    );
    expect(same.status).toBe(2);
    expect(same.stdout).toBe('');
    expect(same.stderr.split('\n')[0]).toBe('pt: scorecards services.yaml and again.yaml are both named "services"');
    expectNoCrash(same);
    dir.file('bad.yaml', SERVICES_CARD.replace('{ type: service, lifecycle: production }', '{ tier: 0, kind: x }'));
    const bad = await runPt(['governance', 'check', 'fleet.yaml', '--scorecard', 'bad.yaml'], { cwd: dir.path });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('bad.yaml:4 appliesTo.tier: must be >= 1, got 0\n');
    expect(bad.stderr).toContain('bad.yaml:4 appliesTo.kind: unknown key\n');
    expectNoCrash(bad);
  });
});
