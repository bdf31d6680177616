/**
 * `pt report <fleet> --format json` reads large fleets (16 MiB and more) service by service
 * (bounded memory). Its output must be byte for byte that of the ordinary (whole) reader, which
 * `-` (standard input) always uses; and on any bad input it must behave exactly as the ordinary
 * reader does. These fleets are small: `PT_REPORT_STREAM_FROM_MB=0` sends them the streamed way.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect } from 'vitest';
import { asText, expectInvalidFleet, expectNoCrash, itWithDir as it, runPt, type TempDir } from './run-cli.js';

/** The environment that sends any fleet file the streamed way; scratch files go to `dir`. */
const streamedEnv = (dir: TempDir) => ({ TMPDIR: dir.path, PT_REPORT_STREAM_FROM_MB: '0' });

/** A deterministic fleet of `n` services that exercises every section and rule. */
function fleetOf(n: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const services = Array.from({ length: n }, (_, i) => {
    const service: Record<string, unknown> = { name: `svc-${i}`, team: `team-${i % 7}` };
    if (i % 3 !== 0) service['slos'] = [{ name: 'availability', target: 99.9, current: 99.5 + (i % 7) * 0.07 }];
    if (i % 4 !== 1) {
      service['cost'] = {
        budgetMonthly: (i % 5) * 1000,
        entries: [
          { month: '2026-09', amount: 1000 + i * 1.37 },
          { month: '2026-10', amount: 1000 + i * 1.91 },
        ],
      };
    }
    if (i % 5 !== 2) {
      service['reliability'] = {
        uptimePct: 99 + (i % 11) * 0.1,
        mttrMinutes: i % 90,
        incidents30d: i % 8,
        changeFailureRatePct: i % 40,
      };
    }
    if (i % 6 !== 3) service['governance'] = { runbook: i % 2 === 0, monitoring: i % 3 === 0, ownership: true };
    return service;
  });
  return { apiVersion: 'pt/v1', kind: 'Fleet', ...extra, services };
}

/** A scorecard of two rules, named `basics`. */
const SCORECARD = [
  'apiVersion: pt/v1',
  'kind: Scorecard',
  'name: basics',
  'levels: [bronze, silver]',
  'rules:',
  '  - { id: owner, title: Has an owner, level: bronze, condition: { fact: ownership, equals: true } }',
  '  - { id: runbook, title: Has a runbook, level: silver, condition: { fact: runbook, equals: true } }',
  '',
].join('\n');

/** `pt report <file> args` and `pt report - args` with the file on standard input. */
async function both(dir: TempDir, file: string, args: readonly string[] = [], format = 'json') {
  const streamed = await runPt(['report', file, '--format', format, ...args], {
    cwd: dir.path,
    env: streamedEnv(dir),
  });
  const ordinary = await runPt(['report', '-', '--format', format, ...args], {
    cwd: dir.path,
    input: readFileSync(join(dir.path, file)),
  });
  // What an error says, whatever its form (--format json writes it as one JSON object).
  return { streamed: asText(streamed), ordinary: asText(ordinary) };
}

