/** Issue items 9 and 10 of the hardening review, at the package level (the CLI side is in its e2e tests). */
import { describe, expect, it } from 'vitest';
import { FocusAggregator, FocusDataError, MAX_RECORD_LENGTH } from './aggregate.js';
import { AllocationSchema } from './allocation.js';
import { detectAnomalies, MAX_ANOMALY_Z } from './analysis.js';
import {
  MAX_AMOUNT_UNITS,
  accumulate,
  accumulatorValue,
  newAccumulator,
  parseAmount,
  parseAmountInto,
} from './money.js';
import { CostEntrySchema, CostSchema } from '../schema.js';

const allocation = AllocationSchema.parse({});

describe('item 9: a long record gives the same answer for every chunking', () => {
  const long = `BilledCost,BillingCurrency,ChargePeriodStart,x\n1,USD,2024-09-01,"${'y'.repeat(MAX_RECORD_LENGTH)}"\n2,USD,2024-09-02,z\n`;
  for (const chunk of [long.length, 1 << 18, 1 << 16, 4099]) {
    it(`chunks of ${chunk}: E_FOCUS_RECORD at line 2 in skip mode too`, () => {
      const agg = new FocusAggregator({ metric: 'BilledCost', onBadRow: 'skip', allocation });
      let error: unknown;
      try {
        for (let i = 0; i < long.length; i += chunk) agg.write(long.slice(i, i + chunk));
        agg.end();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(FocusDataError);
      expect((error as FocusDataError).code).toBe('E_FOCUS_RECORD');
      expect((error as FocusDataError).issues[0]?.line).toBe(2);
      // Small chunks re-scan the pending record at each write: about a second of work, given room on a loaded machine.
    }, 30_000);
  }
});

describe('item 10: one amount grammar, sums that stay representable', () => {
  it.each(['1_000', ' 7 ', '7 ', '0x10', 'NaN', 'Infinity', '1,5', '', '1e', '1000000000000000', '1.7e308', '-1e15'])(
    'refuses %j',
    (text) => {
      expect(parseAmountInto(text, { whole: 0, pico: 0 })).toBe(-1);
    },
  );
  it.each([
    ['999999999999999.99', 999_999_999_999_999n * 10n ** 12n + 990_000_000_000n],
    ['+5', 5n * 10n ** 12n],
    ['.5', 5n * 10n ** 11n],
    ['5.', 5n * 10n ** 12n],
    ['1e3', 1000n * 10n ** 12n],
  ])('accepts %j', (text, pico) => {
    const out = { whole: 0, pico: 0 };
    expect(parseAmountInto(text, out)).toBe(0);
    expect(BigInt(out.whole) * 10n ** 12n + BigInt(out.pico)).toBe(pico);
    expect(parseAmount(text)?.value).toBe(pico);
  });
  it('sums of many near-limit amounts stay exact (the running whole part never passes 2^53)', () => {
    const acc = newAccumulator();
    const n = 1000;
    for (let i = 0; i < n; i++) accumulate(acc, MAX_AMOUNT_UNITS - 1, 999_999_999_999);
    expect(accumulatorValue(acc)).toBe(BigInt(n) * (BigInt(MAX_AMOUNT_UNITS - 1) * 10n ** 12n + 999_999_999_999n));
  });
  it('the fleet cost section refuses amounts and budgets past 10^15 (their sums would overflow to null)', () => {
    expect(CostEntrySchema.safeParse({ month: '2024-01', amount: 1.7e308 }).success).toBe(false);
    expect(CostSchema.safeParse({ budgetMonthly: 1e16 }).success).toBe(false);
    expect(CostEntrySchema.safeParse({ month: '2024-01', amount: 1e15 }).success).toBe(true);
  });
});

describe('anomaly z-scores on sparse series are capped and say so', () => {
  const days = Array.from({ length: 30 }, (_, i) => `2024-09-${String(i + 1).padStart(2, '0')}`);
  const units = (n: number) => BigInt(Math.round(n * 1e6)) * 10n ** 6n;
  it('an almost flat series (spread 0.01) and one day of 5000: z capped at 100, flagged', () => {
    const daily = new Map(days.map((d, i) => [d, units(i === 9 ? 5000 : 100 + (i % 3) * 0.01)]));
    const found = detectAnomalies([{ currency: 'USD', service: 'a', daily }], days, { threshold: 3.5, minCost: 1 });
    expect(found).toEqual([
      expect.objectContaining({ day: '2024-09-10', score: MAX_ANOMALY_Z, capped: true, activeDays: 30 }),
    ]);
  });
  it('cost on 1 of 30 days: a finite score below the cap, the active days said', () => {
    const daily = new Map([['2024-09-10', units(5000)]]);
    const [a] = detectAnomalies([{ currency: 'USD', service: 'a', daily }], days, { threshold: 3.5, minCost: 1 });
    expect(a).toMatchObject({ capped: false, activeDays: 1 });
    expect(a?.score).toBeCloseTo(5000 / (1.253314 * (5000 / 30)), 6);
  });
});

describe('item 7: a tag value naming a service is a name like any other', () => {
  const csv = (tags: string) =>
    `BilledCost,BillingCurrency,ChargePeriodStart,Tags\n5,USD,2024-09-01,"{""service"":""payments""}"\n7,USD,2024-09-01,"${tags.replaceAll('"', '""')}"\n`;
  const run = (tags: string, onBadRow: 'error' | 'skip' = 'skip') => {
    const agg = new FocusAggregator({ metric: 'BilledCost', onBadRow, allocation });
    agg.write(csv(tags));
    return agg.end();
  };

  it.each([
    ['a zero-width space', '{"service":"payments\\u200b"}', 'tag "service" must not contain control or format characters (\\u200b at character 9)'],
    ['a decomposed accent', '{"service":"cafe\\u0301"}', 'tag "service" must be in Unicode normalization form NFC (\\u0301 at character 5 combines with the character before it)'],
    ['a no-break space at the end', '{"app":"payments\\u00a0"}', 'tag "app" must not start or end with a space'],
    ['a byte order mark', '{"service":"\\ufeffpayments"}', 'tag "service" must not contain control or format characters (\\ufeff at character 1)'],
  ])('%s makes the row bad, located', (_label, tags, message) => {
    const cube = run(tags);
    expect(cube.stats.skippedRows).toBe(1);
    expect(cube.stats.issues).toEqual([{ row: 2, line: 3, column: 'Tags', message }]);
    expect(cube.cells.map((c) => [c.service, c.amount])).toEqual([['payments', 5_000_000_000_000n]]);
    expect(() => run(tags, 'error')).toThrow(FocusDataError);
  });

  it.each([
    ['spaces around the value are trimmed', '{"service":"  Payments "}'],
    ['a shared row keeps its look-alike service tag out of the way', '{"shared":"true","service":"x\\u200b"}'],
  ])('%s', (_label, tags) => {
    expect(run(tags).stats.skippedRows).toBe(0);
  });

  it('the two rows of one service are one cell', () => {
    const cube = run('{"service":"  Payments "}');
    expect(cube.cells.map((c) => [c.service, c.amount])).toEqual([['payments', 12_000_000_000_000n]]);
  });
});
