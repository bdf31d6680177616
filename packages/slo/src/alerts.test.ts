import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  STANDARD_ALERT_WINDOWS,
  alertThreshold,
  alertTimeline,
  burnFactor,
  burnRateAlerts,
  detectionTimeMs,
  evaluateAlerts,
  resetTimeMs,
} from './alerts.js';
import { loadOpenSlo } from './openslo/load.js';
import { prometheusRules } from './rules.js';
import { sliSeries } from './sli-data.js';

const S = 1000;
const MIN = 60 * S;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 0, 1);

describe('burn-rate factors (SRE Workbook table, rescaled)', () => {
  it.each([
    [30, [14.4, 6, 3, 1]],
    [28, [13.44, 5.6, 2.8, 0.9333333333333333]],
    [7, [3.36, 1.4, 0.7, 0.23333333333333334]],
    [90, [43.2, 18, 9, 3]],
  ])('%s-day period → %j', (days, factors) => {
    const table = burnRateAlerts(days * DAY);
    table.forEach((row, i) => expect(row.burnFactor).toBeCloseTo(factors[i] ?? NaN, 12));
    expect(table.map((r) => [r.severity, r.longWindowMs / HOUR, r.shortWindowMs / MIN])).toEqual([
      ['page', 1, 5],
      ['page', 6, 30],
      ['ticket', 24, 120],
      ['ticket', 72, 360],
    ]);
  });

  it('a factor spends its share of the budget over its long window', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.constantFrom(...STANDARD_ALERT_WINDOWS), (days, w) => {
        // burn × long / period = fraction of the budget spent
        expect((burnFactor(w.budgetPercent, days * DAY, w.longWindowMs) * w.longWindowMs) / (days * DAY)).toBeCloseTo(
          w.budgetPercent / 100,
          12,
        );
      }),
    );
  });
});

describe('detection and reset times of an outage (derived, then simulated)', () => {
  const [pageFast, pageSlow, ticketFast, ticketSlow] = burnRateAlerts(30 * DAY);
  it.each([
    // error ratio, target, alert, detection ms
    [1, 0.999, pageFast, 51_840], // 14.4 × 0.001 × 3600 s = 51.84 s
    [1, 0.999, pageSlow, 129_600], // 6 × 0.001 × 6 h = 2.16 min
    [1, 0.999, ticketFast, 259_200], // 3 × 0.001 × 1 d = 4.32 min
    [1, 0.999, ticketSlow, 259_200], // 1 × 0.001 × 3 d = 4.32 min
    [0.1, 0.999, pageFast, 518_400], // 10% errors: 8.64 min
    [0.0144, 0.999, pageFast, null], // exactly at the threshold: never above it
    [1, 0.99, pageFast, 518_400],
  ])('error ratio %s on %s → detected after %s ms', (e, target, alert, ms) => {
    const t = detectionTimeMs(e, target, alert!);
    if (ms === null) expect(t).toBeNull();
    else expect(t).toBeCloseTo(ms, 6);
  });

  it('a full outage at 14.4× on 99.9% resets 295.68 s after it ends (short window 5m × (1 - 0.0144))', () => {
    expect(resetTimeMs(1, 10 * MIN, 0.999, pageFast!)).toBeCloseTo(295_680, 6);
    expect(resetTimeMs(1, 30 * S, 0.999, pageFast!)).toBeNull(); // too short to be detected
  });

  it('per-second simulation matches: detection within one sample of 51.84 s, reset within one of 295.68 s', () => {
    // 3h of per-second data, 100 requests/s; a full outage from 2h to 2h10m.
    const n = 3 * 3600;
    const start = T0 + 2 * HOUR;
    const ts: number[] = [];
    const good: number[] = [];
    const total: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = T0 + i * S;
      ts.push(t);
      total.push(100);
      good.push(t >= start && t < start + 10 * MIN ? 0 : 100);
    }
    const spans = alertTimeline(sliSeries(ts, good, total), 0.999, { windows: STANDARD_ALERT_WINDOWS.slice(0, 1) });
    expect(spans).toHaveLength(1);
    const span = spans[0]!;
    // A sample at t holds the events of [t, t + 1s): the data covers up to t + 1 s.
    const detected = span.start + S - start;
    expect(detected).toBeGreaterThanOrEqual(51_840);
    expect(detected).toBeLessThan(51_840 + S);
    const reset = (span.end ?? 0) + S - (start + 10 * MIN);
    expect(reset).toBeGreaterThanOrEqual(295_680);
    expect(reset).toBeLessThan(295_680 + S);
  });
});