describe.concurrent('pt report <fleet.json> --format json, read service by service', () => {
  it('prints the same report as the ordinary reader, byte for byte, and leaves no scratch file', async ({ dir }) => {
    dir.file('fleet.json', JSON.stringify(fleetOf(1500), null, 1));
    const { streamed, ordinary } = await both(dir, 'fleet.json');
    expectNoCrash(streamed);
    expect(streamed.status).toBe(0);
    expect(streamed.stderr).toBe('');
    expect(streamed.stdout).toBe(ordinary.stdout);
    expect((JSON.parse(streamed.stdout) as { services: unknown[] }).services).toHaveLength(1500);
    expect(readdirSync(dir.path)).toEqual(['fleet.json']);
  });

  it('--jobs 3: batches evaluated on worker threads, the same report', async ({ dir }) => {
    dir.file('fleet.json', JSON.stringify(fleetOf(2500)));
    const { streamed, ordinary } = await both(dir, 'fleet.json', ['--jobs', '3', '--fail-on', 'degraded']);
    expectNoCrash(streamed);
    expect({ status: streamed.status, stderr: streamed.stderr }).toEqual({ status: 1, stderr: ordinary.stderr });
    expect(streamed.stdout).toBe(ordinary.stdout);
  });

  it('with --team, --fail-on, --at and fleet waivers: same output, same warnings, same exit', async ({ dir }) => {
    const waivers = [
      { rule: 'monitoring', team: 'team-2', reason: 'moving to a new stack', expires: '2026-12-31' },
      { rule: 'no-such-rule', service: 'svc-1', reason: 'typo', expires: '2026-12-31' },
    ];
    dir.file('fleet.json', JSON.stringify(fleetOf(500, { waivers })));
    for (const args of [
      ['--team', 'team-2', '--at', '2026-11-28'],
      ['--fail-on', 'critical'],
      ['--team', 'nobody'],
    ]) {
      const { streamed, ordinary } = await both(dir, 'fleet.json', args);
      expectNoCrash(streamed);
      expect({ status: streamed.status, stderr: streamed.stderr, stdout: streamed.stdout }).toEqual({
        status: ordinary.status,
        stderr: ordinary.stderr,
        stdout: ordinary.stdout,
      });
    }
  });

  it('with --scorecard and --out: the file written is the same report', async ({ dir }) => {
    dir.file('fleet.json', JSON.stringify(fleetOf(400)));
    dir.file('scorecard.yaml', SCORECARD);
    const args = ['--scorecard', 'scorecard.yaml', '--jobs', '2'];
    const { ordinary } = await both(dir, 'fleet.json', args);
    expect(ordinary.status).toBe(0);
    const r = await runPt(['report', 'fleet.json', '--format', 'json', ...args, '--out', 'report.json'], {
      cwd: dir.path,
      env: streamedEnv(dir),
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('pt: wrote json report to report.json\n');
    expect(readFileSync(join(dir.path, 'report.json'), 'utf8')).toBe(ordinary.stdout);
    expect(readdirSync(dir.path).sort()).toEqual(['fleet.json', 'report.json', 'scorecard.yaml']);
  });

  it('a YAML fleet, read a slice of services at a time (and on workers): the same report', async ({ dir }) => {
    const yaml = (services: readonly Record<string, unknown>[]) =>
      [
        'apiVersion: pt/v1',
        'kind: Fleet',
        'services:',
        ...services.map((svc) => `  - ${JSON.stringify(svc)}`),
        '',
      ].join('\n');
    const services = fleetOf(1500)['services'] as Record<string, unknown>[];
    dir.file('fleet.yaml', yaml(services));
    // An anchor is outside the plain layout: read whole, the ordinary way.
    dir.file('anchored.yaml', yaml(services).replace('  - {"name":"svc-0"', '  - &first {"name":"svc-0"'));
    for (const [file, args] of [
      ['fleet.yaml', []],
      ['fleet.yaml', ['--jobs', '2', '--fail-on', 'critical']],
      ['anchored.yaml', ['--team', 'team-3']],
    ] as const) {
      const { streamed, ordinary } = await both(dir, file, args);
      expectNoCrash(streamed);
      expect({ status: streamed.status, stderr: streamed.stderr }).toEqual({
        status: ordinary.status,
        stderr: ordinary.stderr,
      });
      expect(streamed.stdout).toBe(ordinary.stdout);
      expect(streamed.stdout).not.toBe('');
    }
  });

  it('waivers after the services: read the ordinary way, same result', async ({ dir }) => {
    const fleet = fleetOf(50);
    const waivers = [{ rule: 'runbook', service: 'svc-1', reason: 'soon', expires: '2030-01-01' }];
    dir.file('late.json', JSON.stringify({ ...fleet, waivers }));
    const { streamed, ordinary } = await both(dir, 'late.json', ['--at', '2026-11-28']);
    expect(streamed.status).toBe(0);
    expect(streamed.stdout).toBe(ordinary.stdout);
  });

  it('a repeated key: refused, located, by both readers alike', async ({ dir }) => {
    dir.file('repeated.json', JSON.stringify(fleetOf(50)).replace('"kind":"Fleet"', '"kind":"Fleet","kind":"Fleet"'));
    const { streamed, ordinary } = await both(dir, 'repeated.json', ['--at', '2026-11-28']);
    expect(streamed.status).toBe(2);
    expect(streamed.stderr).toMatch(/^repeated\.json:1:\d+: JSON syntax error: duplicate key "kind"\n/);
    expect(streamed.stderr).toBe(ordinary.stderr.replaceAll('<stdin>', 'repeated.json'));
  });

  it('an invalid large fleet: every problem located, as the ordinary reader does', async ({ dir }) => {
    const fleet = fleetOf(2000);
    const services = fleet['services'] as Record<string, unknown>[];
    (services[1500] as Record<string, unknown>)['tier'] = 9;
    (services[1999] as Record<string, unknown>)['name'] = 'svc-3';
    dir.file('fleet.json', JSON.stringify(fleet, null, 2));
    const text = readFileSync(join(dir.path, 'fleet.json'), 'utf8').split('\n');
    const line = (needle: string) => text.findIndex((l) => l.includes(needle)) + 1;
    const r = await runPt(['report', 'fleet.json', '--format', 'json', '--out', 'report.json'], {
      cwd: dir.path,
      env: streamedEnv(dir),
    });
    expectInvalidFleet(r, 'fleet.json', [
      `fleet.json:${line('"tier": 9')} services[1500].tier: must be <= 3, got 9`,
      `fleet.json:${text.findLastIndex((l) => l.includes('"name": "svc-3"')) + 1} services[1999].name: duplicate service name "svc-3"`,
    ]);
    expect(readdirSync(dir.path)).toEqual(['fleet.json']);
  });

  it('PT_DEBUG=1 names the path taken and why', async ({ dir }) => {
    dir.file('fleet.json', JSON.stringify(fleetOf(20)));
    dir.file('late.json', JSON.stringify({ ...fleetOf(20), waivers: [] }));
    const debug = async (file: string, args: readonly string[], env: Record<string, string> = {}) =>
      asText(
        await runPt(['report', file, ...args, '--out', 'report.json'], {
          cwd: dir.path,
          env: { PT_DEBUG: '1', TMPDIR: dir.path, ...env },
        }),
      ).stderr.split('\n')[0];
    expect(await debug('fleet.json', ['--format', 'json'])).toMatch(
      /^pt: debug: report path: whole \(json, 0\.0 MiB < 16 MiB\)$/,
    );
    expect(await debug('fleet.json', ['--format', 'json'], { PT_REPORT_STREAM_FROM_MB: '0' })).toBe(
      'pt: debug: report path: streamed (json, 0.0 MiB ≥ 0 MiB (PT_REPORT_STREAM_FROM_MB))',
    );
    expect(await debug('fleet.json', ['--format', 'markdown'])).toBe(
      'pt: debug: report path: whole (markdown, 0.0 MiB < 16 MiB)',
    );
    expect(await debug('fleet.json', [], { PT_REPORT_STREAM_FROM_MB: '0' })).toBe(
      'pt: debug: report path: streamed (table, 0.0 MiB ≥ 0 MiB (PT_REPORT_STREAM_FROM_MB))',
    );
    expect(await debug('fleet.json', ['--format', 'html'], { PT_REPORT_STREAM_FROM_MB: '0' })).toBe(
      'pt: debug: report path: streamed (html, 0.0 MiB ≥ 0 MiB (PT_REPORT_STREAM_FROM_MB))',
    );
    expect(await debug('fleet.json', ['--format', 'json', '--window', '7d'], { PT_REPORT_STREAM_FROM_MB: '0' })).toBe(
      'pt: debug: report path: whole (json, --window is not streamable)',
    );
    const late = await runPt(['report', 'late.json', '--format', 'json'], {
      cwd: dir.path,
      env: { PT_DEBUG: '1', ...streamedEnv(dir) },
    });
    expect(late.stderr).toBe(
      'pt: debug: report path: streamed (json, 0.0 MiB ≥ 0 MiB (PT_REPORT_STREAM_FROM_MB))\n' +
        'pt: debug: report path: whole (the streamed read gave up: waivers come after services)\n',
    );
  });

  it('PT_DEBUG=1: html is streamed too, but not with several scorecards', async ({ dir }) => {
    dir.file('fleet.json', JSON.stringify(fleetOf(20)));
    dir.file('a.yaml', SCORECARD.replace('name: basics', 'name: a'));
    dir.file('b.yaml', SCORECARD.replace('name: basics', 'name: b'));
    const debug = async (args: readonly string[]) =>
      asText(
        await runPt(['report', 'fleet.json', '--format', 'html', ...args, '--out', 'report.html'], {
          cwd: dir.path,
          env: { PT_DEBUG: '1', ...streamedEnv(dir) },
        }),
      ).stderr.split('\n')[0];
    expect(await debug([])).toBe('pt: debug: report path: streamed (html, 0.0 MiB ≥ 0 MiB (PT_REPORT_STREAM_FROM_MB))');
    expect(await debug(['--scorecard', 'a.yaml', '--scorecard', 'b.yaml'])).toBe(
      'pt: debug: report path: whole (html, several scorecards)',
    );
  });

  it('truncated JSON: a located syntax error, no output', async ({ dir }) => {
    const text = JSON.stringify(fleetOf(300));
    dir.file('fleet.json', text.slice(0, Math.floor(text.length / 2)));
    const r = asText(
      await runPt(['report', 'fleet.json', '--format', 'json'], { cwd: dir.path, env: streamedEnv(dir) }),
    );
    expectNoCrash(r);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^fleet\.json:1:\d+: JSON syntax error/);
  });
});

// The seeded fleet generator, run as a program (built before the CLI: an implicit dependency in package.json).
const FLEET_GEN = fileURLToPath(new URL('../../../tools/fleet-gen/bin/fleet-gen.js', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));

/** Valid names that a terminal or Markdown could take for something else, or that do not fit. */
const HOSTILE_FLEET = {
  apiVersion: 'pt/v1',
  kind: 'Fleet',
  services: [
    { name: `long-${'x'.repeat(58)}`, team: 'x|y *z* <b>' },
    { name: 'pipe', team: 'équipe 🚀 `code`', tier: 1, governance: { ownership: false } },
    { name: 'rtl', team: '[link](http://x)', slos: [{ name: 'availability', target: 99.9, current: 90 }] },
    {
      name: 'zw',
      team: 'x|y *z* <b>',
      reliability: { uptimePct: 95, incidents30d: 9, mttrMinutes: 600, changeFailureRatePct: 40 },
    },
  ],
};

describe.concurrent('pt report <fleet> --format table and markdown, read service by service', () => {
  /** Every format streamed: each output byte for byte that of the whole path (`-` reads it whole). */
  async function expectSameAsWhole(
    dir: TempDir,
    file: string,
    args: readonly string[],
    env: Record<string, string> = {},
  ) {
    for (const format of [['--format', 'table'], ['--format', 'markdown'], []]) {
      const streamed = asText(
        await runPt(['report', file, ...format, ...args], {
          cwd: dir.path,
          env: { ...streamedEnv(dir), ...env, PT_DEBUG: '1' },
        }),
      );
      const ordinary = asText(
        await runPt(['report', '-', ...format, ...args], {
          cwd: dir.path,
          env,
          input: readFileSync(join(dir.path, file)),
        }),
      );
      expectNoCrash(streamed);
      const [debug, ...stderr] = streamed.stderr.split('\n');
      // The streamed path was taken, and did not give up.
      expect(debug).toMatch(/^pt: debug: report path: streamed \((table|markdown), /);
      expect({ status: streamed.status, stderr: stderr.join('\n'), stdout: streamed.stdout }).toEqual({
        status: ordinary.status,
        stderr: ordinary.stderr,
        stdout: ordinary.stdout,
      });
    }
    expect(readdirSync(dir.path).filter((f) => f.startsWith('.pt-'))).toEqual([]);
  }

  it('a seeded fleet from the generator, with a scorecard, --team and --fail-on, in colour', async ({ dir }) => {
    execFileSync(process.execPath, [
      FLEET_GEN,
      '--services',
      '3000',
      '--seed',
      '7',
      '--out',
      join(dir.path, 'fleet.json'),
    ]);
    dir.file('scorecard.yaml', SCORECARD);
    await expectSameAsWhole(dir, 'fleet.json', []);
    await expectSameAsWhole(dir, 'fleet.json', [
      '--scorecard',
      'scorecard.yaml',
      '--fail-on',
      'degraded',
      '--jobs',
      '2',
    ]);
    await expectSameAsWhole(dir, 'fleet.json', ['--team', 'payments'], { FORCE_COLOR: '1' });
  });

  it('examples/fleet.yaml and examples/fleet.json, and --out', async ({ dir }) => {
    dir.file('fleet.yaml', readFileSync(join(EXAMPLES, 'fleet.yaml'), 'utf8'));
    dir.file('fleet.json', readFileSync(join(EXAMPLES, 'fleet.json'), 'utf8'));
    dir.file('scorecard.yaml', SCORECARD);
    await expectSameAsWhole(dir, 'fleet.yaml', ['--scorecard', 'scorecard.yaml']);
    await expectSameAsWhole(dir, 'fleet.json', ['--team', 'nobody']);
    const out = await runPt(['report', 'fleet.yaml', '--format', 'markdown', '--out', 'report.md'], {
      cwd: dir.path,
      env: streamedEnv(dir),
    });
    expect(out.status).toBe(0);
    const whole = await runPt(['report', '-', '--format', 'markdown'], {
      cwd: dir.path,
      input: readFileSync(join(dir.path, 'fleet.yaml')),
    });
    expect(readFileSync(join(dir.path, 'report.md'), 'utf8')).toBe(asText(whole).stdout);
  });

  it('hostile names, an empty fleet, and a fleet the streamed read gives up on', async ({ dir }) => {
    dir.file('hostile.json', JSON.stringify(HOSTILE_FLEET));
    dir.file('empty.json', JSON.stringify({ apiVersion: 'pt/v1', kind: 'Fleet', services: [] }));
    await expectSameAsWhole(dir, 'hostile.json', []);
    await expectSameAsWhole(dir, 'hostile.json', [], { FORCE_COLOR: '1' });
    await expectSameAsWhole(dir, 'empty.json', []);
    dir.file('late.json', JSON.stringify({ ...fleetOf(20), waivers: [] }));
    const late = await runPt(['report', 'late.json', '--format', 'markdown'], {
      cwd: dir.path,
      env: { PT_DEBUG: '1', ...streamedEnv(dir) },
    });
    expect(late.stderr).toBe(
      'pt: debug: report path: streamed (markdown, 0.0 MiB ≥ 0 MiB (PT_REPORT_STREAM_FROM_MB))\n' +
        'pt: debug: report path: whole (the streamed read gave up: waivers come after services)\n',
    );
  });
});

// Alone, not next to the tests above: a small heap makes it slow on a busy machine.
describe('pt report <fleet.json> --format json in bounded memory', () => {
  it('keeps memory bounded: 10,000 services (4 MB in, 13 MB out) within a 32 MB heap', async ({ dir }) => {
    // Reading the whole file first needs more: measured, it runs out of heap at 32 MB.
    dir.file('fleet.json', JSON.stringify(fleetOf(10_000)));
    for (const jobs of ['1', '2']) {
      const r = await runPt(['report', 'fleet.json', '--format', 'json', '--jobs', jobs, '--out', 'report.json'], {
        cwd: dir.path,
        env: { NODE_OPTIONS: '--max-old-space-size=32', ...streamedEnv(dir) },
      });
      expectNoCrash(r);
      expect(r.status).toBe(0);
      const report = JSON.parse(readFileSync(join(dir.path, 'report.json'), 'utf8')) as {
        summary: { totalServices: number };
      };
      expect(report.summary.totalServices).toBe(10_000);
    }
  });
});

describe.concurrent('pt report <fleet> --format html, read service by service', () => {
  // 640 services: the page's embedded rows and details span two chunks, the last one short.
  it('prints the same page as the ordinary reader, byte for byte, and leaves no scratch file', async ({ dir }) => {
    dir.file('fleet.json', JSON.stringify(fleetOf(640), null, 1));
    const { streamed, ordinary } = await both(dir, 'fleet.json', [], 'html');
    expectNoCrash(streamed);
    expect(streamed.status).toBe(0);
    expect(streamed.stderr).toBe('');
    expect(streamed.stdout).toBe(ordinary.stdout);
    expect(streamed.stdout).toContain('<output id="shown" for="filter">640 of 640 services shown</output>');
    expect(readdirSync(dir.path)).toEqual(['fleet.json']);
  }, 60_000);

  const waivers = [
    { rule: 'monitoring', team: 'team-2', reason: 'moving to a new stack', expires: '2026-12-31' },
    { rule: 'no-such-rule', service: 'svc-1', reason: 'typo', expires: '2026-12-31' },
  ];
  const fleet = fleetOf(600, { waivers });
  /** Both readers on each case: same page, warnings and exit. */
  async function same(dir: TempDir, cases: readonly (readonly [string, readonly string[]])[]) {
    for (const [file, args] of cases) {
      const { streamed, ordinary } = await both(dir, file, args, 'html');
      expectNoCrash(streamed);
      expect({ status: streamed.status, stderr: streamed.stderr }).toEqual({
        status: ordinary.status,
        stderr: ordinary.stderr,
      });
      expect(streamed.stdout).toBe(ordinary.stdout);
      expect(streamed.stdout).toContain('</html>');
    }
  }

  it('with workers, --fail-on, --team, --at and fleet waivers: the same page, warnings and exit', async ({ dir }) => {
    dir.file('fleet.json', JSON.stringify(fleet));
    await same(dir, [
      ['fleet.json', ['--jobs', '3', '--fail-on', 'degraded']],
      ['fleet.json', ['--team', 'team-2', '--at', '2026-11-28']],
    ]);
  }, 120_000);

  it('a YAML fleet, and a team no service belongs to: the same page', async ({ dir }) => {
    dir.file(
      'fleet.yaml',
      [
        'apiVersion: pt/v1',
        'kind: Fleet',
        `waivers: ${JSON.stringify(waivers)}`,
        'services:',
        ...(fleet['services'] as unknown[]).map((svc) => `  - ${JSON.stringify(svc)}`),
        '',
      ].join('\n'),
    );
    await same(dir, [
      ['fleet.yaml', ['--jobs', '2', '--team', 'team-3']],
      ['fleet.yaml', ['--team', 'nobody']],
    ]);
  }, 120_000);

  it('with --scorecard and --out: the file written is the same page', async ({ dir }) => {
    dir.file('fleet.json', JSON.stringify(fleetOf(600)));
    dir.file('scorecard.yaml', SCORECARD);
    const args = ['--scorecard', 'scorecard.yaml'];
    const { ordinary } = await both(dir, 'fleet.json', args, 'html');
    expect(ordinary.status).toBe(0);
    const r = await runPt(['report', 'fleet.json', '--format', 'html', ...args, '--out', 'report.html'], {
      cwd: dir.path,
      env: streamedEnv(dir),
    });
    expect(r.stderr).toBe('pt: wrote html report to report.html\n');
    expect(readFileSync(join(dir.path, 'report.html'), 'utf8')).toBe(ordinary.stdout);
    expect(readdirSync(dir.path).sort()).toEqual(['fleet.json', 'report.html', 'scorecard.yaml']);
  }, 120_000);
});
