import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FocusAggregator, FocusDataError, MAX_RECORD_LENGTH, type AggregatorOptions } from './aggregate.js';
import { AllocationSchema } from './allocation.js';
import type { CostCube } from './cube.js';
import { formatAmount } from './money.js';

/**
 * The FOCUS 1.0 sample (test/fixtures/focus, CC BY 4.0). Expected figures were computed
 * independently with Python 3's `csv` module and `decimal.Decimal` (NULL and empty = 0):
 *
 *   rows = list(csv.DictReader(open('focus_sample.csv', encoding='utf-8-sig')))
 *   sum(D(0) if r['BilledCost'] in ('', 'NULL') else D(r['BilledCost']) for r in rows)
 *
 * and the same grouped by BillingCurrency and by ServiceName.
 */
const SAMPLE = readFileSync(new URL('../../test/fixtures/focus/focus_sample.csv', import.meta.url), 'utf8');

const OPTIONS: AggregatorOptions = {
  metric: 'BilledCost',
  onBadRow: 'error',
  allocation: AllocationSchema.parse({}),
};

function aggregate(chunks: readonly string[], options: Partial<AggregatorOptions> = {}): CostCube {
  const agg = new FocusAggregator({ ...OPTIONS, ...options });
  for (const chunk of chunks) agg.write(chunk);
  return agg.end();
}

function totalsBy(cube: CostCube, key: (c: CostCube['cells'][number]) => string): Record<string, string> {
  const sums = new Map<string, bigint>();
  for (const c of cube.cells) sums.set(key(c), (sums.get(key(c)) ?? 0n) + c.amount);
  return Object.fromEntries([...sums].map(([k, v]) => [k, formatAmount(v)]));
}

describe('the FOCUS sample', () => {
  const cube = aggregate([SAMPLE]);

  it('reads every row', () => {
    expect(cube.stats.rows).toBe(1000);
    expect(cube.stats.skippedRows).toBe(0);
    expect(cube.stats.issueCount).toBe(0);
  });

  it.each([
    ['BilledCost', '20.52022672899'],
    ['EffectiveCost', '14.97651418586'],
    ['ListCost', '20.39090575119'],
    ['ContractedCost', '14.97626039326'],
  ] as const)('total %s per currency is USD %s', (metric, total) => {
    expect(totalsBy(aggregate([SAMPLE], { metric }), (c) => c.currency)).toEqual({ USD: total });
  });

  it.each([
    ['Amazon Elastic Compute Cloud', '16.0416930505'],
    ['Azure Kubernetes Service', '1.58088'],
    ['Amazon Relational Database Service', '0.7532270852'],
    ['COMPUTE', '0.536'],
    ['Azure DB for MySQL', '0.37096774194'],
    ['Red Hat OpenShift Service on AWS', '0.342'],
    ['Elastic Load Balancing', '0.3136842445'],
    ['Azure Machine Learning', '-0.15189756178'],
    ['Virtual Machine Scale Sets', '0.0000003702'],
    ['AWS CloudTrail', '0'],
    ['NETWORK', '0'],
  ])('BilledCost of ServiceName %s is %s', (name, total) => {
    expect(totalsBy(cube, (c) => c.serviceName)[name]).toBe(total);
  });

  it('has 33 ServiceNames, one month, 30 days', () => {
    expect(Object.keys(totalsBy(cube, (c) => c.serviceName))).toHaveLength(33);
    expect(new Set(cube.cells.map((c) => c.day.slice(0, 7)))).toEqual(new Set(['2024-09']));
    expect(new Set(cube.cells.map((c) => c.day)).size).toBe(30);
  });

  it('allocates by the `application` tag when asked (tag values are lower-cased)', () => {
    const byApp = aggregate([SAMPLE], { allocation: AllocationSchema.parse({ tagKeys: ['application'] }) });
    const services = totalsBy(byApp, (c) => c.service ?? `(${c.target})`);
    expect(Object.keys(services)).toContain('brightpathmatrix');
    expect(Object.keys(services)).toContain('(unallocated)');
    const all = Object.values(totalsBy(byApp, (c) => c.currency));
    expect(all).toEqual(['20.52022672899']);
  });

  it('is independent of chunking and of row order', () => {
    const [header = '', ...lines] = SAMPLE.trimEnd().split('\n');
    fc.assert(
      fc.property(fc.array(fc.nat({ max: SAMPLE.length }), { maxLength: 20 }), fc.integer(), (cuts, seed) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const chunks = [...points, SAMPLE.length].map((end, i) => SAMPLE.slice(i === 0 ? 0 : points[i - 1], end));
        expect(aggregate(chunks)).toEqual(cube);
        const shuffled =
          fc.sample(fc.shuffledSubarray(lines, { minLength: lines.length }), { seed, numRuns: 1 })[0] ?? [];
        expect(aggregate([`${header}\n${shuffled.join('\n')}\n`])).toEqual(cube);
      }),
      { numRuns: 15 },
    );
  });
});

