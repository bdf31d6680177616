/**
 * The `pt` command line as a user meets it: version, help, usage errors, `pt demo` and
 * `pt validate`, each run through the built binary (DESIGN.md §4, §5).
 */
import { describe, expect, it } from 'vitest';
import {
  EXAMPLE_JSON,
  EXAMPLE_YAML,
  PACKAGE_VERSION,
  expectInvalidFleet,
  expectNoCrash,
  expectUsageError,
  makeTempDir,
  runPt,
} from './run-cli.js';

const MAIN_HINT = "Run 'pt --help' for the commands.";
const hintFor = (command: string) => `Run 'pt ${command} --help' for usage.`;

describe.concurrent('pt --version and help', () => {
  it.each([['--version'], ['-v']])('pt %s prints the package.json version only', async (flag) => {
    const r = await runPt([flag]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${PACKAGE_VERSION}\n`);
    expect(r.stderr).toBe('');
  });

  it.each([['--help'], ['-h'], ['help']])('pt %s prints the main help on stdout and exits 0', async (flag) => {
    const r = await runPt([flag]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Usage: pt <command> [options]');
    for (const command of ['demo', 'report <fleet|->', 'validate <fleet|->']) {
      expect(r.stdout).toMatch(new RegExp(`^ {2}${command.replace(/[|]/g, '\\|')} +\\S`, 'm'));
    }
    expect(r.stdout).toContain('--version');
    expect(r.stdout).toContain('Exit codes: 0 ok, 1 a --fail-on check matched, 2 usage or input error.');
  });

  it.each([
    ['demo', 'Usage: pt demo [options]', ['--format', '--team', '--fail-on', '--out']],
    [
      'report',
      'Usage: pt report <fleet.yaml|fleet.json|-> [options]',
      ['--format', '--team', '--fail-on', '--out', '--max-input-mb'],
    ],
    ['validate', 'Usage: pt validate <fleet.yaml|fleet.json|-> [options]', ['--max-input-mb']],
  ])('pt %s --help prints the command help on stdout and exits 0', async (command, usage, options) => {
    const r = await runPt([command, '--help']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toBe(usage);
    for (const option of options) expect(r.stdout).toContain(option);
    expect(r.stdout).toContain('Examples:');
    // `pt help <command>` is the same help.
    expect((await runPt(['help', command])).stdout).toBe(r.stdout);
  });

  it('pt validate --help does not offer the report options', async () => {
    const options = (await runPt(['validate', '--help'])).stdout.split('Options:')[1]?.split('Examples:')[0];
    expect(options).toContain('--max-input-mb');
    expect(options).not.toContain('--format');
    expect(options).not.toContain('--fail-on');
    expect(options).not.toContain('--out');
  });

  it('pt with no arguments prints the help on stderr, nothing on stdout, and exits 2', async () => {
    const r = await runPt([]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage: pt <command> [options]');
    expect(r.stderr).toBe((await runPt(['--help'])).stdout);
  });
});

describe.concurrent('usage errors: exit 2, one line and a hint on stderr, nothing on stdout, no stack trace', () => {
  it('unknown command', async () => {
    expectUsageError(await runPt(['frobnicate']), 'unknown command "frobnicate"', MAIN_HINT);
  });

  it('unknown option before any command', async () => {
    expectUsageError(await runPt(['--frobnicate']), 'unknown option "--frobnicate"', MAIN_HINT);
  });

  it.each([
    ['demo', ['demo', '--frobnicate']],
    ['report', ['report', EXAMPLE_YAML, '--frobnicate']],
    ['validate', ['validate', EXAMPLE_YAML, '--frobnicate']],
  ])('unknown option of %s', async (command, args) => {
    expectUsageError(await runPt(args), `unknown option "--frobnicate" of pt ${command}`, hintFor(command));
  });

  it('a report option given to validate is unknown', async () => {
    expectUsageError(
      await runPt(['validate', EXAMPLE_YAML, '--team', 'x']),
      'unknown option "--team" of pt validate',
      hintFor('validate'),
    );
  });

  it.each([['report'], ['validate']])('missing argument of %s', async (command) => {
    expectUsageError(await runPt([command]), 'missing argument <fleet.yaml|fleet.json|->', hintFor(command));
  });

  it.each([
    ['demo', ['demo', 'extra'], 'extra'],
    ['report', ['report', EXAMPLE_YAML, 'extra'], 'extra'],
    ['validate', ['validate', EXAMPLE_YAML, EXAMPLE_JSON], EXAMPLE_JSON],
  ])('extra argument of %s', async (command, args, extra) => {
    expectUsageError(await runPt(args), `unexpected argument "${extra}"`, hintFor(command));
  });

  it.each([
    ['demo', ['demo', '--format', 'xml']],
    ['report', ['report', EXAMPLE_YAML, '-f', 'xml']],
  ])('bad --format value (%s)', async (command, args) => {
    expectUsageError(
      await runPt(args),
      '--format must be one of table, json, markdown, html; got "xml"',
      hintFor(command),
    );
  });

  it.each([
    ['demo', ['demo', '--fail-on', 'sick']],
    ['report', ['report', EXAMPLE_YAML, '--fail-on=sick']],
  ])('bad --fail-on value (%s)', async (command, args) => {
    expectUsageError(
      await runPt(args),
      '--fail-on must be one of degraded, critical, unknown; got "sick"',
      hintFor(command),
    );
  });

  it('an option without its value', async () => {
    expectUsageError(await runPt(['demo', '--format']), '--format needs a value', hintFor('demo'));
  });

  it.each([['0'], ['-1'], ['lots'], ['']])('bad --max-input-mb value %j', async (value) => {
    const r = await runPt(['validate', EXAMPLE_YAML, `--max-input-mb=${value}`]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expectNoCrash(r);
    expect(r.stderr).toBe(`pt: --max-input-mb must be a positive number; got "${value}"\n`);
  });

  it('a bad option value is reported before any input is read', async () => {
    // The file does not exist; the usage error still wins, and nothing is read from stdin.
    expectUsageError(
      await runPt(['report', 'no-such-file.yaml', '--format', 'xml']),
      '--format must be one of table, json, markdown, html; got "xml"',
      hintFor('report'),
    );
  });
});

describe.concurrent('pt demo', () => {
  it('prints the table: api-gateway healthy 85, payments critical 60', async () => {
    const r = await runPt(['demo']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^ {2}api-gateway +healthy +85 +compliant /m);
    expect(r.stdout).toMatch(/^ {2}payments +critical +60 +needs_review /m);
    expect(r.stdout).toContain('Fleet health: 2 services');
    expect(r.stdout).toContain('payments: critical, 5 points');
  });

  it('--format json is the DESIGN §4 report of the seed demo', async () => {
    const r = await runPt(['demo', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.endsWith('}\n')).toBe(true);
    expect(JSON.parse(r.stdout)).toStrictEqual({
      schemaVersion: 1,
      summary: {
        totalServices: 2,
        healthy: 1,
        degraded: 0,
        critical: 1,
        unknown: 0,
        sloBreaches: 1,
        overBudget: 1,
        governanceCompliant: 1,
        totalMonthlyCost: 8000,
        avgReliabilityScore: 72.5,
      },
      services: [
        {
          name: 'api-gateway',
          team: 'platform',
          health: 'healthy',
          reliabilityScore: 85,
          governance: 'compliant',
          monthlyCost: 4500,
          costTrend: 'increasing',
          slosMet: 1,
          slosTotal: 1,
          reasons: [],
          scorecard: {
            name: 'default',
            level: 'gold',
            score: 100,
            nextLevel: null,
            gap: [],
            failed: [],
            waived: [],
            expiredWaivers: [],
          },
        },
        {
          name: 'payments',
          team: 'payments',
          health: 'critical',
          reliabilityScore: 60,
          governance: 'needs_review',
          monthlyCost: 3500,
          costTrend: 'spiking',
          slosMet: 1,
          slosTotal: 2,
          reasons: [
            { domain: 'slo', points: 2, message: expect.stringContaining('availability') as unknown },
            { domain: 'reliability', points: 1, message: expect.stringContaining('60') as unknown },
            {
              domain: 'governance',
              points: 1,
              message: expect.stringMatching(
                /payments lacks documentation.*payments has no incident response plan/,
              ) as unknown,
            },
            { domain: 'cost', points: 1, message: expect.stringContaining('budget') as unknown },
          ],
          scorecard: {
            name: 'default',
            level: 'bronze',
            score: 60,
            nextLevel: 'silver',
            gap: ['documentation'],
            failed: ['documentation', 'incident_response'],
            waived: [],
            expiredWaivers: [],
          },
        },
      ],
    });
  });

  it('--format markdown prints a Markdown report', async () => {
    const r = await runPt(['demo', '--format', 'markdown']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toBe('# Fleet health report');
    expect(r.stdout).toContain('| payments | payments | **critical** | 60 |');
    expect(r.stdout).toMatch(/^\| api\\?-gateway \| platform \| \*\*healthy\*\* \| 85 \|/m);
    expect(r.stdout).toContain('### payments: critical, 5 points');
  });

  it('--fail-on critical exits 1, still prints the report, and says why on stderr', async () => {
    const r = await runPt(['demo', '--fail-on', 'critical', '--format', 'json']);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ summary: { critical: 1 } });
    // With --format json, the failed check is the one JSON error object.
    expect(r.stderr).toBe(
      '{"error":{"code":"E_CHECK_FAILED","message":"--fail-on critical: 1 service(s) matched: payments"}}\n',
    );
  });

  it('--fail-on critical with the table: the table is on stdout', async () => {
    const r = await runPt(['demo', '--fail-on', 'critical']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe((await runPt(['demo'])).stdout);
    expect(r.stderr).toContain('--fail-on critical');
  });

  it('--fail-on degraded exits 1 (critical counts as degraded)', async () => {
    const r = await runPt(['demo', '--fail-on', 'degraded']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('Fleet health: 2 services');
    expect(r.stderr).toBe('pt: --fail-on degraded: 1 service(s) matched: payments\n');
  });

  it('--fail-on unknown exits 0: no demo service is unknown', async () => {
    const r = await runPt(['demo', '--fail-on', 'unknown']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Fleet health: 2 services');
  });

  it('--team platform keeps only that team', async () => {
    const r = await runPt(['demo', '--team', 'platform', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as { summary: Record<string, number>; services: { name: string }[] };
    expect(report.summary['totalServices']).toBe(1);
    expect(report.summary['healthy']).toBe(1);
    expect(report.summary['critical']).toBe(0);
    expect(report.services.map((s) => s.name)).toEqual(['api-gateway']);
  });

  it('--team platform --fail-on critical passes: the critical service is filtered out', async () => {
    const r = await runPt(['demo', '-t', 'platform', '--fail-on', 'critical']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe.concurrent('pt validate', () => {
  it.each([
    [EXAMPLE_YAML, 'fleet.yaml'],
    [EXAMPLE_JSON, 'fleet.json'],
  ])('a valid file (%s) is confirmed in one line on stdout, exit 0', async (file) => {
    const r = await runPt(['validate', file]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${file}: valid (8 services, 3 teams)\n`);
  });

  it('reads standard input with -', async () => {
    const r = await runPt(['validate', '-'], { input: 'apiVersion: pt/v1\nkind: Fleet\nservices: []\n' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('<stdin>: valid (0 services, 0 teams)\n');
  });

  it('an invalid file exits 2 with its problems on stderr and nothing on stdout', async () => {
    const dir = makeTempDir();
    try {
      dir.file('fleet.yaml', 'apiVersion: pt/v2\nkind: Fleet\nservices: []\n');
      const r = await runPt(['validate', 'fleet.yaml'], { cwd: dir.path });
      expectInvalidFleet(r, 'fleet.yaml', ['fleet.yaml:1 apiVersion: must be "pt/v1", got "pt/v2"']);
    } finally {
      dir.cleanup();
    }
  });
});
