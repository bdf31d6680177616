import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunks, eventsPerInterval, toSeries } from './sli.js';

// Lazy, as everywhere in the CLI: the toolkit's SLO entry point is loaded when needed.
const { sliSeries } = await import('@pt/toolkit/slo');

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
    const s = toSeries(
      form,
      new Map(numerator.map(([t, v]) => [t, v])),
      new Map(total.map(([t, v]) => [t, v])),
      sliSeries,
    );
    expect([...s.timestamps]).toEqual(total.map(([t]) => t));
    expect([...s.total]).toEqual(total.map(([, v]) => v));
    expect([...s.good]).toEqual(good);
  });
});
