import { formatIssue } from '@pt/input';
import { CostConfigSchema, FocusAggregator } from '@pt/cost';
import { describe, expect, it } from 'vitest';
import { parseFleet } from '../fleet/parse.js';
import { PlatformToolkit } from '../toolkit.js';
import { ReportSchema } from '../report/schema.js';
import { applyBilling, withBilling } from './apply.js';
import { parseCostConfig } from './config.js';

const FLEET = `apiVersion: pt/v1
kind: Fleet
budgets:
  teams:
    platform: { monthly: 100, currency: USD }
services:
  - name: api
    team: platform
    cost: { budgetMonthly: 50, entries: [{ month: "2024-01", amount: 999 }] }
  - name: web
    team: shop
  - name: batch
    team: platform
    cost: { currency: EUR }
`;

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
  const parsed = parseFleet(FLEET, { filename: 'fleet.yaml' });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
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
  const result = applyBilling(parsed.fleet, cube, CostConfigSchema.parse({ allocation: { split: 'even' } }));

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

  it('adds the billing key, with budget alerts and reasons', () => {
    const toolkit = PlatformToolkit.fromFleet(result.fleet);
    const report = withBilling(toolkit.report(), result.byService);
    expect(ReportSchema.safeParse(report).success).toBe(true);
    const api = report.services.find((s) => s.name === 'api');
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
    expect(api?.monthlyCost).toBe(31.33);
    expect(api?.reasons.map((r) => r.domain)).toEqual([]);
    expect(report.services.find((s) => s.name === 'batch')?.billing?.currency).toBe('EUR');
  });

  it('keeps unallocated cost visible (untagged and unknown services)', () => {
    expect(result.analysis.cells.filter((c) => c.service === null).reduce((a, c) => a + c.amount, 0n)).toBe(
      8n * 10n ** 12n,
    );
  });
});

describe('parseCostConfig', () => {
  it('reads YAML and locates problems', () => {
    expect(parseCostConfig('allocation:\n  split: even\n').ok).toBe(true);
    const bad = parseCostConfig('allocation:\n  split: fair\nmetric: BilledCost\n', 'cost.yaml');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]).toMatchObject({ file: 'cost.yaml', line: 2, path: 'allocation.split' });
  });

  const first = (text: string, file: string) => {
    const result = parseCostConfig(text, file);
    return result.ok ? 'ok' : formatIssue(result.issues[0] ?? { code: 'E_SYNTAX', file, path: '', message: '' });
  };

  it.each([
    // YAML refuses a repeated key; JSON keeps JSON.parse's rule (the last one wins).
    ['cost.yaml', 'metric: ListCost\nmetric: BilledCost\n', 'cost.yaml:2:1: YAML syntax error: duplicated mapping key'],
    ['cost.json', '{"metric": "Nope", "metric": "ListCost"}', 'ok'],
    ['cost.yaml', 'allocation: { split: even\n', /^cost\.yaml:2:1: YAML syntax error: /],
    ['cost.json', '{"metric": }', 'cost.json:1:12: JSON syntax error: value expected'],
    // Each message says what was found (it used to say "is required" for every problem).
    [
      'cost.yaml',
      'anomalies:\n  threshold: "1e309"\n',
      'cost.yaml:2 anomalies.threshold: must be a number, got "1e309"',
    ],
    ['cost.yaml', 'anomalies:\n  threshold: -0\n', 'cost.yaml:2 anomalies.threshold: must be > 0, got 0'],
    [
      'cost.json',
      '{"anomalies": {"threshold": 1e309}}',
      'cost.json:1 anomalies.threshold: must be a finite number, got Infinity',
    ],
    [
      'cost.yaml',
      `allocation:\n  patterns:\n    - { field: ResourceName, match: "*", service: ${'s'.repeat(65_537)} }\n`,
      'cost.yaml:3 allocation.patterns[0].service: must be at most 65536 characters',
    ],
  ])('%s, case %#', (file, text, expected) => {
    if (typeof expected === 'string') expect(first(text, file)).toBe(expected);
    else expect(first(text, file)).toMatch(expected);
  });
});