describe('evaluateAlerts', () => {
  function steady(minutes: number, perMinute: number, badAt: (i: number) => number) {
    return sliSeries(
      Array.from({ length: minutes }, (_, i) => T0 + i * MIN),
      Array.from({ length: minutes }, (_, i) => perMinute - badAt(i)),
      Array.from({ length: minutes }, () => perMinute),
    );
  }

  it('pages on a fast burn, not on a slow one; tickets on the slow one', () => {
    const fast = evaluateAlerts(
      steady(4 * 24 * 60, 1000, (i) => (i >= 4 * 24 * 60 - 60 ? 20 : 0)),
      0.999,
      T0 + (4 * 24 * 60 - 1) * MIN,
    );
    expect(fast.page).toBe('firing');
    // 2× burn for 3 days: under every page factor, over the 3d/6h ticket.
    const slow = evaluateAlerts(
      steady(4 * 24 * 60, 1000, () => 2),
      0.999,
      T0 + (4 * 24 * 60 - 1) * MIN,
    );
    expect(slow.page).toBe('ok');
    expect(slow.ticket).toBe('firing');
    expect(slow.alerts.map((a) => a.state)).toEqual(['ok', 'ok', 'ok', 'firing']);
  });

  it('low traffic: one failed request in a quiet hour is "insufficient data", not a page', () => {
    // 1 request per minute, the last one failed: the 5m window has 5 events, 1 bad (20% errors).
    const quiet = steady(3 * 24 * 60, 1, (i) => (i === 3 * 24 * 60 - 1 ? 1 : 0));
    const at = T0 + (3 * 24 * 60 - 1) * MIN;
    const r = evaluateAlerts(quiet, 0.999, at);
    expect(r.alerts[0]).toMatchObject({ state: 'insufficient_data', minEvents: 70 });
    expect(r.page).toBe('insufficient_data');
    // Without the guard, the same data pages: that is the false page it prevents.
    expect(evaluateAlerts(quiet, 0.999, at, { minEvents: 0 }).page).toBe('firing');
    // And with enough traffic a real outage still pages.
    expect(
      evaluateAlerts(
        steady(120, 100, (i) => (i > 100 ? 100 : 0)),
        0.999,
        T0 + 119 * MIN,
      ).page,
    ).toBe('firing');
  });

  describe('at exactly the threshold: a window fires only above it (`>`, not `>=`)', () => {
    // One alert whose factor is exactly 1 (100% of an hour's budget in an hour) on a 50% target:
    // the threshold is exactly 0.5, and every ratio below is exact in binary floating point.
    const options = {
      periodMs: HOUR,
      windows: [{ severity: 'page', budgetPercent: 100, longWindowMs: HOUR, shortWindowMs: 5 * MIN }] as const,
    };
    // 60 minutes of 100 requests; `badLong` whole minutes fail at the start, the last 5 minutes
    // fail `badShort` requests each. Long window: the 60 minutes; short window: the last 5.
    const series = (badLong: number, badShort: number) =>
      steady(60, 100, (i) => (i >= 55 ? badShort : i < badLong ? 100 : 0));
    it.each([
      ['long exactly at 0.5 (3000 of 6000), short above', 25, 100, [3000, 500], 'ok'],
      ['long just above 0.5 (3100 of 6000), short above', 26, 100, [3100, 500], 'firing'],
      ['long above, short exactly at 0.5 (250 of 500)', 40, 50, [4250, 250], 'ok'],
      ['long above, short just above 0.5 (255 of 500)', 40, 51, [4255, 255], 'firing'],
    ] as const)('%s', (_what, badLong, badShort, [longBad, shortBad], state) => {
      const r = evaluateAlerts(series(badLong, badShort), 0.5, T0 + 59 * MIN, options);
      expect(r.alerts).toHaveLength(1);
      expect(r.alerts[0]).toMatchObject({
        threshold: 0.5,
        long: { bad: longBad, total: 6000 },
        short: { bad: shortBad, total: 500 },
        state,
      });
    });
  });

  it('no traffic at all: insufficient data, whatever the minimum', () => {
    const r = evaluateAlerts(
      steady(60, 0, () => 0),
      0.999,
      T0 + 59 * MIN,
      { minEvents: 0 },
    );
    expect(r.page).toBe('insufficient_data');
    for (const a of r.alerts) {
      expect(a.long.burnRate).toBeNull();
      expect(a.short.burnRate).toBeNull();
    }
  });
});

