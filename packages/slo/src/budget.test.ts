import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedDowntimeMs,
  burnRate,
  countEvents,
  evaluateBudget,
  indexSeries,
  windowAt,
  type BudgetInput,
} from './budget.js';
import { parseDuration, formatDurationHuman, type Duration } from './duration.js';
import { sliSeries } from './sli-data.js';

const MIN = 60_000;
const DAY = 86_400_000;
const d = (text: string): Duration => {
  const parsed = parseDuration(text);
  if (parsed === null) throw new Error(text);
  return parsed;
};

describe('allowed downtime of a target over a window (published figures)', () => {
  it.each([
    // target, window, ms, human
    [0.999, '30d', 2_592_000, '43m12s'],
    [0.999, '28d', 2_419_200, '40m19.2s'],
    [0.9999, '30d', 259_200, '4m19.2s'],
    [0.9999, '28d', 241_920, '4m1.92s'],
    [0.99, '30d', 25_920_000, '7h12m'],
    [0.99, '7d', 6_048_000, '1h40m48s'],
    [0.995, '30d', 12_960_000, '3h36m'],
    [0.9995, '30d', 1_296_000, '21m36s'],
    [0.99999, '30d', 25_920, '25.92s'],
    [0.999, '1h', 3_600, '3.6s'],
    [0.95, '28d', 120_960_000, '1d9h36m'],
    [1, '30d', 0, '0s'],
  ])('%s over %s → %s ms (%s)', (target, window, ms, human) => {
    const windowMs = d(window).amount * { d: DAY, h: 3_600_000 }[d(window).unit as 'd' | 'h'];
    expect(allowedDowntimeMs(target, windowMs)).toBe(ms);
    expect(formatDurationHuman(allowedDowntimeMs(target, windowMs))).toBe(human);
  });
});

describe('burnRate', () => {
  it.each([
    [0.001, 0.999, 1],
    [0.0144, 0.999, 14.4],
    [0, 0.999, 0],
    [1, 0.99, 100],
    [null, 0.999, null],
    [0.5, 1, null],
  ])('error ratio %s, target %s → %s', (ratio, target, expected) => {
    const r = burnRate(ratio, target);
    if (expected === null) expect(r).toBeNull();
    else expect(r).toBeCloseTo(expected, 9);
  });
});

const T0 = Date.UTC(2026, 0, 1);
/** Per-minute samples from T0: `total` events each minute, `bad(i)` of them bad. */
function perMinute(minutes: number, total: number, bad: (i: number) => number) {
  const ts: number[] = [];
  const good: number[] = [];
  const tot: number[] = [];
  for (let i = 0; i < minutes; i++) {
    ts.push(T0 + i * MIN);
    tot.push(total);
    good.push(total - bad(i));
  }
  return sliSeries(ts, good, tot);
}

const occurrences = (target: number, window = '30d'): BudgetInput => ({
  target,
  budgetingMethod: 'Occurrences',
  window: { kind: 'rolling', duration: d(window) },
});