describe('real-export quirks', () => {
  const HEADER = 'billedcost,BILLING_CURRENCY,charge period start,ServiceName,Tags';
  const rows = (...lines: string[]) => `\uFEFF${HEADER}\r\n${lines.join('\r\n')}\r\n`;

  it('BOM, case variants, CRLF, NULL, quoted commas, zones, credits and several currencies', () => {
    const cube = aggregate([
      rows(
        '1.10,USD,2024-09-01 23:30:00,"Compute, Linux",NULL',
        '-0.10,USD,2024-09-01T23:30:00-01:00,"Compute, Linux",',
        'NULL,USD,2024-09-02T00:00:00Z,x,"{""service"": ""API""}"',
        '2.5,EUR,2024-09-02T01:00:00+02:00,x,"{""app"": ""web""}"',
      ),
    ]);
    expect(totalsBy(cube, (c) => c.currency)).toEqual({ USD: '1', EUR: '2.5' });
    expect(totalsBy(cube, (c) => c.day)).toEqual({ '2024-09-01': '3.6', '2024-09-02': '-0.1' });
    expect(totalsBy(cube, (c) => c.service ?? '-')).toEqual({ '-': '1', api: '0', web: '2.5' });
    expect(cube.stats.nullAmounts).toBe(1);
  });

  it('reports bad rows with row, line and column (error mode)', () => {
    const text = rows(
      'abc,USD,2024-09-01,x,NULL',
      '1,usd,2024-09-01,x,NULL',
      '1,USD,yesterday,x,NULL',
      '1,USD',
      '1,USD,2024-09-01,x,NULL',
    );
    try {
      aggregate([text]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FocusDataError);
      const e = error as FocusDataError;
      expect(e.code).toBe('E_FOCUS_ROWS');
      expect(e.issues).toEqual([
        { row: 1, line: 2, column: 'billedcost', message: 'not a number: "abc"' },
        { row: 2, line: 3, column: 'BILLING_CURRENCY', message: 'not an ISO 4217 code: "usd"' },
        { row: 3, line: 4, column: 'charge period start', message: 'not a timestamp: "yesterday"' },
        { row: 4, line: 5, column: '', message: 'has 2 fields, the header has 5' },
      ]);
    }
  });

  it('counts and reports skipped rows in skip mode', () => {
    const cube = aggregate([rows('abc,USD,2024-09-01,x,NULL', '2,USD,2024-09-01,x,NULL')], { onBadRow: 'skip' });
    expect(cube.stats).toMatchObject({ rows: 2, skippedRows: 1, issueCount: 1 });
    expect(totalsBy(cube, (c) => c.currency)).toEqual({ USD: '2' });
  });

  it('refuses a FOCUS column named twice (in any spelling): neither cell may silently win', () => {
    expect(() => aggregate(['BilledCost,BillingCurrency,ChargePeriodStart,billed_cost\n1,USD,2024-09-01,2\n'])).toThrow(
      'not a FOCUS file: duplicate column BilledCost',
    );
    // Columns this package does not read may repeat.
    const cube = aggregate(['BilledCost,BillingCurrency,ChargePeriodStart,x,x\n1,USD,2024-09-01,a,b\n']);
    expect(totalsBy(cube, (c) => c.currency)).toEqual({ USD: '1' });
  });

  it('makes a row with a name longer than 65536 characters bad, in error and in skip mode', () => {
    const long = 'n'.repeat(65_537);
    const text = rows(
      `1,USD,2024-09-01,${long},NULL`,
      `2,USD,2024-09-01,x,"{""service"": ""${long}""}"`,
      '4,USD,2024-09-01,x,NULL',
    );
    try {
      aggregate([text]);
      expect.unreachable();
    } catch (error) {
      expect((error as FocusDataError).issues).toEqual([
        { row: 1, line: 2, column: 'ServiceName', message: 'longer than 65536 characters' },
        { row: 2, line: 3, column: 'Tags', message: 'longer than 65536 characters' },
      ]);
    }
    const cube = aggregate([text], { onBadRow: 'skip' });
    expect(cube.stats).toMatchObject({ rows: 3, skippedRows: 2 });
    expect(totalsBy(cube, (c) => c.currency)).toEqual({ USD: '4' });
    // 65536 characters is still a name.
    const edge = aggregate([rows(`1,USD,2024-09-01,${'n'.repeat(65_536)},NULL`)]);
    expect(edge.stats.skippedRows).toBe(0);
  });

  it('refuses a record longer than MAX_RECORD_LENGTH, fed in small chunks, in both modes', () => {
    for (const onBadRow of ['error', 'skip'] as const) {
      const agg = new FocusAggregator({ ...OPTIONS, onBadRow });
      agg.write('BilledCost,BillingCurrency,ChargePeriodStart\n1,USD,2024-09-01\n');
      const chunk = 'x'.repeat(64 * 1024);
      let thrown: unknown;
      try {
        for (let i = 0; i < 64; i++) agg.write(chunk); // 4 MiB without a line break
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(FocusDataError);
      const e = thrown as FocusDataError;
      expect(e.code).toBe('E_FOCUS_RECORD');
      expect(e.message).toBe(`not CSV with line breaks (a record longer than ${MAX_RECORD_LENGTH} characters)`);
      expect(e.issues).toEqual([
        { row: 2, line: 3, column: '', message: `a record longer than ${MAX_RECORD_LENGTH} characters` },
      ]);
    }
    // A long record that is complete when written is read.
    const edge = aggregate([
      `BilledCost,BillingCurrency,ChargePeriodStart,x\n1,USD,2024-09-01,${'y'.repeat(MAX_RECORD_LENGTH - 24)}\n`,
    ]);
    expect(edge.stats.rows).toBe(1);
  });

  it('names missing required columns', () => {
    expect(() => aggregate(['ServiceName,BilledCost\nx,1\n'])).toThrow(
      'not a FOCUS file: missing required column BillingCurrency, missing required column ChargePeriodStart',
    );
    expect(() => aggregate([''])).toThrow('no header row');
  });
});