describe('alert properties', () => {
  it('never NaN or Infinity, and states are consistent with the thresholds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: 1000 }), fc.nat({ max: 1000 })), { maxLength: 300 }),
        fc.double({ min: 0.5, max: 1, noNaN: true, minExcluded: true }),
        fc.integer({ min: -10, max: 400 }),
        fc.oneof(fc.constant<'auto'>('auto'), fc.nat({ max: 100 })),
        (pairs, target, minute, minEvents) => {
          const series = sliSeries(
            pairs.map((_, i) => T0 + i * MIN),
            pairs.map(([a, b]) => Math.min(a, b)),
            pairs.map(([a, b]) => Math.max(a, b)),
          );
          const r = evaluateAlerts(series, target, T0 + minute * MIN, { minEvents });
          for (const a of r.alerts) {
            for (const v of [
              a.threshold,
              a.minEvents,
              a.long.total,
              a.short.total,
              a.long.burnRate ?? 0,
              a.short.burnRate ?? 0,
            ]) {
              expect(Number.isFinite(v)).toBe(true);
            }
            if (a.state === 'firing') {
              expect(a.long.total).toBeGreaterThanOrEqual(a.minEvents);
              expect(a.short.total).toBeGreaterThanOrEqual(a.minEvents);
            }
            if (a.long.total === 0 || a.short.total === 0) expect(a.state).toBe('insufficient_data');
          }
        },
      ),
    );
  });
});

/** The next double above (`+1`) or below (`-1`) a positive `x`. */
function ulpStep(x: number, direction: 1 | -1): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) + BigInt(direction));
  return view.getFloat64(0);
}

describe('alerts agree with the generated rules at the boundary', () => {
  // The 3d/6h ticket row of a 30-day SLO has factor 1; the other rows need far more errors.
  const ticketAt = (bad: number, total: number, target = 0.9995) =>
    evaluateAlerts(sliSeries([T0], [total - bad], [total]), target, T0, { minEvents: 0 }).ticket;

  it.each([
    // bad, total, ticket: a ratio of exactly 1 × (1 - 0.9995) does not fire, as `> (1 * 0.0005)` does not
    [5, 10_000, 'ok'],
    [4_999_999, 10_000_000_000, 'ok'],
    [5_000_001, 10_000_000_000, 'firing'],
  ] as const)('%s bad of %s at 99.95%%: ticket %s', (bad, total, state) => {
    expect(ticketAt(bad, total)).toBe(state);
  });

  it('the threshold is the product the rule writes: not the float 1 - 0.9995, and its neighbours differ', () => {
    const threshold = alertThreshold(1, 0.9995);
    expect(threshold).toBe(1 * 0.0005);
    // What the evaluation compared with before: one ulp-scale step below, so an exact 1× fired.
    expect(1 * (1 - 0.9995)).toBeLessThan(threshold);
    expect(ulpStep(threshold, -1) > threshold).toBe(false);
    expect(ulpStep(threshold, 1) > threshold).toBe(true);
  });

  it('any counts: the ticket fires exactly when the rule’s comparison is true', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 9 }), fc.integer({ min: 0, max: 10 ** 6 }), (total, badRaw) => {
        const bad = Math.min(total, badRaw);
        const fires = bad / total > 1 * 0.0005;
        const state = ticketAt(bad, total);
        // Below 3× only the factor-1 row can fire; above it both do: either way, `> 1 * 0.0005` decides.
        expect(state === 'firing').toBe(fires);
      }),
    );
  });

  it('every threshold equals the (factor * budget) the rule expression multiplies', () => {
    for (const days of [7, 28, 30, 90]) {
      for (const target of [0.9, 0.95, 0.99, 0.995, 0.999, 0.9995, 0.9999, 0.99999]) {
        const text = `apiVersion: openslo/v1
kind: SLO
metadata: { name: s }
spec:
  service: svc
  indicator:
    metadata: { name: i }
    spec:
      ratioMetric:
        counter: true
        good: { metricSource: { type: Prometheus, spec: { query: 'sum(good_total)' } } }
        total: { metricSource: { type: Prometheus, spec: { query: 'sum(all_total)' } } }
  timeWindow: [{ duration: ${days}d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: ${target} }]
`;
        const loaded = loadOpenSlo([{ name: 's.yaml', text }]);
        if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
        const slo = loaded.catalog.slos[0];
        if (slo === undefined) throw new Error('no SLO');
        const rules = prometheusRules(slo);
        if (!rules.ok) throw new Error(rules.message);
        const exprs = rules.file.groups.flatMap((g) => g.rules).flatMap((r) => ('alert' in r ? [r.expr] : []));
        // Each term reads `… > (<factor> * <budget>)`: Prometheus multiplies the two float64s.
        const products = exprs.flatMap((e) =>
          [...e.matchAll(/> \(([0-9.e+-]+) \* ([0-9.e+-]+)\)/g)].map((m) => Number(m[1]) * Number(m[2])),
        );
        const evaluated = evaluateAlerts(sliSeries([], [], []), target, T0, { periodMs: days * DAY }).alerts;
        // Two terms (short, long) per row, rows in table order within each severity.
        const want = evaluated.flatMap((a) => [a.threshold, a.threshold]);
        expect(products).toEqual(want);
      }
    }
  });
});