describe('evaluateBudget: Occurrences', () => {
  it('counts events in the rolling window ending at `at` and derives every figure', () => {
    // 1 day, 1000 events/minute, 1 bad per minute: error ratio 0.001 = exactly on a 99.9% target.
    const series = perMinute(1440, 1000, () => 1);
    const at = T0 + 1439 * MIN;
    const e = evaluateBudget(series, occurrences(0.999, '1d'), at);
    expect(e.events).toEqual({ good: 1_438_560, bad: 1440, total: 1_440_000 });
    expect(e.sli).toBeCloseTo(0.999, 12);
    expect(e.allowed).toBeCloseTo(1440, 6);
    expect(e.consumedPct).toBeCloseTo(100, 6);
    expect(e.burnRate).toBeCloseTo(1, 9);
    expect(e.currentBurnRate).toBeCloseTo(1, 9);
    expect(e.status).toBe('exhausted');
  });

  it('time to exhaustion = remaining share × window / current burn rate', () => {
    // First 12h clean, last hour at 10× burn (1% errors on 99.9%).
    const series = perMinute(13 * 60, 1000, (i) => (i >= 12 * 60 ? 10 : 0));
    const at = T0 + (13 * 60 - 1) * MIN;
    const e = evaluateBudget(series, occurrences(0.999), at);
    // consumed = 600 bad / (0.001 × 780,000) = 76.923…%
    expect(e.consumedPct).toBeCloseTo((600 / 780) * 100, 9);
    expect(e.currentBurnRate).toBeCloseTo(10, 9);
    const remaining = 1 - 600 / 780;
    expect(e.timeToExhaustionMs).toBeCloseTo((remaining * 30 * DAY) / 10, 3);
  });

  it('zero traffic: SLI undefined, budget untouched, never NaN', () => {
    const series = perMinute(60, 0, () => 0);
    const e = evaluateBudget(series, occurrences(0.999), T0 + 59 * MIN);
    expect(e).toMatchObject({ sli: null, consumedPct: 0, remainingPct: 100, burnRate: null, status: 'no_data' });
    expect(e.timeToExhaustionMs).toBeNull();
    const empty = evaluateBudget(sliSeries([], [], []), occurrences(0.999), T0);
    expect(empty.status).toBe('no_data');
  });

  it('a 100% target has no budget: any traffic leaves 0% remaining, burn rate undefined', () => {
    const e = evaluateBudget(
      perMinute(10, 10, () => 0),
      occurrences(1),
      T0 + 9 * MIN,
    );
    expect(e).toMatchObject({ remainingPct: 0, burnRate: null, status: 'exhausted' });
  });
});

describe('evaluateBudget: Timeslices and RatioTimeslices', () => {
  it('Timeslices: bad slices × slice length against (1 - target) × window', () => {
    // 1w window, 1m slices; 100 events per minute; 5 minutes at 90% good (< 95% slice target).
    const series = perMinute(600, 100, (i) => (i < 5 ? 10 : 0));
    const input: BudgetInput = {
      target: 0.995,
      budgetingMethod: 'Timeslices',
      window: { kind: 'rolling', duration: d('1w') },
      timeSliceTarget: 0.95,
      timeSliceWindowMs: MIN,
    };
    const e = evaluateBudget(series, input, T0 + 599 * MIN + 1);
    expect(e.unit).toBe('ms');
    expect(e.consumed).toBe(5 * MIN);
    expect(e.allowed).toBeCloseTo(0.005 * 7 * DAY, 3);
    expect(e.consumedPct).toBeCloseTo((5 * MIN * 100) / (0.005 * 7 * DAY), 9);
  });

  it('RatioTimeslices: SLI is the mean of slice ratios', () => {
    const series = perMinute(4, 100, (i) => [0, 50, 0, 10][i] ?? 0);
    const input: BudgetInput = {
      target: 0.9,
      budgetingMethod: 'RatioTimeslices',
      window: { kind: 'rolling', duration: d('1h') },
      timeSliceWindowMs: MIN,
    };
    const e = evaluateBudget(series, input, T0 + 3 * MIN);
    expect(e.sli).toBeCloseTo((1 + 0.5 + 1 + 0.9) / 4, 12);
    expect(e.consumed).toBeCloseTo(0.6 * MIN, 6);
  });
});

describe('calendar windows use the time zone', () => {
  it.each([
    // at (UTC), window, expected start/end (UTC)
    ['2022-01-05T00:00:00Z', '1w', '2022-01-01T17:00:00Z', '2022-01-08T17:00:00Z'],
    ['2022-03-15T00:00:00Z', '1w', '2022-03-12T17:00:00Z', '2022-03-19T16:00:00Z'], // DST starts 13 March
    ['2022-02-10T00:00:00Z', '1M', '2022-02-01T17:00:00Z', '2022-03-01T17:00:00Z'],
    ['2022-01-01T16:59:59Z', '1M', '2021-12-01T17:00:00Z', '2022-01-01T17:00:00Z'],
    ['2022-07-04T00:00:00Z', '1Q', '2022-07-01T16:00:00Z', '2022-10-01T16:00:00Z'],
  ])('%s in %s New York windows from 2022-01-01 12:00 → [%s, %s)', (at, duration, start, end) => {
    const range = windowAt(
      {
        kind: 'calendar',
        duration: d(duration),
        startTime: { year: 2022, month: 1, day: 1, hour: 12, minute: 0, second: 0 },
        timeZone: 'America/New_York',
      },
      Date.parse(at),
    );
    expect(new Date(range.start).toISOString()).toBe(new Date(start).toISOString());
    expect(new Date(range.end).toISOString()).toBe(new Date(end).toISOString());
  });
});

