/**
 * `pt cost` and `pt report --cost` on FOCUS billing data, through the built binary. Expected
 * figures of the FOCUS sample were computed independently with Python 3 (`csv` + `decimal`,
 * NULL and empty cells as 0; see packages/cost/src/billing/aggregate.test.ts).
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { asText, EXAMPLE_YAML, expectNoCrash, itWithDir, runPt } from './run-cli.js';

const SAMPLE = '../../packages/cost/test/fixtures/focus/focus_sample.csv';

interface SummaryJson {
  stats: { rows: number; skippedRows: number };
  currencies: {
    currency: string;
    total: string;
    unallocated: string;
    groups: { key: string; amount: string; shared: string }[];
  }[];
}

const QUIRKS = `\uFEFFBilledCost,BILLING_CURRENCY,charge_period_start,ServiceName,ServiceCategory,ChargeCategory,ResourceName,SubAccountId,Tags
1.10,USD,2024-09-01 23:30:00,"Compute, Linux",Compute,Usage,web-1,acct-1,NULL
-0.10,USD,2024-09-01T23:30:00-01:00,"Compute, Linux",Compute,Credit,db-7,acct-2,
NULL,USD,2024-09-02T00:00:00Z,x,,Usage,,,"{""service"": ""API""}"
2.5,EUR,2024-09-02T01:00:00+02:00,x,Storage,Usage,,,"{""app"": "" Web ""}"
0.1234567890125,EUR,2024-09-03T01:00:00+02:00,x,Storage,Usage,,,"{""shared"": ""TRUE""}"
1e-7,USD,2024-09-03 00:00:00,x,Storage,Usage,,,"{""service"": ""shared""}"
3,USD,2024-09-03 00:00:00,x,Storage,Usage,,,"{""service"": 5, ""app"": ""api""}"
4,USD,2024-09-03 00:00:00,x,Storage,Usage,,,"not json"
`;
const PATTERNS = `allocation:
  patterns:
    - { field: ResourceName, match: "web-*", service: web }
    - { field: SubAccountId, match: "acct-?", service: db }
`;

// Sequential: each DuckDB run takes every core; concurrent runs would slow the other e2e tests.
describe('pt cost summary', () => {
  it('totals the FOCUS sample per currency and per ServiceName, exactly', async () => {
    const r = await runPt(['cost', 'summary', SAMPLE, '--by', 'service-name', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout) as SummaryJson;
    expect(json.stats).toMatchObject({ rows: 1000, skippedRows: 0 });
    expect(json.currencies.map((c) => [c.currency, c.total])).toEqual([['USD', '20.52022672899']]);
    const groups = Object.fromEntries((json.currencies[0]?.groups ?? []).map((g) => [g.key, g.amount]));
    expect(groups).toMatchObject({
      'Amazon Elastic Compute Cloud': '16.0416930505',
      'Azure Kubernetes Service': '1.58088',
      'Amazon Relational Database Service': '0.7532270852',
      'Azure Machine Learning': '-0.15189756178',
    });
    expect(Object.keys(groups)).toHaveLength(33);
  });

  it('prints a table rounded to cents', async () => {
    const r = await runPt(['cost', 'summary', SAMPLE, '--by', 'category']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      'ServiceCategory            Cost (USD)  of which shared',
      '-------------------------  ----------  ---------------',
      'Compute                         17.56             0.00',
    ]);
    expect(r.stdout).toContain('Total                           20.52             0.00');
  });

  it.each(['service', 'day', 'service-name'])('both engines give identical results (--by %s)', async (by) => {
    const runs = [];
    for (const engine of ['stream', 'duckdb']) {
      runs.push(await runPt(['cost', 'summary', SAMPLE, '--by', by, '--format', 'json', '--engine', engine]));
    }
    expect(runs.map((r) => r.status)).toEqual([0, 0]);
    expect(runs[1]?.stdout).toBe(runs[0]?.stdout);
  });

  itWithDir('both engines agree on real-export quirks, tags, patterns and shared cost', async ({ dir }) => {
    dir.file('q.csv', QUIRKS);
    dir.file('cost.yaml', PATTERNS);
    for (const by of ['service', 'day', 'category']) {
      const runs = [];
      for (const engine of ['stream', 'duckdb']) {
        const args = ['cost', 'summary', 'q.csv', '--by', by, '--format', 'json', '--engine', engine];
        runs.push(await runPt([...args, '--cost-config', 'cost.yaml'], { cwd: dir.path }));
      }
      expect(runs.map((r) => r.status)).toEqual([0, 0]);
      expect(runs[1]?.stdout).toBe(runs[0]?.stdout);
    }
    const r = await runPt(['cost', 'summary', 'q.csv', '--format', 'json', '--cost-config', 'cost.yaml'], {
      cwd: dir.path,
    });
    const json = JSON.parse(r.stdout) as SummaryJson;
    expect(json.currencies.map((c) => [c.currency, c.total, c.unallocated])).toEqual([
      ['EUR', '2.623456789013', '0'],
      ['USD', '8.0000001', '4'],
    ]);
    expect(json.currencies[1]?.groups.map((g) => [g.key, g.amount])).toEqual([
      ['(unallocated)', '4'],
      // the shared 1e-7 of 2024-09-03 goes to api, the only service with direct cost that day
      ['api', '3.0000001'],
      ['web', '1.1'],
      ['db', '-0.1'],
    ]);
    expect(r.stderr).toBe('pt: note: 1 amount had more than 12 decimals (rounded)\n');
  });

  itWithDir('reads Parquet files by glob with --engine duckdb, same figures as the CSV', async ({ dir }) => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const { fileURLToPath } = await import('node:url');
    const csv = fileURLToPath(new URL(`../${SAMPLE}`, import.meta.url)).replaceAll("'", "''");
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    for (const [name, where] of [
      ['a', '<'],
      ['b', '>='],
    ] as const) {
      const out = `${dir.path}/${name}.parquet`.replaceAll("'", "''");
      await connection.run(
        `COPY (SELECT * FROM read_csv('${csv}', header = true, all_varchar = true) WHERE ChargePeriodStart ${where} '2024-09-15') TO '${out}' (FORMAT parquet)`,
      );
    }
    connection.closeSync();
    instance.closeSync();
    const args = ['--by', 'service-name', '--format', 'json'];
    const parquet = await runPt(['cost', 'summary', '*.parquet', '--engine', 'duckdb', ...args], { cwd: dir.path });
    const stream = await runPt(['cost', 'summary', SAMPLE, ...args]);
    expect(parquet.status).toBe(0);
    expect(parquet.stdout).toBe(stream.stdout);
  });

  itWithDir('reads gzip’d CSV', async ({ dir }) => {
    const { readFileSync } = await import('node:fs');
    dir.file('focus.csv.gz', gzipSync(readFileSync(new URL(`../${SAMPLE}`, import.meta.url))));
    const r = await runPt(['cost', 'summary', 'focus.csv.gz', '--by', 'month'], { cwd: dir.path });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('2024-09       20.52');
  });

  itWithDir(
    'reads a file in parallel parts (--jobs) with the same figures, bad-row lines and stats',
    async ({ dir }) => {
      // Rows whose quoted Tags hold a line break: some part boundaries fall inside a record and must
      // be detected; two bad rows, to check that lines in later parts are the whole file's.
      const rows = Array.from({ length: 400 }, (_, i) =>
        i === 123 || i === 377
          ? `oops,USD,2024-09-0${1 + (i % 9)} 00:00:00,x,Compute,Usage,web-${i},acct-1,NULL`
          : `${i % 7}.25,USD,2024-09-0${1 + (i % 9)} 00:00:00,x,Compute,Usage,web-${i},acct-1,"{""service"":""s${i % 5}"",\n""team"":""t""}"`,
      );
      dir.file('p.csv', `${QUIRKS.split('\n')[0] ?? ''}\n${rows.join('\n')}\n`);
      const run = (jobs: number, extra: string[] = []) =>
        runPt(['cost', 'summary', 'p.csv', '--by', 'service', '--format', 'json', '--jobs', String(jobs), ...extra], {
          cwd: dir.path,
        });
      const serialError = await run(1);
      expect(serialError.status).toBe(2);
      expect(asText(serialError).stderr).toMatch(/^p\.csv:248 BilledCost: not a number: "oops"\np\.csv:755 BilledCost/);
      const serialSkip = await run(1, ['--on-bad-row', 'skip']);
      expect(serialSkip.status).toBe(0);
      for (const jobs of [2, 3, 4, 5, 6]) {
        expect(await run(jobs)).toMatchObject({ status: 2, stdout: '', stderr: serialError.stderr });
        expect(await run(jobs, ['--on-bad-row', 'skip'])).toMatchObject({
          status: 0,
          stdout: serialSkip.stdout,
          stderr: serialSkip.stderr,
        });
      }
      expect((await runPt(['cost', 'summary', 'p.csv', '--jobs', '0'], { cwd: dir.path })).stderr).toContain(
        '--jobs must be a whole number from 1 to 16; got "0"',
      );
    },
  );

  itWithDir('decodes UTF-8 characters split across read chunks', async ({ dir }) => {
    // Rows of two-byte characters, padded so that one straddles the 256 KiB read boundary.
    const CHUNK = 1 << 18;
    const build = (pad: number) => {
      const head = `BilledCost,BillingCurrency,ChargePeriodStart,ServiceName,Pad\n`;
      const row = `1,EUR,2024-01-01,${'é'.repeat(100)},${'a'.repeat(pad)}\n`;
      return Buffer.from(head + row.repeat(Math.ceil((2 * CHUNK) / Buffer.byteLength(row))), 'utf8');
    };
    const bytes = Array.from({ length: 300 }, (_, pad) => pad)
      .map(build)
      .find((b) => b[CHUNK - 1] === 0xc3);
    if (bytes === undefined) throw new Error('no padding splits a character at the boundary');
    dir.file('split.csv', bytes);
    const rows = bytes.toString('utf8').trimEnd().split('\n').length - 1;
    const r = await runPt(['cost', 'summary', 'split.csv', '--by', 'month', '--format', 'json'], { cwd: dir.path });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      stats: { rows, skippedRows: 0 },
      currencies: [{ currency: 'EUR', total: String(rows) }],
    });
  });

  itWithDir(
    'the byte path (default) prints the bytes of the text path (PT_COST_PATH=text); PT_DEBUG=1 names it',
    async ({ dir }) => {
      const { readFileSync } = await import('node:fs');
      const sample = readFileSync(new URL(`../${SAMPLE}`, import.meta.url));
      dir.file('quirks.csv', QUIRKS.replaceAll('\n', '\r\n'));
      dir.file('sample.csv.gz', gzipSync(sample));
      dir.file('config.yaml', PATTERNS);
      const cases: string[][] = [
        [SAMPLE, '--by', 'service', '--format', 'json'],
        [SAMPLE, '--by', 'category', '--jobs', '2'],
        ['sample.csv.gz', '--by', 'service-name', '--format', 'json'],
        ['quirks.csv', '--by', 'service', '--on-bad-row', 'skip', '--format', 'json'],
        ['quirks.csv', '--by', 'service', '--cost-config', 'config.yaml', '--on-bad-row', 'skip'],
        ['quirks.csv', '--by', 'day'],
      ];
      for (const args of cases) {
        const run = (env: Record<string, string>) =>
          runPt(['cost', 'summary', ...args], args[0] === SAMPLE ? { env } : { cwd: dir.path, env });
        const bytes = await run({ PT_DEBUG: '1' });
        const text = await run({ PT_DEBUG: '1', PT_COST_PATH: 'text' });
        expect(bytes.stdout).toEqual(text.stdout);
        expect(bytes.status).toBe(text.status);
        const debug = /^pt: debug: cost path: .*\n/m;
        expect(asText(bytes).stderr.replace(debug, '')).toBe(asText(text).stderr.replace(debug, ''));
        expect(asText(bytes).stderr).toMatch(/pt: debug: cost path: bytes \(the default\) for \S+, \d parts?/);
        expect(asText(text).stderr).toMatch(/pt: debug: cost path: text \(PT_COST_PATH=text\)/);
      }
      const sampleRun = await runPt(['cost', 'summary', SAMPLE], { env: { PT_DEBUG: '1' } });
      expect(asText(sampleRun).stderr).toContain(
        `pt: debug: cost path: bytes (the default) for ${SAMPLE}, 1 part, 1,000 rows undecoded, 0 decoded\n`,
      );
    },
    // Thirteen runs of the binary: room on a loaded machine.
    180_000,
  );

  itWithDir('locates bad rows (error mode), or skips and counts them', async ({ dir }) => {
    dir.file('bad.csv', 'BilledCost,BillingCurrency,ChargePeriodStart\n1,USD,2024-09-01\nabc,USD,2024-09-01\n2,USD\n');
    const r = await runPt(['cost', 'summary', 'bad.csv'], { cwd: dir.path });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expectNoCrash(r);
    expect(r.stderr).toBe(
      'bad.csv:3 BilledCost: not a number: "abc"\n' +
        'bad.csv:4: has 2 fields, the header has 3\n' +
        'pt: bad.csv: 2 bad values in the billing data (use --on-bad-row skip to leave bad rows out, counted)\n',
    );
    const skip = await runPt(['cost', 'summary', 'bad.csv', '--on-bad-row', 'skip', '--format', 'json'], {
      cwd: dir.path,
    });
    expect(skip.status).toBe(0);
    expect((JSON.parse(skip.stdout) as SummaryJson).currencies[0]?.total).toBe('1');
    expect(skip.stderr).toContain('pt: warning: skipped 2 bad rows of 3\n');
    const duck = await runPt(
      ['cost', 'summary', 'bad.csv', '--engine', 'duckdb', '--on-bad-row', 'skip', '--format', 'json'],
      {
        cwd: dir.path,
      },
    );
    expectNoCrash(duck);
  });

  itWithDir('names missing columns and unreadable files', async ({ dir }) => {
    dir.file('x.csv', 'ServiceName,BilledCost\nx,1\n');
    const r = await runPt(['cost', 'summary', 'x.csv'], { cwd: dir.path });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('x.csv:1 BillingCurrency: missing required column BillingCurrency\n');
    const missing = await runPt(['cost', 'summary', 'nope.csv'], { cwd: dir.path });
    expect(missing.stderr).toBe('pt: cannot read nope.csv: no such file\n');
    const usage = await runPt(['cost', 'total', 'x.csv'], { cwd: dir.path });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('unknown cost command "total"');
  });
});

describe('pt cost anomalies', () => {
  it('flags spiking days of the sample, per service, in JSON', async () => {
    const r = await runPt(['cost', 'anomalies', SAMPLE, '--min-cost', '0.01', '--format', 'json']);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as { days: number; anomalies: { day: string; direction: string }[] };
    expect(json.days).toBe(30);
    expect(json.anomalies.map((a) => a.day)).toContain('2024-09-18');
    expect(json.anomalies.every((a) => a.direction === 'spike')).toBe(true);
    const quiet = await runPt(['cost', 'anomalies', SAMPLE, '--min-cost', '5']);
    expect(quiet.stdout).toBe('No anomalies in 30 days (threshold 3.5, minimum 5).\n');
    const table = await runPt(['cost', 'anomalies', SAMPLE]);
    expect(table.stdout.split('\n').slice(0, 2)).toEqual([
      'Day         Service        Direction      Cost    Median    z',
      '2024-09-12  (unallocated)  spike      1.93 USD  0.33 USD  3.7',
    ]);
  });
});

describe('pt report --cost', () => {
  itWithDir('fills cost sections from billing data and adds the billing key', async ({ dir }) => {
    const rows = ['BilledCost,BillingCurrency,ChargePeriodStart,Tags'];
    for (let d = 1; d <= 10; d++) {
      const day = `2024-02-${String(d).padStart(2, '0')}`;
      rows.push(`400,USD,${day},"{""service"":""api-gateway""}"`, `10,USD,${day},"{""shared"":""true""}"`);
    }
    dir.file('focus.csv', `${rows.join('\n')}\n`);
    const { readFileSync } = await import('node:fs');
    dir.file('fleet.yaml', readFileSync(new URL(`../${EXAMPLE_YAML}`, import.meta.url)));
    const r = await runPt(['report', 'fleet.yaml', '--cost', 'focus.csv', '--format', 'json', '--split', 'even'], {
      cwd: dir.path,
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as {
      services: {
        name: string;
        monthlyCost: number;
        billing?: { monthToDate: number; alerts: { message: string }[] };
      }[];
    };
    const api = report.services.find((s) => s.name === 'api-gateway');
    // 10 days × (400 + 10/8 shared, split evenly over the example's 8 services)
    expect(api?.billing?.monthToDate).toBe(4012.5);
    expect(api?.monthlyCost).toBe(4012.5);
    expect(api?.billing?.alerts.map((a) => a.message)).toEqual([
      'service api-gateway: 2024-02 cost so far 4,012.50 USD is 80.3% of the 5,000.00 USD budget (≥ 80%)',
      'service api-gateway: 2024-02 forecast 11,636.25 USD is 232.7% of the 5,000.00 USD budget (≥ 100%)',
    ]);
    const table = await runPt(['report', 'fleet.yaml', '--cost', 'focus.csv'], { cwd: dir.path });
    expect(table.stdout).toContain('\nBilling\n');
  });
});
