import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { longestAlertWindowMs } from '../alerts.js';
import { durationMs, parseDuration } from '../duration.js';
import type { SloWindow } from '../openslo/model.js';
import { chunks, eventsPerInterval, planSliQueries, sliLookbackMs, sliSeriesFromAnswers, toSeries } from './samples.js';

const M = 60_000;
const series = (values: [number, number][], metric: Record<string, string> = {}) => ({ metric, values });

describe('chunks', () => {
  it.each([
    [0, 0, 1, [[0, 0]]],
    [
      0,
      9 * M,
      4,
      [
        [0, 3 * M],
        [4 * M, 7 * M],
        [8 * M, 9 * M],
      ],
    ],
    [
      0,
      7 * M,
      4,
      [
        [0, 3 * M],
        [4 * M, 7 * M],
      ],
    ],
  ])('[%i, %i] by %i points', (start, end, max, expected) => {
    expect(chunks(start, end, M, max)).toEqual(expected);
  });

  it('covers every grid point exactly once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 50 }), (n, max) => {
        const points = chunks(0, n * M, M, max).flatMap(([s, e]) =>
          Array.from({ length: (e - s) / M + 1 }, (_, i) => s + i * M),
        );
        expect(points).toEqual(Array.from({ length: n + 1 }, (_, i) => i * M));
        expect(chunks(0, n * M, M, max).every(([s, e]) => (e - s) / M + 1 <= max)).toBe(true);
      }),
    );
  });
});

describe('eventsPerInterval', () => {
  it('a counter: differences, the later value after a reset, summed over series and chunks', () => {
    const a1 = [
      series(
        [
          [0, 10],
          [M, 15],
        ],
        { i: 'a' },
      ),
    ];
    const a2 = [
      series(
        [
          [2 * M, 3],
          [3 * M, 4],
        ],
        { i: 'a' },
      ),
      series(
        [
          [0, 1],
          [M, 2],
          [2 * M, 4],
        ],
        { i: 'b' },
      ),
    ];
    const out = eventsPerInterval([a1, a2], 'counter', M);
    // a: 10→15 (+5 at 0), 15→3 reset (+3 at 1m), 3→4 (+1 at 2m); b: +1 at 0, +2 at 1m.
    expect([...out.entries()].sort((x, y) => x[0] - y[0])).toEqual([
      [0, 6],
      [M, 5],
      [2 * M, 1],
    ]);
  });

  it('per-interval values belong to the interval that ends at their timestamp', () => {
    const out = eventsPerInterval(
      [
        [
          series([
            [M, 4],
            [2 * M, 6],
          ]),
        ],
      ],
      'per-interval',
      M,
    );
    expect([...out.entries()]).toEqual([
      [0, 4],
      [M, 6],
    ]);
  });
});

describe('toSeries', () => {
  it.each([
    [
      'good',
      [
        [0, 90],
        [M, 100],
      ],
      [
        [0, 100],
        [M, 100],
        [2 * M, 50],
      ],
      [90, 100, 0],
    ],
    [
      'bad',
      [[0, 10]],
      [
        [0, 100],
        [M, 100],
        [2 * M, 50],
      ],
      [90, 100, 50],
    ],
    ['bad', [[0, 120]], [[0, 100]], [0]],
  ] as const)('%s over total', (form, numerator, total, good) => {
    const s = toSeries(form, new Map(numerator.map(([t, v]) => [t, v])), new Map(total.map(([t, v]) => [t, v])));
    expect([...s.timestamps]).toEqual(total.map(([t]) => t));
    expect([...s.total]).toEqual(total.map(([, v]) => v));
    expect([...s.good]).toEqual(good);
  });
});

