/**
 * `pt report`: what it prints and where (DESIGN.md §4, §5): JSON report v1 and its key order,
 * YAML and JSON inputs, standard input, `--team`, `--out` written atomically, colour, width.
 */
import { linkSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { asText, ANSI_CSI, CLI_DIR, EXAMPLE_JSON, EXAMPLE_YAML, expectNoCrash, itWithDir, runPt } from './run-cli.js';

const REPORT_KEYS = ['schemaVersion', 'summary', 'services'];
const SUMMARY_KEYS = [
  'totalServices',
  'healthy',
  'degraded',
  'critical',
  'unknown',
  'sloBreaches',
  'overBudget',
  'governanceCompliant',
  'totalMonthlyCost',
  'avgReliabilityScore',
];
const SERVICE_KEYS = [
  'name',
  'team',
  'health',
  'reliabilityScore',
  'governance',
  'monthlyCost',
  'costTrend',
  'slosMet',
  'slosTotal',
  'reasons',
];
const REASON_KEYS = ['domain', 'points', 'message'];

interface ReportJson {
  schemaVersion: number;
  summary: Record<string, number>;
  services: { name: string; team: string; health: string; reasons: { domain: string; points: number }[] }[];
}

const parseReport = (text: string) => JSON.parse(text) as ReportJson;

let exampleJsonRun: Promise<string> | undefined;

/** The JSON report of the example fleet as `pt report examples/fleet.yaml --format json` prints it (run once). */
function exampleJson(): Promise<string> {
  exampleJsonRun ??= runPt(['report', EXAMPLE_YAML, '--format', 'json']).then((r) => {
    if (r.status !== 0) throw new Error(`pt report ${EXAMPLE_YAML} failed: ${r.stderr}`);
    return r.stdout;
  });
  return exampleJsonRun;
}

describe.concurrent('pt report on the example fleet', () => {
  it('YAML and JSON versions of the fleet give identical JSON reports', async () => {
    const fromYaml = await runPt(['report', EXAMPLE_YAML, '--format', 'json']);
    const fromJson = await runPt(['report', EXAMPLE_JSON, '--format', 'json']);
    expect(fromYaml.status).toBe(0);
    expect(fromJson.status).toBe(0);
    expect(fromYaml.stderr).toBe('');
    expect(fromJson.stderr).toBe('');
    expect(fromJson.stdout).toBe(fromYaml.stdout);
  });

  it('the report has every health state of the example, in fleet-file order', async () => {
    const report = parseReport(await exampleJson());
    expect(report.summary).toStrictEqual({
      totalServices: 8,
      healthy: 3,
      degraded: 2,
      critical: 2,
      unknown: 1,
      sloBreaches: 3,
      overBudget: 1,
      governanceCompliant: 4,
      totalMonthlyCost: 19811.25,
      avgReliabilityScore: 64.3,
    });
    expect(report.services.map((s) => [s.name, s.health])).toEqual([
      ['api-gateway', 'healthy'],
      ['auth', 'healthy'],
      ['search-indexer', 'healthy'],
      ['payments', 'critical'],
      ['ledger', 'degraded'],
      ['checkout', 'critical'],
      ['notifications', 'degraded'],
      ['legacy-batch', 'unknown'],
    ]);
    const payments = report.services.find((s) => s.name === 'payments');
    expect(payments?.reasons.map((r) => [r.domain, r.points])).toEqual([
      ['slo', 2],
      ['reliability', 1],
      ['governance', 1],
      ['cost', 1],
    ]);
  });

  it('keys of report v1 come in exactly the order of DESIGN §4', async () => {
    const report = JSON.parse(await exampleJson()) as Record<string, unknown> & {
      summary: Record<string, unknown>;
      services: (Record<string, unknown> & { reasons: Record<string, unknown>[] })[];
    };
    expect(Object.keys(report)).toEqual(REPORT_KEYS);
    expect(Object.keys(report.summary)).toEqual(SUMMARY_KEYS);
    expect(report.services).toHaveLength(8);
    expect(report.services.filter((s) => 'scorecard' in s).map((s) => s['name'])).toEqual([
      'api-gateway',
      'auth',
      'payments',
      'ledger',
      'checkout',
      'notifications',
    ]);
    let reasons = 0;
    for (const service of report.services) {
      // A service with a governance section is scored on the default scorecard: one more key, last.
      expect(Object.keys(service)).toEqual('scorecard' in service ? [...SERVICE_KEYS, 'scorecard'] : SERVICE_KEYS);
      for (const reason of service.reasons) {
        expect(Object.keys(reason)).toEqual(REASON_KEYS);
        reasons++;
      }
    }
    expect(reasons).toBeGreaterThan(0);
  });

  it('the demo report has the same key order', async () => {
    const report = JSON.parse((await runPt(['demo', '--format', 'json'])).stdout) as Record<string, unknown> & {
      summary: Record<string, unknown>;
      services: Record<string, unknown>[];
    };
    expect(Object.keys(report)).toEqual(REPORT_KEYS);
    expect(Object.keys(report.summary)).toEqual(SUMMARY_KEYS);
    for (const service of report.services) expect(Object.keys(service)).toEqual([...SERVICE_KEYS, 'scorecard']);
  });

  it.each([
    ['YAML', EXAMPLE_YAML],
    ['JSON', EXAMPLE_JSON],
  ])('reads %s from standard input with -', async (_format, file) => {
    const input = readFileSync(join(CLI_DIR, file), 'utf8');
    const r = await runPt(['report', '-', '--format', 'json'], { input });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(await exampleJson());
  });

  it('the table lists every team and service', async () => {
    const r = await runPt(['report', EXAMPLE_YAML]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Fleet health: 8 services$/m);
    for (const team of ['platform', 'payments', 'storefront']) expect(r.stdout).toMatch(new RegExp(`^${team}$`, 'm'));
    expect(r.stdout).toMatch(/^ {2}checkout +critical +40 +non_compliant /m);
    expect(r.stdout).toMatch(/^ {2}legacy-batch +unknown +- +needs_review /m);
  });

  it('--format markdown works on a file too', async () => {
    const r = await runPt(['report', EXAMPLE_JSON, '--format', 'markdown']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^# Fleet health report\n/);
    expect(r.stdout).toContain('| checkout | storefront | **critical** | 40 |');
  });

  it('--fail-on unknown matches the unknown service of the example', async () => {
    const r = asText(await runPt(['report', EXAMPLE_YAML, '--fail-on', 'unknown', '--format', 'json']));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(await exampleJson());
    expect(r.stderr).toBe('pt: --fail-on unknown: 1 service(s) matched: legacy-batch\n');
  });

  it('--fail-on degraded names every degraded or critical service', async () => {
    const r = await runPt(['report', EXAMPLE_YAML, '--fail-on', 'degraded']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('pt: --fail-on degraded: 4 service(s) matched: payments, ledger, checkout, notifications\n');
  });
});

describe.concurrent('pt report --team', () => {
  it('keeps only that team, in fleet-file order', async () => {
    const r = await runPt(['report', EXAMPLE_YAML, '--team', 'payments', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const report = parseReport(r.stdout);
    expect(report.services.map((s) => s.name)).toEqual(['payments', 'ledger']);
    expect(report.summary).toMatchObject({ totalServices: 2, critical: 1, degraded: 1, healthy: 0 });
  });

  it('a team with no services warns on stderr, reports an empty fleet and exits 0', async () => {
    const r = await runPt(['report', EXAMPLE_YAML, '--team', 'nobody', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('pt: warning: no service belongs to team "nobody"\n');
    expect(parseReport(r.stdout)).toStrictEqual({
      schemaVersion: 1,
      summary: Object.fromEntries(SUMMARY_KEYS.map((k) => [k, 0])),
      services: [],
    });
  });

  it('a team with no services in the table says so', async () => {
    const r = await runPt(['report', EXAMPLE_YAML, '--team', 'nobody']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('pt: warning: no service belongs to team "nobody"\n');
    expect(r.stdout).toContain('Fleet health: 0 services');
    expect(r.stdout).toContain('No services.');
  });
});

describe.concurrent('pt report --out', () => {
  const ls = (path: string) => readdirSync(path).sort();

  itWithDir('writes the report to the file, nothing to stdout, a note to stderr', async ({ dir }) => {
    const out = join(dir.path, 'report.json');
    const r = await runPt(['report', EXAMPLE_YAML, '--format', 'json', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`pt: wrote json report to ${out}\n`);
    expect(readFileSync(out, 'utf8')).toBe(await exampleJson());
    expect(ls(dir.path)).toEqual(['report.json']);
  });

  itWithDir('a relative --out is relative to the working directory', async ({ dir }) => {
    const fleet = join(CLI_DIR, EXAMPLE_YAML);
    const r = await runPt(['report', fleet, '-f', 'markdown', '-o', 'report.md'], { cwd: dir.path });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('pt: wrote markdown report to report.md\n');
    expect(readFileSync(join(dir.path, 'report.md'), 'utf8')).toBe(
      (await runPt(['report', EXAMPLE_YAML, '--format', 'markdown'])).stdout,
    );
  });

  itWithDir(
    'replaces an existing file atomically (a new file renamed over it, not rewritten in place)',
    async ({ dir }) => {
      const out = join(dir.path, 'report.json');
      writeFileSync(out, 'old report\n');
      // A hard link keeps the old inode visible: an in-place rewrite would change it too.
      linkSync(out, join(dir.path, 'old-link'));
      const r = await runPt(['report', EXAMPLE_YAML, '--format', 'json', '--out', out]);
      expect(r.status).toBe(0);
      expect(readFileSync(out, 'utf8')).toBe(await exampleJson());
      expect(readFileSync(join(dir.path, 'old-link'), 'utf8')).toBe('old report\n');
      expect(ls(dir.path)).toEqual(['old-link', 'report.json']);
    },
  );

  itWithDir('--fail-on still writes the whole report, then exits 1', async ({ dir }) => {
    const out = join(dir.path, 'report.json');
    const r = asText(await runPt(['demo', '--format', 'json', '--out', out, '--fail-on', 'critical']));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`pt: wrote json report to ${out}\npt: --fail-on critical: 1 service(s) matched: payments\n`);
    expect(readFileSync(out, 'utf8')).toBe((await runPt(['demo', '--format', 'json'])).stdout);
  });

  itWithDir('invalid input writes nothing and leaves an existing output file untouched', async ({ dir }) => {
    dir.file('bad.yaml', 'apiVersion: pt/v1\nkind: Fleet\nservices: [{ name: a }]\n');
    dir.file('report.json', 'previous report\n');
    const r = asText(
      await runPt(['report', 'bad.yaml', '--format', 'json', '--out', 'report.json'], { cwd: dir.path }),
    );
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expectNoCrash(r);
    expect(r.stderr).toBe(
      'bad.yaml:3 services[0].team: is required\npt: bad.yaml is not a valid fleet file (1 problem)\n',
    );
    expect(readFileSync(join(dir.path, 'report.json'), 'utf8')).toBe('previous report\n');
    expect(ls(dir.path)).toEqual(['bad.yaml', 'report.json']);
  });

  itWithDir('into a missing directory: exit 2, a clear message, no file and no temporary file', async ({ dir }) => {
    const out = join(dir.path, 'missing', 'report.json');
    const r = await runPt(['report', EXAMPLE_YAML, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expectNoCrash(r);
    expect(r.stderr).toBe(`pt: cannot write ${out}: its directory does not exist\n`);
    expect(ls(dir.path)).toEqual([]);
  });

  itWithDir('onto a directory: exit 2, and the temporary file written next to it is removed', async ({ dir }) => {
    mkdirSync(join(dir.path, 'report.json'));
    const out = join(dir.path, 'report.json');
    const r = asText(await runPt(['demo', '--format', 'json', '--out', out]));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expectNoCrash(r);
    expect(r.stderr).toBe(`pt: cannot write ${out}: it is a directory\n`);
    expect(ls(dir.path)).toEqual(['report.json']);
    expect(ls(out)).toEqual([]);
    expect(ls(dir.path).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  itWithDir('the table written to a file never has colour, even with FORCE_COLOR=1', async ({ dir }) => {
    const out = join(dir.path, 'report.txt');
    const r = await runPt(['demo', '--out', out], { env: { FORCE_COLOR: '1' } });
    expect(r.status).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).not.toContain(ANSI_CSI);
    expect(text).toBe((await runPt(['demo'])).stdout);
  });
});

describe.concurrent('colour and width of the table', () => {
  it('no ANSI escapes when stdout is a pipe', async () => {
    const r = await runPt(['report', EXAMPLE_YAML]);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain(ANSI_CSI);
    expect(r.stdout).toContain('critical');
  });

  it('FORCE_COLOR=1 turns colour on; the text under the colour is unchanged', async () => {
    const plain = (await runPt(['report', EXAMPLE_YAML])).stdout;
    const r = await runPt(['report', EXAMPLE_YAML], { env: { FORCE_COLOR: '1' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(ANSI_CSI);
    expect(stripVTControlCharacters(r.stdout)).toBe(plain);
  });

  it.each([
    ['NO_COLOR=1 with FORCE_COLOR=1', { NO_COLOR: '1', FORCE_COLOR: '1' }],
    ['FORCE_COLOR=0', { FORCE_COLOR: '0' }],
    ['NO_COLOR=1', { NO_COLOR: '1' }],
  ])('%s: no colour', async (_name, env) => {
    const r = await runPt(['report', EXAMPLE_YAML], { env });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain(ANSI_CSI);
  });

  it('an empty NO_COLOR does not disable colour (no-color.org)', async () => {
    const r = await runPt(['demo'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(r.stdout).toContain(ANSI_CSI);
  });

  it.each([['json'], ['markdown']])('--format %s never has colour, even with FORCE_COLOR=1', async (format) => {
    const r = await runPt(['demo', '--format', format, '--fail-on', 'critical'], { env: { FORCE_COLOR: '1' } });
    expect(r.status).toBe(1);
    expect(r.stdout).not.toContain(ANSI_CSI);
    expect(r.stderr).not.toContain(ANSI_CSI);
  });

  it.each([
    ['plain', {}],
    ['coloured', { FORCE_COLOR: '1' }],
  ])('%s table lines of examples/fleet.yaml are at most 80 characters wide', async (_name, env) => {
    const r = await runPt(['report', EXAMPLE_YAML], { env });
    expect(r.status).toBe(0);
    const lines = stripVTControlCharacters(r.stdout).split('\n');
    expect(lines.length).toBeGreaterThan(20);
    const tooWide = lines.filter((line) => [...line].length > 80);
    expect(tooWide).toEqual([]);
    expect(lines.filter((line) => /\s$/.test(line))).toEqual([]);
  });
});
