/**
 * Billing data composed into the fleet report: `@pt/cost` applies it and adds the `billing` key;
 * the toolkit's report follows the billed cost entries and stays a valid report v1.
 */
import { CostConfigSchema, FocusAggregator, applyBilling, withBilling } from '@pt/cost';
import { describe, expect, it } from 'vitest';
import { parseFleet } from './fleet/parse.js';
import { ReportSchema } from './report/schema.js';
import { PlatformToolkit } from './toolkit.js';

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

describe('a report with billing data', () => {
  const parsed = parseFleet(FLEET, { filename: 'fleet.yaml' });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const agg = new FocusAggregator({
    metric: 'BilledCost',
    onBadRow: 'error',
    allocation: CostConfigSchema.parse({}).allocation,
  });
  agg.write(
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
  const result = applyBilling(parsed.fleet, agg.end(), CostConfigSchema.parse({ allocation: { split: 'even' } }));

  it('adds the billing key, with budget alerts and reasons', () => {
    const toolkit = PlatformToolkit.fromFleet(result.fleet);
    const report = withBilling(toolkit.report(), result.byService);
    expect(ReportSchema.safeParse(report).success).toBe(true);
    const api = report.services.find((s) => s.name === 'api');
    expect(api?.billing).toMatchObject({ currency: 'USD', month: '2024-09', monthToDate: 31.33 });
    expect(api?.monthlyCost).toBe(31.33);
    expect(api?.reasons.map((r) => r.domain)).toEqual([]);
    expect(report.services.find((s) => s.name === 'batch')?.billing?.currency).toBe('EUR');
  });
});
