import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AllocationSchema, CostConfigSchema } from './allocation.js';
import { analyzeBilling } from './analyze.js';
import { budgetAlerts, detectAnomalies, forecastMonth, median } from './analysis.js';
import { sortCells, type CostCube, type CubeCell } from './cube.js';
import { PICO_PER_UNIT } from './money.js';
import { allocate, splitAmount, summarize } from './split.js';

const units = (n: number) => BigInt(Math.round(n * 1e6)) * 1_000_000n;

function cell(partial: Partial<CubeCell> & { amount: bigint }): CubeCell {
  return {
    currency: 'USD',
    target: 'service',
    service: 'api',
    day: '2024-09-01',
    serviceCategory: 'Compute',
    chargeCategory: 'Usage',
    serviceName: 'EC2',
    rows: 1,
    ...partial,
  };
}

function cube(cells: CubeCell[]): CostCube {
  return {
    metric: 'BilledCost',
    cells: sortCells(cells),
    stats: { rows: cells.length, skippedRows: 0, nullAmounts: 0, roundedAmounts: 0, issues: [], issueCount: 0 },
  };
}

describe('splitAmount (largest remainder)', () => {
  it.each([
    [100n, [1n, 1n, 1n], [34n, 33n, 33n]],
    [-100n, [1n, 1n, 1n], [-34n, -33n, -33n]],
    [10n, [3n, 1n], [8n, 2n]],
    [10n, [0n, 0n], [5n, 5n]],
    [10n, [-5n, 5n], [0n, 10n]],
    [0n, [1n, 2n], [0n, 0n]],
  ])('%s by %s → %s', (amount, weights, parts) => {
    expect(splitAmount(amount, weights)).toEqual(parts);
  });

  it('conserves the amount exactly, whatever the weights', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
        fc.array(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), { minLength: 1, maxLength: 12 }),
        (amount, weights) => {
          const parts = splitAmount(amount, weights);
          expect(parts.reduce((a, b) => a + b, 0n)).toBe(amount);
        },
      ),
    );
  });
});

describe('allocate and summarize', () => {
  const base = cube([
    cell({ service: 'api', amount: units(30) }),
    cell({ service: 'web', amount: units(10) }),
    cell({ target: 'shared', service: null, amount: units(8) }),
    cell({ target: 'unallocated', service: null, amount: units(2) }),
    cell({ currency: 'EUR', service: 'api', amount: units(5) }),
  ]);

  it.each([
    ['proportional', { api: 36, web: 12, '(unallocated)': 2 }],
    ['even', { api: 34, web: 14, '(unallocated)': 2 }],
  ] as const)('splits shared cost %s', (method, expected) => {
    const usd = summarize(allocate(base, { method }), 'service').find((s) => s.currency === 'USD');
    expect(usd?.currency).toBe('USD');
    expect(Object.fromEntries((usd?.groups ?? []).map((g) => [g.key, Number(g.amount / PICO_PER_UNIT)]))).toEqual(
      expected,
    );
    expect(usd?.total).toBe(units(50));
    expect(usd?.shared).toBe(units(8));
  });

  it('never mixes currencies', () => {
    const summaries = summarize(allocate(base, { method: 'even' }), 'month');
    expect(summaries.map((s) => [s.currency, s.total])).toEqual([
      ['EUR', units(5)],
      ['USD', units(50)],
    ]);
  });

  it('with a fleet: shared cost goes to its services, unknown tags are unallocated', () => {
    const usd = summarize(allocate(base, { method: 'even', services: ['api', 'db'] }), 'service').find(
      (s) => s.currency === 'USD',
    );
    expect(Object.fromEntries((usd?.groups ?? []).map((g) => [g.key, Number(g.amount / PICO_PER_UNIT)]))).toEqual({
      api: 34,
      db: 4,
      '(unallocated)': 12,
    });
  });

  it('groups by team', () => {
    const teams = { api: 'platform', web: 'shop' } as Record<string, string>;
    const usd = summarize(allocate(base, { method: 'even' }), 'team', (s) => teams[s]).find(
      (s) => s.currency === 'USD',
    );
    expect(usd?.groups.map((g) => g.key)).toEqual(['platform', 'shop', '(unallocated)']);
  });

  it('conserves the total per currency, for any cells and either method', () => {
    const arbCell = fc.record({
      currency: fc.constantFrom('USD', 'EUR'),
      target: fc.constantFrom('service', 'shared', 'unallocated' as const),
      service: fc.constantFrom('a', 'b', 'c'),
      day: fc.constantFrom('2024-09-01', '2024-09-02'),
      amount: fc.bigInt({ min: -(10n ** 15n), max: 10n ** 16n }),
    });
    fc.assert(
      fc.property(
        fc.array(arbCell, { maxLength: 30 }),
        fc.constantFrom('proportional', 'even' as const),
        (raw, method) => {
          const cells = raw.map((r, i) =>
            cell({ ...r, service: r.target === 'service' ? r.service : null, serviceName: String(i) }),
          );
          const want = new Map<string, bigint>();
          for (const c of cells) want.set(c.currency, (want.get(c.currency) ?? 0n) + c.amount);
          const got = summarize(allocate(cube(cells), { method }), 'service');
          expect(new Map(got.map((s) => [s.currency, s.total]))).toEqual(want);
          for (const s of got) expect(s.groups.reduce((a, g) => a + g.amount, 0n)).toBe(s.total);
        },
      ),
    );
  });
});

