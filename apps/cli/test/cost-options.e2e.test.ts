/**
 * `pt cost` options that meet users' data where it is (tag keys, date ranges, FOCUS conformance,
 * several files and globs) and the hardening items 9–11 for billing data, on the FOCUS sample.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { asText, EXAMPLE_YAML, expectNoCrash, itWithDir, runPt } from './run-cli.js';

const SAMPLE = '../../packages/cost/test/fixtures/focus/focus_sample.csv';
const SAMPLE_TEXT = readFileSync(
  new URL('../../../packages/cost/test/fixtures/focus/focus_sample.csv', import.meta.url),
  'utf8',
);
const TOTAL = '20.52022672899';

interface SummaryJson {
  by: string;
  range?: { from: string | null; to: string | null; rowsInside: number; rowsOutside: number; firstDay: string | null };
  stats: { rows: number; skippedRows: number };
  currencies: { currency: string; total: string; unallocated: string; groups: { key: string; amount: string }[] }[];
}
const summary = async (args: string[]) => {
  const r = await runPt(['cost', 'summary', SAMPLE, '--format', 'json', ...args]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as SummaryJson;
};
/** Exact sum of decimal strings (12 places at most). */
const sum = (xs: readonly string[]) =>
  xs.reduce((a, x) => {
    const [i = '0', f = ''] = x.replace('-', '').split('.');
    const v = BigInt(i) * 10n ** 12n + BigInt(f.padEnd(12, '0'));
    return a + (x.startsWith('-') ? -v : v);
  }, 0n);
const pico = (x: string) => sum([x]);

describe('--tag-key and --by tag:KEY', () => {
  it('without a tag key the sample is all unallocated; --tag-key application allocates its tagged rows, total exact', async () => {
    const plain = (await summary([])).currencies[0]!;
    expect(plain).toMatchObject({ total: TOTAL, unallocated: TOTAL });
    const tagged = (await summary(['--tag-key', 'application'])).currencies[0]!;
    expect(tagged.total).toBe(TOTAL);
    expect(pico(tagged.unallocated)).toBeLessThan(pico(TOTAL));
    expect(tagged.groups.length).toBeGreaterThan(100);
    expect(sum(tagged.groups.map((g) => g.amount))).toBe(pico(TOTAL));
    // First match wins: a key no row has, then application, gives the same allocation.
    const second = (await summary(['--tag-key', 'nosuchkey', '--tag-key', 'application'])).currencies[0]!;
    expect(second.groups).toEqual(tagged.groups);
  });
  it('--by tag:application groups by the tag, labelled so', async () => {
    const json = await summary(['--by', 'tag:application']);
    expect(json.by).toBe('tag:application');
    expect(json.currencies[0]!.total).toBe(TOTAL);
    const table = await runPt(['cost', 'summary', SAMPLE, '--by', 'tag:application']);
    expect(table.stdout.split('\n')[0]).toMatch(/^tag:application +Cost \(USD\) +of which shared$/);
  });
  it('refuses a bad tag key and an unknown --by', async () => {
    for (const args of [
      ['--tag-key', 'a"b'],
      ['--by', 'tag:'],
      ['--by', 'colour'],
    ]) {
      const r = await runPt(['cost', 'summary', SAMPLE, ...args]);
      expect(r.status).toBe(2);
      expectNoCrash(r);
    }
  });
});

