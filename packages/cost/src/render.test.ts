import { describe, expect, it } from 'vitest';
import { FocusAggregator } from './billing/aggregate.js';
import { CostConfigSchema } from './billing/allocation.js';
import { renderBillingText } from './render.js';
import { applyBilling, withBilling } from './report/apply.js';

const CSV = `BilledCost,BillingCurrency,ChargePeriodStart,ServiceName,ServiceCategory,ChargeCategory,Tags
40,USD,2024-08-31,Amazon EC2,Compute,Usage,"{""service"":""api""}"
10,USD,2024-09-01,Amazon EC2,Compute,Usage,"{""service"":""api""}"
2.5,USD,2024-09-02,Amazon S3,Storage,Usage,"{""service"":""api""}"
1,USD,2024-09-02,,,Tax,"{""service"":""api""}"
`;

function billed() {
  const config = CostConfigSchema.parse({});
  const agg = new FocusAggregator({ metric: 'BilledCost', onBadRow: 'error', allocation: config.allocation });
  agg.write(CSV);
  const result = applyBilling({ services: [{ name: 'api', team: 'platform' }] }, agg.end(), config);
  const report = withBilling({ services: [{ name: 'api' }] }, result.byService);
  return { report, analysis: result.analysis };
}

describe('renderBillingText', () => {
  it.each([
    [false, '    '],
    [true, '  - '],
  ])('markdown %s: months and the month’s top cost lines under the service', (markdown, item) => {
    const { report, analysis } = billed();
    const lines = renderBillingText(report, analysis, markdown).split('\n');
    const at = lines.findIndex((l) => l.includes('api') && l.includes('2024-09 to 2024-09-02'));
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 5)).toEqual([
      `${item}months: 2024-08 40.00 USD, 2024-09 13.50 USD`,
      `${item}top line: Amazon EC2 (Compute, Usage) 10.00 USD`,
      `${item}top line: Amazon S3 (Storage, Usage) 2.50 USD`,
      `${item}top line: (no ServiceName) (Tax) 1.00 USD`,
    ]);
  });
});