describe('properties', () => {
  const arbSeries = fc
    .array(fc.tuple(fc.nat({ max: 10_000 }), fc.nat({ max: 10_000 })), { minLength: 0, maxLength: 120 })
    .map((pairs) =>
      sliSeries(
        pairs.map((_, i) => T0 + i * MIN),
        pairs.map(([a, b]) => Math.min(a, b)),
        pairs.map(([a, b]) => Math.max(a, b)),
      ),
    );
  const arbTarget = fc.double({ min: 0.5, max: 1, noNaN: true, minExcluded: true });
  const methods = fc.constantFrom('Occurrences', 'Timeslices', 'RatioTimeslices') as fc.Arbitrary<
    BudgetInput['budgetingMethod']
  >;

  it('no NaN or Infinity for any input', () => {
    fc.assert(
      fc.property(
        arbSeries,
        arbTarget,
        methods,
        fc.integer({ min: -10, max: 200 }),
        (series, target, method, minute) => {
          const e = evaluateBudget(
            series,
            {
              target,
              budgetingMethod: method,
              window: { kind: 'rolling', duration: d('1h') },
              timeSliceTarget: 0.9,
              timeSliceWindowMs: 5 * MIN,
            },
            T0 + minute * MIN,
          );
          for (const v of Object.values(e)) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
          for (const v of Object.values(e.events)) expect(Number.isFinite(v)).toBe(true);
        },
      ),
    );
  });

  it('remaining budget never grows as bad events are added', () => {
    fc.assert(
      fc.property(
        arbSeries,
        arbTarget,
        methods,
        fc.nat({ max: 119 }),
        fc.nat({ max: 5000 }),
        (series, target, method, i, extra) => {
          fc.pre(series.timestamps.length > 0);
          const k = i % series.timestamps.length;
          const input: BudgetInput = {
            target,
            budgetingMethod: method,
            window: { kind: 'rolling', duration: d('1d') },
            timeSliceTarget: 0.9,
            timeSliceWindowMs: 5 * MIN,
          };
          const at = T0 + 200 * MIN;
          const before = evaluateBudget(series, input, at);
          // Turn up to `extra` good events of sample k into bad ones.
          const good = Float64Array.from(series.good);
          good[k] = Math.max(0, (good[k] ?? 0) - extra);
          const after = evaluateBudget({ ...series, good }, input, at);
          expect(after.remainingPct).toBeLessThanOrEqual(before.remainingPct + 1e-9);
        },
      ),
    );
  });

  it('burn rate 1 for exactly-on-target traffic consumes exactly the budget over the window', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0.9, 0.99, 0.999, 0.9999, 0.95, 0.98),
        fc.integer({ min: 1, max: 100 }),
        (target, scale) => {
          const total = Math.round(10_000 * scale);
          const bad = (1 - target) * total;
          const series = perMinute(1440, total, () => bad);
          const e = evaluateBudget(series, occurrences(target, '1d'), T0 + 1439 * MIN);
          expect(e.burnRate).toBeCloseTo(1, 9);
          expect(e.consumedPct).toBeCloseTo(100, 6);
        },
      ),
    );
  });

  it('window sums match a plain loop', () => {
    fc.assert(
      fc.property(arbSeries, fc.integer({ min: -5, max: 130 }), fc.integer({ min: 0, max: 130 }), (series, a, len) => {
        const from = T0 + a * MIN;
        const to = from + len * MIN;
        const c = countEvents(indexSeries(series), from, to);
        let good = 0;
        let total = 0;
        series.timestamps.forEach((t, i) => {
          if (t >= from && t <= to) {
            good += series.good[i] ?? 0;
            total += series.total[i] ?? 0;
          }
        });
        expect(c.good).toBe(good);
        expect(c.total).toBe(total);
      }),
    );
  });
});