describe('--month, --from, --to (ChargePeriodStart, half-open)', () => {
  it('--month 2024-09 holds every row of the sample; --month 2024-10 none, said', async () => {
    const sep = await summary(['--month', '2024-09']);
    expect(sep.range).toMatchObject({ from: '2024-09-01', to: '2024-10-01', rowsInside: 1000, rowsOutside: 0 });
    expect(sep.currencies[0]!.total).toBe(TOTAL);
    const oct = await summary(['--month', '2024-10']);
    expect(oct.range).toMatchObject({ rowsInside: 0, rowsOutside: 1000, firstDay: null });
    expect(oct.currencies).toEqual([]);
  });
  it('--to D and --from D split the rows and the total exactly', async () => {
    const before = await summary(['--to', '2024-09-15']);
    const after = await summary(['--from', '2024-09-15']);
    expect(before.range!.rowsInside + after.range!.rowsInside).toBe(1000);
    expect(before.range!.rowsOutside).toBe(after.range!.rowsInside);
    expect(pico(before.currencies[0]!.total) + pico(after.currencies[0]!.total)).toBe(pico(TOTAL));
    // Rows counted independently: ChargePeriodStart (13th column) before 2024-09-15.
    const starts = SAMPLE_TEXT.split('\n')
      .slice(1)
      .filter(Boolean)
      // The second pair of timestamps of a row is ChargePeriodEnd, ChargePeriodStart.
      .map((l) => [...l.matchAll(/"(2024-\d\d-\d\d) \d\d:\d\d:\d\d","(2024-\d\d-\d\d) \d\d:\d\d:\d\d"/g)][1]?.[2]);
    expect(starts.every((d) => d !== undefined)).toBe(true);
    expect(before.range!.rowsInside).toBe(starts.filter((d) => d! < '2024-09-15').length);
  });
  it('the table states the range covered and the rows outside it', async () => {
    const r = await runPt(['cost', 'summary', SAMPLE, '--from', '2024-09-10', '--to', '2024-09-12']);
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(
      /^Range: ChargePeriodStart from 2024-09-10 to before 2024-09-12 \(UTC\); data 2024-09-10 to 2024-09-11; \d+ rows in it, \d+ rows outside left out$/,
    );
  });
  it('refuses bad dates, --month with --from, an empty range', async () => {
    for (const args of [
      ['--month', '2024-9'],
      ['--from', '2024-02-30'],
      ['--month', '2024-09', '--to', '2024-10-01'],
      ['--from', '2024-09-02', '--to', '2024-09-01'],
    ]) {
      const r = await runPt(['cost', 'summary', SAMPLE, ...args]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expectNoCrash(r);
    }
  });
});

describe('pt cost validate', () => {
  it('checks the sample against FOCUS 1.0: its only violations are 14 in the 7 Oracle rows, each located', async () => {
    const r = await runPt(['cost', 'validate', SAMPLE]);
    expect(r.status).toBe(2);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(
      `${SAMPLE}: FOCUS 1.0 (from its columns), 1000 rows: 14 problems (not-null 7, allowed-value 7)`,
    );
    const file = SAMPLE_TEXT.split('\n');
    for (const line of lines.slice(0, -1)) {
      const m = /^(.+):(\d+) (ContractedCost|ChargeFrequency): (.+) \[(not-null|allowed-value)\]$/.exec(line);
      expect(m, line).not.toBeNull();
      expect(file[Number(m![2]) - 1]).toContain('"Oracle","Oracle"');
    }
    expect(r.stderr).toContain('"Id"');
  });
  itWithDir(
    'locates every problem of a file broken on purpose: missing column, bad currency, bad category',
    async ({ dir }) => {
      const [head = '', ...rows] = SAMPLE_TEXT.split('\n');
      const drop = (line: string) => line.replace(/^NULL,/, '').replace(/^"[^"]*",/, ''); // AvailabilityZone (recommended)
      const header = head.replace('"BillingAccountName",', '"billing_account_name",').replace(',"ServiceName"', '');
      const body = rows.slice(0, 5).map((r, i) => {
        let line = r;
        if (i === 1) line = line.replace('"USD"', '"EURO"');
        if (i === 3) line = line.replace('"Usage"', '"Refund"');
        return line;
      });
      // ServiceName removed from the header only: every row then has one field too many.
      void drop;
      dir.file('broken.csv', `${header}\n${body.join('\n')}\n`);
      const r = await runPt(['cost', 'validate', 'broken.csv', '--focus-version', '1.0'], { cwd: dir.path });
      expect(r.status).toBe(2);
      expect(r.stdout).toContain(
        'broken.csv:1 billing_account_name: must be named BillingAccountName (FOCUS column names are exact) [column-name]',
      );
      expect(r.stdout).toContain('broken.csv:1 ServiceName: missing (mandatory in FOCUS 1.0) [required-column]');
      expect(r.stdout).toMatch(
        /broken\.csv: FOCUS 1\.0 \(as given\), 5 rows: 7 problems \(required-column 1, column-name 1, field-count 5\)/,
      );
      // The same rows with the header intact: currency and category located on their lines.
      dir.file('bad-values.csv', `${head}\n${body.join('\n')}\n`);
      const v = await runPt(['cost', 'validate', 'bad-values.csv'], { cwd: dir.path });
      expect(v.status).toBe(2);
      expect(v.stdout).toBe(
        'bad-values.csv:3 BillingCurrency: "EURO" is not an ISO 4217 currency code [currency]\n' +
          'bad-values.csv:5 ChargeCategory: "Refund" is not an allowed value (Usage, Purchase, Tax, Credit, Adjustment) [allowed-value]\n' +
          'bad-values.csv: FOCUS 1.0 (from its columns), 5 rows: 2 problems (currency 1, allowed-value 1)\n',
      );
    },
  );
});

describe('clear answers instead of silence', () => {
  it('--by team without --fleet is a usage error naming --fleet', async () => {
    const r = await runPt(['cost', 'summary', SAMPLE, '--by', 'team']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--fleet');
  });
  it('--currency EUR on a USD-only file says so on stderr', async () => {
    const r = await runPt(['cost', 'summary', SAMPLE, '--currency', 'EUR']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('pt: note: no EUR rows in the billing data (currencies: USD); nothing to show\n');
  });
  itWithDir(
    'several files and a glob with the stream engine; pt report --cost takes several files',
    async ({ dir }) => {
      const [head = '', ...rows] = SAMPLE_TEXT.trimEnd().split('\n');
      dir.file('a.csv', `${head}\n${rows.slice(0, 400).join('\n')}\n`);
      dir.file('b.csv', `${head}\n${rows.slice(400).join('\n')}\n`);
      const glob = await runPt(['cost', 'summary', '*.csv', '--format', 'json'], { cwd: dir.path });
      expect(glob.status).toBe(0);
      expect((JSON.parse(glob.stdout) as SummaryJson).currencies[0]!.total).toBe(TOTAL);
      const none = await runPt(['cost', 'summary', 'nothing-*.csv'], { cwd: dir.path });
      expect(none).toMatchObject({ status: 2 });
      expect(none.stderr).toContain('no file matches nothing-*.csv');
      const fleet = `${process.cwd()}/${EXAMPLE_YAML}`;
      const one = await runPt(['report', fleet, '--cost', `${process.cwd()}/${SAMPLE}`, '--format', 'json'], {
        cwd: dir.path,
      });
      const two = await runPt(['report', fleet, '--cost', 'a.csv', '--cost', 'b.csv', '--format', 'json'], {
        cwd: dir.path,
      });
      expect(two.status).toBe(one.status);
      const services = (s: string) =>
        (JSON.parse(s) as { services: { name: string; billing?: unknown }[] }).services.map((x) => [x.name, x.billing]);
      expect(services(two.stdout)).toEqual(services(one.stdout));
    },
  );
});

describe('hardening items 9–11 for billing data', () => {
  itWithDir('item 9: --jobs does not change results (a record longer than 2 MiB)', async ({ dir }) => {
    const header = 'BilledCost,BillingCurrency,ChargePeriodStart,ServiceName,Tags';
    const row = (i: number) => `${i % 7}.25,USD,2024-09-0${1 + (i % 9)} 00:00:00,svc,"{""service"":""s${i % 5}""}"`;
    const before = Array.from({ length: 30_000 }, (_, i) => row(i));
    const long = `1,USD,2024-09-01 00:00:00,svc,"{""service"":""${'x'.repeat(2_100_000)}""}"`;
    dir.file('big.csv', `${header}\n${before.join('\n')}\n${long}\n${row(1)}\n`);
    const run = (jobs: number) =>
      runPt(['cost', 'summary', 'big.csv', '--on-bad-row', 'skip', '--jobs', String(jobs)], { cwd: dir.path });
    const first = await run(1);
    expectNoCrash(first);
    expect(first.status).toBe(2);
    expect(first.stderr).toContain('big.csv:30002: a record longer than 2097152 characters');
    for (const jobs of [2, 3]) {
      const r = await run(jobs);
      expect([r.status, r.stdout, r.stderr]).toEqual([first.status, first.stdout, first.stderr]);
    }
  });
  itWithDir(
    'item 10: both engines read amounts with one grammar (1_000 and " 7 " refused by both)',
    async ({ dir }) => {
      dir.file(
        'amounts.csv',
        'BilledCost,BillingCurrency,ChargePeriodStart\n1_000,USD,2024-09-01\n" 7 ",USD,2024-09-01\n5,USD,2024-09-01\n1e15,USD,2024-09-01\n',
      );
      const results = [];
      for (const engine of ['stream', 'duckdb']) {
        const r = await runPt(
          ['cost', 'summary', 'amounts.csv', '--engine', engine, '--on-bad-row', 'skip', '--format', 'json'],
          { cwd: dir.path },
        );
        expect(r.status).toBe(0);
        results.push(JSON.parse(r.stdout) as SummaryJson);
      }
      expect(results[0]!.currencies[0]!.total).toBe('5');
      expect(results[1]!.currencies).toEqual(results[0]!.currencies);
      expect(results.map((x) => x.stats.skippedRows)).toEqual([3, 3]);
    },
  );
  itWithDir('item 10: fleet amounts whose sums cannot be represented are refused, located', async ({ dir }) => {
    const fleet = readFileSync(new URL(`../${EXAMPLE_YAML}`, import.meta.url), 'utf8')
      .replace('amount: 4200', 'amount: 1.7e308')
      .replace('amount: 4500', 'amount: 1.7e308');
    dir.file('huge.yaml', fleet);
    const r = asText(await runPt(['report', 'huge.yaml', '--format', 'json'], { cwd: dir.path }));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/huge\.yaml:19 services\[0\]\.cost\.entries\[0\]\.amount: must be <= 1000000000000000/);
  });
  itWithDir('item 11: --max-input-mb applies to billing files and to --cost-config', async ({ dir }) => {
    const big = await runPt(['cost', 'summary', SAMPLE, '--max-input-mb', '0.5']);
    expect(big.status).toBe(2);
    expect(big.stderr).toContain('--max-input-mb');
    dir.file('cost.yaml', `# ${'x'.repeat(600_000)}\nmetric: BilledCost\n`);
    const config = await runPt(
      ['cost', 'summary', `${process.cwd()}/${SAMPLE}`, '--cost-config', 'cost.yaml', '--max-input-mb', '0.5'],
      { cwd: dir.path },
    );
    expect(config.status).toBe(2);
    expectNoCrash(config);
    expect(config.stderr).toMatch(/cost\.yaml/);
    const validate = await runPt(['cost', 'validate', SAMPLE, '--max-input-mb', '0.5']);
    expect(validate.status).toBe(2);
    expect(validate.stderr).toContain('--max-input-mb');
  });
});
