import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changePct, costProfile, isOverBudget, sortEntries, trendOf } from './cost.js';
import { CostSchema } from './schema.js';

const months = (...amounts: number[]) =>
  amounts.map((amount, i) => ({ month: `2024-${String(i + 1).padStart(2, '0')}`, amount }));

describe('trend (the seed walkthrough, step 2)', () => {
  it.each([
    // previous, latest, change %, trend
    [2800, 3500, 25, 'spiking'],
    [100, 120, 20, 'increasing'],
    [100, 120.01, 20.01, 'spiking'],
    [100, 105, 5, 'stable'],
    [100, 105.5, 5.5, 'increasing'],
    [100, 95, -5, 'stable'],
    [100, 94.9, -5.1, 'decreasing'],
    [4200, 4500, 7.142857142857142, 'increasing'],
    [100, 100, 0, 'stable'],
    [100, 0, -100, 'decreasing'],
  ])('%s → %s is %s% (%s)', (previous, latest, change, trend) => {
    const profile = costProfile({ entries: months(previous, latest) });
    expect(profile.changePct).toBeCloseTo(change, 9);
    expect(profile.trend).toBe(trend);
  });

  it('uses the exact formula (latest - prev) / prev * 100', () => {
    expect(changePct(months(3, 3.6))).toBe(((3.6 - 3) / 3) * 100);
  });

  it.each([
    ['no entries', []],
    ['one entry', months(500)],
    ['previous month 0', months(0, 900)],
  ])('is stable with %s', (_label, entries) => {
    const profile = costProfile({ entries });
    expect(profile.trend).toBe('stable');
    expect(profile.changePct).toBeNull();
  });

  it.each([
    [null, 'stable'],
    [20, 'increasing'],
    [20.000000001, 'spiking'],
    [5, 'stable'],
    [5.000000001, 'increasing'],
    [-5, 'stable'],
    [-5.000000001, 'decreasing'],
  ] as const)('trendOf(%s) = %s', (change, trend) => {
    expect(trendOf(change)).toBe(trend);
  });
});

describe('costProfile', () => {
  it('orders entries by month before taking the latest two', () => {
    const profile = costProfile({
      budgetMonthly: 3000,
      entries: [
        { month: '2024-03', amount: 3500 },
        { month: '2023-12', amount: 9999 },
        { month: '2024-02', amount: 2800 },
      ],
    });
    expect(profile.entries.map((e) => e.month)).toEqual(['2023-12', '2024-02', '2024-03']);
    expect(profile.latestCost).toBe(3500);
    expect(profile.monthlyCost).toBe(3500);
    expect(profile.averageCost).toBe((9999 + 2800 + 3500) / 3);
    expect(profile.trend).toBe('spiking');
    expect(profile.overBudget).toBe(true);
  });

  it('treats an absent section and an empty one alike: no spend, no budget', () => {
    for (const cost of [undefined, {}]) {
      expect(costProfile(cost)).toEqual({
        currency: 'USD',
        budgetMonthly: 0,
        entries: [],
        latestCost: 0,
        averageCost: 0,
        changePct: null,
        trend: 'stable',
        overBudget: false,
        monthlyCost: 0,
      });
    }
  });

  it('keeps the currency it is given', () => {
    expect(costProfile({ currency: 'EUR' }).currency).toBe('EUR');
  });

  it('does not mutate its input', () => {
    const entries = [
      { month: '2024-02', amount: 2 },
      { month: '2024-01', amount: 1 },
    ];
    costProfile({ entries });
    expect(entries[0]?.month).toBe('2024-02');
    expect(sortEntries(entries).map((e) => e.amount)).toEqual([1, 2]);
  });
});

describe('isOverBudget', () => {
  it.each([
    [3500, 3000, true],
    [3000, 3000, false],
    [2999.99, 3000, false],
    [3500, 0, false],
    [0, 0, false],
    [0.01, 0.001, true],
  ])('latest %s, budget %s → %s', (latest, budget, over) => {
    expect(isOverBudget(latest, budget)).toBe(over);
  });
});

describe('CostSchema', () => {
  it.each([
    [{}, true],
    [{ budgetMonthly: 0, currency: 'EUR', entries: [] }, true],
    [{ entries: [{ month: '2024-12', amount: 0 }] }, true],
    [{ entries: [{ month: '2024-13', amount: 1 }] }, false],
    [{ entries: [{ month: '2024-1', amount: 1 }] }, false],
    [{ entries: [{ month: 202401, amount: 1 }] }, false],
    [{ entries: [{ month: '2024-01', amount: -1 }] }, false],
    [{ entries: [{ month: '2024-01', amount: Number.POSITIVE_INFINITY }] }, false],
    [
      {
        entries: [
          { month: '2024-01', amount: 1 },
          { month: '2024-01', amount: 2 },
        ],
      },
      false,
    ],
    [{ budgetMonthly: -5 }, false],
    [{ currency: 'usd' }, false],
    [{ currency: 'XYZ' }, false],
    [{ budget: 5 }, false],
  ])('%j valid: %s', (input, valid) => {
    expect(CostSchema.safeParse(input).success).toBe(valid);
  });

  it('reports a duplicate month at the second occurrence', () => {
    const result = CostSchema.safeParse({
      entries: [
        { month: '2024-01', amount: 1 },
        { month: '2024-02', amount: 1 },
        { month: '2024-01', amount: 2 },
      ],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['entries', 2, 'month']);
  });
});

describe('invariants', () => {
  const entriesArb = fc
    .uniqueArray(fc.integer({ min: 0, max: 239 }), { maxLength: 24 })
    .chain((monthIndexes) =>
      fc.tuple(
        fc.constant(monthIndexes),
        fc.array(fc.double({ min: 0, max: 1e7, noNaN: true }), {
          minLength: monthIndexes.length,
          maxLength: monthIndexes.length,
        }),
      ),
    )
    .map(([monthIndexes, amounts]) =>
      monthIndexes.map((m, i) => ({
        month: `${2000 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`,
        amount: amounts[i] ?? 0,
      })),
    );

  it('the profile does not depend on the order of entries in the file', () => {
    fc.assert(
      fc.property(entriesArb, fc.double({ min: 0, max: 1e7, noNaN: true }), (entries, budgetMonthly) => {
        const a = costProfile({ entries, budgetMonthly });
        const b = costProfile({ entries: [...entries].reverse(), budgetMonthly });
        expect(b.latestCost).toBe(a.latestCost);
        expect(b.trend).toBe(a.trend);
        expect(b.overBudget).toBe(a.overBudget);
      }),
    );
  });

  it('never reports over budget without a budget, and the trend is always defined', () => {
    fc.assert(
      fc.property(entriesArb, (entries) => {
        const profile = costProfile({ entries, budgetMonthly: 0 });
        expect(profile.overBudget).toBe(false);
        expect(['stable', 'increasing', 'spiking', 'decreasing']).toContain(profile.trend);
        expect(Number.isFinite(profile.averageCost)).toBe(true);
      }),
    );
  });
});