describe('planSliQueries and sliSeriesFromAnswers', () => {
  const queries = (counter: boolean, templated: boolean, form: 'good' | 'bad' | 'raw' = 'good') =>
    ({
      ok: true,
      form,
      counter,
      numerator: templated ? 'sum(rate(good[{{.window}}]))' : 'sum(good)',
      ...(form === 'raw' ? {} : { total: templated ? 'sum(rate(total[{{ .window }}]))' : 'sum(total)' }),
      templated,
    }) as const;

  it('refuses a raw ratio', () => {
    expect(planSliQueries(queries(false, false, 'raw'), { fromMs: 0, toMs: M, stepMs: M })).toEqual({
      ok: false,
      message: 'a raw ratio SLI cannot be counted from Prometheus; use good or bad with total',
    });
  });

  it.each([
    // counter: the sample before the first interval, nothing after the last
    [true, false, 'counter', 'sum(good)', 'sum(total)', 60_000, [[0, 2 * M]]],
    // per-interval: the step replaces {{.window}}, one more sample after the last interval
    [true, true, 'per-interval', 'sum(rate(good[1m]))', 'sum(rate(total[1m]))', 60_000, [[0, 3 * M]]],
    [false, true, 'per-interval', 'sum(rate(good[90s]))', 'sum(rate(total[90s]))', 90_000, [[0, 180_000]]],
  ] as const)('counter %s, templated %s: %s', (counter, templated, how, numerator, total, stepMs, ranges) => {
    const plan = planSliQueries(queries(counter, templated), { fromMs: 30_000, toMs: 2 * M + 30_000, stepMs });
    expect(plan).toMatchObject({ ok: true, how, numerator, total, stepMs, startMs: 0, toMs: 2 * M + 30_000 });
    expect(plan.ok && plan.ranges).toEqual(ranges);
  });

  it('keeps the intervals in [start, to) and reads bad events against the total', () => {
    const plan = planSliQueries(queries(true, false, 'bad'), { fromMs: M, toMs: 3 * M, stepMs: M });
    if (!plan.ok) throw new Error(plan.message);
    const counter = (values: [number, number][]) => [[series(values)]];
    const s = sliSeriesFromAnswers(
      plan,
      counter([
        [M, 0],
        [2 * M, 1],
        [3 * M, 1],
      ]),
      counter([
        [0, 0],
        [M, 100],
        [2 * M, 200],
        [3 * M, 300],
      ]),
    );
    // Interval 0 is before the start; interval 3m has not happened at `to`.
    expect([...s.timestamps]).toEqual([M, 2 * M]);
    expect([...s.total]).toEqual([100, 100]);
    expect([...s.good]).toEqual([99, 100]);
  });
});

describe('sliLookbackMs', () => {
  const DAY = 86_400_000;
  const rolling = (text: string): SloWindow => ({ kind: 'rolling', duration: parseDuration(text)! });
  const calendar = (text: string): SloWindow => ({
    kind: 'calendar',
    duration: parseDuration(text)!,
    startTime: { year: 2026, month: 1, day: 1, hour: 0, minute: 0, second: 0 },
    timeZone: 'UTC',
  });

  it('the longest standard alert window is 3 days', () => {
    expect(longestAlertWindowMs()).toBe(3 * DAY);
  });

  // The values the CLI used when it hard-coded the 3-day window: max(period (+2d if calendar), 3d).
  it.each([
    [rolling('30d'), 30 * DAY],
    [rolling('28d'), 28 * DAY],
    [rolling('1d'), 3 * DAY],
    [rolling('1h'), 3 * DAY],
    [calendar('1M'), 32 * DAY],
    [calendar('1d'), 3 * DAY],
    [calendar('2d'), 4 * DAY],
    [calendar('1w'), 9 * DAY],
  ])('%j → %i ms', (window, expected) => {
    expect(sliLookbackMs(window)).toBe(expected);
    const old = Math.max(durationMs(window.duration) + (window.kind === 'calendar' ? 2 * DAY : 0), 3 * DAY);
    expect(sliLookbackMs(window)).toBe(old);
  });
});
