import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundHalfAwayFromZero, roundDigits } from './rounding.js';

describe('roundHalfAwayFromZero', () => {
  it.each([
    [50, 1, 50],
    [49.99999999999, 1, 50],
    [0.15, 1, 0.2],
    [0.05, 1, 0.1],
    [0.04999, 1, 0],
    [1.005, 2, 1.01],
    [72.45, 1, 72.5],
    [72.25, 1, 72.3],
    [-72.25, 1, -72.3],
    [-0.04, 1, 0],
    [8000, 2, 8000],
    [1234.565, 2, 1234.57],
    [0.1 + 0.2, 2, 0.3],
    [99.94999999999999, 1, 99.9],
    [1e21, 2, 1e21],
    [1.5e-7, 1, 0],
    [5e-324, 2, 0],
    [123456789.125, 2, 123456789.13],
    [0.5, 0, 1],
    [-0.5, 0, -1],
    [2.5, 0, 3],
  ])('round(%s, %s) = %s', (value, decimals, expected) => {
    expect(roundHalfAwayFromZero(value, decimals)).toBe(expected);
  });

  it('never returns -0 and leaves non-finite values alone', () => {
    expect(Object.is(roundHalfAwayFromZero(-0, 1), 0)).toBe(true);
    expect(Object.is(roundHalfAwayFromZero(-0.01, 1), 0)).toBe(true);
    expect(roundHalfAwayFromZero(Number.POSITIVE_INFINITY, 1)).toBe(Number.POSITIVE_INFINITY);
    expect(roundHalfAwayFromZero(Number.NaN, 1)).toBeNaN();
  });

  it('rejects a nonsensical number of decimals', () => {
    expect(() => roundHalfAwayFromZero(1, -1)).toThrow(RangeError);
    expect(() => roundHalfAwayFromZero(1, 1.5)).toThrow(RangeError);
  });

  it('is within half a unit of the last place, symmetric, and idempotent', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.integer({ min: 0, max: 4 }), (x, d) => {
        const r = roundHalfAwayFromZero(x, d);
        expect(Math.abs(r - x)).toBeLessThanOrEqual(0.5 * 10 ** -d * (1 + 1e-9) + Math.abs(x) * 1e-15);
        expect(roundHalfAwayFromZero(-x, d)).toBe(r === 0 ? 0 : -r);
        expect(roundHalfAwayFromZero(r, d)).toBe(r);
      }),
    );
  });

  it('takes the fast paths only where the general digit-by-digit rounding agrees', () => {
    const decimals = fc.integer({ min: 0, max: 20 });
    // Values with few decimals, values with many, and any double at all, at any number of decimals.
    const fewDecimals = fc
      .tuple(fc.integer({ min: -(10 ** 12), max: 10 ** 12 }), fc.integer({ min: 0, max: 6 }))
      .map(([k, d]) => k / 10 ** d);
    const anyCase = fc.tuple(
      fc.oneof(
        fewDecimals,
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      ),
      decimals,
    );
    // Values on a tie at the decimal rounded to, e.g. 1.005 at 2 decimals, and a hair either side.
    const nearTie = fc
      .tuple(
        fc.integer({ min: -(10 ** 9), max: 10 ** 9 }),
        fc.integer({ min: 0, max: 5 }),
        fc.constantFrom(-1e-9, -1e-12, 0, 1e-12, 1e-9),
      )
      .map(([k, d, nudge]): [number, number] => [(k + 0.5) / 10 ** d + nudge, d]);
    fc.assert(
      fc.property(fc.oneof(anyCase, nearTie), ([x, d]) => {
        const expected = x === 0 ? 0 : Number.isInteger(x) ? x : roundDigits(x, d);
        expect(roundHalfAwayFromZero(x, d)).toBe(expected);
      }),
      { numRuns: 20_000 },
    );
  });
});