describe('forecastMonth', () => {
  const series = (...amounts: number[]) =>
    new Map(amounts.map((a, i) => [`2024-09-${String(i + 1).padStart(2, '0')}`, units(a)]));

  it('a straight line: run-rate 600, regression 4650 with no spread', () => {
    const f = forecastMonth(series(10, 20, 30), '2024-09-03');
    expect(f).toMatchObject({ month: '2024-09', daysInMonth: 30, daysObserved: 3, actual: units(60), runRate: 600 });
    expect(f.linear).toBeCloseTo(4650, 9);
    expect(f.low).toBeCloseTo(4650, 9);
    expect(f.high).toBeCloseTo(4650, 9);
  });

  it('noisy days: y = 10 + 5t, s² = 150, 95% interval by hand', () => {
    const f = forecastMonth(series(10, 30, 20), '2024-09-03');
    expect(f.linear).toBeCloseTo(60 + 270 + 5 * 459, 9); // 2625
    // variance = m s² + s² (m²/n + (Σ(t − t̄))²/Sxx) = 27·150 + 150·(729/3 + 405²/2)
    const half = 1.96 * Math.sqrt(27 * 150 + 150 * (729 / 3 + (405 * 405) / 2));
    expect(f.low).toBeCloseTo(2625 - half, 6);
    expect(f.high).toBeCloseTo(2625 + half, 6);
  });

  it('missing days count as 0; one day gives no regression', () => {
    expect(forecastMonth(new Map([['2024-02-01', units(29)]]), '2024-02-01')).toMatchObject({
      daysInMonth: 29,
      runRate: 29 * 29,
      linear: null,
      low: null,
    });
    expect(forecastMonth(series(10), '2024-09-02').runRate).toBe(150);
  });
});

describe('anomalies (robust z-score)', () => {
  const days = Array.from({ length: 11 }, (_, i) => `2024-09-${String(i + 1).padStart(2, '0')}`);
  const flat = (spike: number) => new Map(days.map((d, i) => [d, units(i === 10 ? spike : 100 + (i % 3))]));

  it('median', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });

  it('flags a spike, and not noise below the minimum cost', () => {
    const found = detectAnomalies([{ currency: 'USD', service: 'api', daily: flat(1000) }], days, {
      threshold: 3.5,
      minCost: 1,
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ day: '2024-09-11', direction: 'spike', amount: 1000, median: 101 });
    // MAD 1: z = 0.6745 · 899 ≈ 606, past the cap: shown as 100 and flagged.
    expect(found[0]).toMatchObject({ score: 100, capped: true });
    expect(
      detectAnomalies([{ currency: 'USD', service: 'api', daily: flat(1000) }], days, {
        threshold: 3.5,
        minCost: 1000,
      }),
    ).toEqual([]);
    expect(
      detectAnomalies([{ currency: 'USD', service: 'api', daily: flat(103) }], days, { threshold: 3.5, minCost: 1 }),
    ).toEqual([]);
  });

  it('needs a week of data', () => {
    expect(
      detectAnomalies([{ currency: 'USD', service: 'a', daily: flat(1e6) }], days.slice(0, 6), {
        threshold: 1,
        minCost: 0,
      }),
    ).toEqual([]);
  });
});

describe('budget alerts', () => {
  const base = {
    scope: 'team',
    name: 'platform',
    currency: 'USD',
    month: '2024-09',
    budget: 100,
    thresholds: [50, 80, 100],
  } as const;
  it.each([
    [40, 45, []],
    [50, 60, [['actual', 50]]],
    [
      85,
      130,
      [
        ['actual', 80],
        ['forecast', 100],
      ],
    ],
    [85, 90, [['actual', 80]]],
    [120, 200, [['actual', 100]]],
    [10, 79.99, [['forecast', 50]]],
  ])('actual %s, forecast %s → %j', (actual, forecast, expected) => {
    expect(budgetAlerts({ ...base, actual, forecast }).map((a) => [a.basis, a.thresholdPct])).toEqual(expected);
  });

  it('says why', () => {
    expect(budgetAlerts({ ...base, actual: 85, forecast: 0 })[0]?.message).toBe(
      'team platform: 2024-09 cost so far 85.00 USD is 85% of the 100.00 USD budget (≥ 80%)',
    );
  });
});

describe('analyzeBilling', () => {
  it('per service: months, forecast, trend, shared part; budgets from the fleet and config', () => {
    const cells = [
      cell({ service: 'api', day: '2024-08-15', amount: units(100) }),
      cell({ service: 'api', day: '2024-09-01', amount: units(50) }),
      cell({ service: 'api', day: '2024-09-02', amount: units(50) }),
      cell({ target: 'shared', service: null, day: '2024-09-02', amount: units(10) }),
    ];
    const config = CostConfigSchema.parse({
      allocation: AllocationSchema.parse({ split: 'even' }),
      budgets: { teams: { platform: { monthly: 200 } } },
    });
    const result = analyzeBilling({
      cube: cube(cells),
      config,
      services: [
        { name: 'api', team: 'platform', budgetMonthly: 1000 },
        { name: 'db', team: 'platform' },
      ],
    });
    expect(result.asOf).toBe('2024-09-02');
    const api = result.services.find((s) => s.service === 'api');
    expect(api?.months).toEqual([
      { month: '2024-08', amount: units(100) },
      { month: '2024-09', amount: units(105) },
    ]);
    expect(api?.shared).toBe(units(5));
    expect(api?.trend).toBe('stable');
    expect(api?.forecast.runRate).toBeCloseTo((105 / 2) * 30, 9);
    expect(result.alerts.map((a) => [a.scope, a.name, a.basis, a.thresholdPct])).toEqual([
      ['service', 'api', 'forecast', 100],
      ['team', 'platform', 'actual', 50],
      ['team', 'platform', 'forecast', 100],
    ]);
  });
});
