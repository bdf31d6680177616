import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney } from './format.js';

/** The text `formatMoney` must give: what Intl's en-US formatter with two decimals gives. */
const INTL = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

describe('formatMoney', () => {
  it.each([
    [0, '0.00'],
    [-0, '-0.00'],
    [1.005, '1.01'], // the shortest decimal is rounded, not the binary value (toFixed gives 1.00)
    [2.675, '2.68'],
    [-1.005, '-1.01'],
    [0.125, '0.13'],
    [-0.001, '-0.00'],
    [-0.005, '-0.01'],
    [999.995, '1,000.00'],
    [19811.25, '19,811.25'],
    [123456789.125, '123,456,789.13'],
    [9999999999999.99, '9,999,999,999,999.99'], // 13 whole digits: the cents are a double
    [12345678901234.56, '12,345,678,901,234.56'], // 14: BigInt
    [8796093022207.99, '8,796,093,022,207.99'], // just below 2^43: in whole cents
    [70368744177664.02, '70,368,744,177,664.02'], // past 2^43 (doubles 1/64 apart): from the shortest decimal
    [1e20, '100,000,000,000,000,000,000.00'],
    [1e21, '1,000,000,000,000,000,000,000.00'],
    [5e-7, '0.00'],
    [-5e-7, '-0.00'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, '∞'],
    [Number.NEGATIVE_INFINITY, '-∞'],
  ])('formats %s as %s, as Intl does', (amount, text) => {
    expect(formatMoney(amount)).toBe(text);
    expect(INTL.format(amount)).toBe(text);
  });

  it('gives the text of Intl for any number', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double(),
          fc.double({ min: -1e7, max: 1e7 }),
          // Money-like amounts: cents and the half cents between them.
          fc.integer({ min: -1e9, max: 1e9 }).map((n) => n / 1000),
          fc.integer({ min: -1e12, max: 1e12 }).map((n) => n / 100),
        ),
        (amount) => formatMoney(amount) === INTL.format(amount),
      ),
      { numRuns: 20000 },
    );
  });
});
