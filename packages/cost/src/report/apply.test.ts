import { describe, expect, it } from 'vitest';
import { FocusAggregator } from '../billing/aggregate.js';
import { BudgetsSchema, CostConfigSchema } from '../billing/allocation.js';
import { applyBilling, withBilling, type CostFleet } from './apply.js';
import { BillingReportSchema, type BillingReport } from './schema.js';

/** A fleet as the toolkit's fleet file gives it (only what billing reads, plus a key it keeps). */
const FLEET = {
  apiVersion: 'pt/v1',
  budgets: BudgetsSchema.parse({ teams: { platform: { monthly: 100, currency: 'USD' } } }),
  services: [
    { name: 'api', team: 'platform', cost: { budgetMonthly: 50, entries: [{ month: '2024-01', amount: 999 }] } },
    { name: 'web', team: 'shop' },
    { name: 'batch', team: 'platform', cost: { currency: 'EUR' } },
  ],
} satisfies CostFleet & { apiVersion: string };

const csv = (...rows: string[]) =>
  `BilledCost,BillingCurrency,ChargePeriodStart,Tags\n${rows.map((r) => `${r}\n`).join('')}`;

function cubeOf(text: string) {
  const agg = new FocusAggregator({
    metric: 'BilledCost',
    onBadRow: 'error',
    allocation: CostConfigSchema.parse({}).allocation,
  });
  agg.write(text);
  return agg.end();
}

describe('applyBilling', () => {
  const cube = cubeOf(
    csv(
      '10,USD,2024-08-31,"{""service"":""api""}"',
      '30,USD,2024-09-01,"{""service"":""api""}"',
      '10,USD,2024-09-02,"{""app"":""web""}"',
      '4,USD,2024-09-02,"{""shared"":""true""}"',
      '7,USD,2024-09-02,"{""service"":""ghost""}"',
      '5,EUR,2024-09-02,"{""service"":""batch""}"',
      '1,USD,2024-09-02,NULL',
    ),
  );
  const result = applyBilling(FLEET, cube, CostConfigSchema.parse({ allocation: { split: 'even' } }));

  it('replaces cost entries by billing months in the service currency', () => {
    const api = result.fleet.services.find((s) => s.name === 'api');
    expect(api?.cost).toEqual({
      budgetMonthly: 50,
      entries: [
        { month: '2024-08', amount: 10 },
        { month: '2024-09', amount: 30 + 4 / 3 },
      ].map((e) => ({ ...e, amount: Math.round(e.amount * 100) / 100 })),
    });
    expect(result.fleet.services.find((s) => s.name === 'batch')?.cost?.entries).toEqual([
      { month: '2024-09', amount: 5 },
    ]);
  });

  it('keeps what it does not read of the fleet', () => {
    expect(result.fleet.apiVersion).toBe('pt/v1');
    expect(result.fleet.services.map((s) => s.name)).toEqual(['api', 'web', 'batch']);
    expect(result.fleet.services.find((s) => s.name === 'web')).toEqual({
      name: 'web',
      team: 'shop',
      cost: { entries: [{ month: '2024-09', amount: 11.33 }] },
    });
  });

  it('prepares the billing key, with budget alerts', () => {
    for (const billing of result.byService.values()) expect(BillingReportSchema.safeParse(billing).success).toBe(true);
    const services: { name: string; team: string; billing?: BillingReport }[] = FLEET.services.map((s) => ({
      name: s.name,
      team: s.team,
    }));
    services.push({ name: 'other', team: 'shop' });
    const report = withBilling({ schemaVersion: 1, services }, result.byService);
    expect(report.schemaVersion).toBe(1);
    const api = report.services.find((s) => s.name === 'api');
    expect(api).toMatchObject({ name: 'api', team: 'platform' });
    expect(api?.billing).toMatchObject({
      currency: 'USD',
      month: '2024-09',
      asOf: '2024-09-02',
      monthToDate: 31.33,
      sharedMonthToDate: 1.33,
    });
    expect(api?.billing?.alerts.map((a) => [a.scope, a.basis, a.thresholdPct])).toEqual([
      ['service', 'actual', 50],
      ['service', 'forecast', 100],
      ['team', 'forecast', 100],
    ]);
    expect(report.services.find((s) => s.name === 'batch')?.billing?.currency).toBe('EUR');
    const other = report.services.find((s) => s.name === 'other');
    expect(other).toBe(services[3]);
  });

  it('keeps unallocated cost visible (untagged and unknown services)', () => {
    expect(result.analysis.cells.filter((c) => c.service === null).reduce((a, c) => a + c.amount, 0n)).toBe(
      8n * 10n ** 12n,
    );
  });
});

describe('topLines', () => {
  const lines = (...rows: string[]) =>
    `BilledCost,BillingCurrency,ChargePeriodStart,ServiceName,ServiceCategory,ChargeCategory,Tags\n${rows.map((r) => `${r}\n`).join('')}`;
  const tag = (service: string) => `"{""service"":""${service}""}"`;
  const cube = cubeOf(
    lines(
      `99,USD,2024-08-31,Old,Compute,Usage,${tag('api')}`, // an earlier month: not a line of 2024-09
      `10,USD,2024-09-01,Amazon EC2,Compute,Usage,${tag('api')}`,
      `2.5,USD,2024-09-02,Amazon EC2,Compute,Usage,${tag('api')}`,
      `1,USD,2024-09-02,Amazon EC2,Compute,Tax,${tag('api')}`,
      `3,USD,2024-09-02,Amazon S3,Storage,Usage,${tag('api')}`,
      `3,USD,2024-09-02,Amazon RDS,Databases,Usage,${tag('api')}`,
      `0.5,USD,2024-09-02,AWS Lambda,Compute,Usage,${tag('api')}`,
      `0.25,USD,2024-09-02,,,Usage,${tag('api')}`,
      `6,USD,2024-09-02,Amazon VPC,Networking,Usage,"{""shared"":""true""}"`,
    ),
  );
  const result = applyBilling(
    {
      services: [
        { name: 'api', team: 'platform' },
        { name: 'web', team: 'shop' },
      ],
    },
    cube,
    CostConfigSchema.parse({ allocation: { split: 'even' } }),
  );

  it.each([
    [
      'api',
      [
        ['Amazon EC2', 'Compute', 'Usage', 12.5],
        ['Amazon RDS', 'Databases', 'Usage', 3], // ties: by name
        ['Amazon S3', 'Storage', 'Usage', 3],
        ['Amazon VPC', 'Networking', 'Usage', 3], // its share of shared cost
        ['Amazon EC2', 'Compute', 'Tax', 1],
      ],
    ],
    ['web', [['Amazon VPC', 'Networking', 'Usage', 3]]],
  ])('%s: the month’s largest lines, largest first, at most five', (name, expected) => {
    const lines = result.byService.get(name)?.topLines ?? [];
    expect(lines.map((l) => [l.serviceName, l.serviceCategory, l.chargeCategory, l.amount])).toEqual(expected);
  });
});
