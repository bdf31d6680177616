import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accumulate,
  accumulatorValue,
  formatAmount,
  newAccumulator,
  parseAmount,
  parseAmountInto,
  toMinorUnits,
} from './money.js';

const pico = (s: string) => parseAmount(s)?.value;

describe('parseAmount (exact, 12 decimals)', () => {
  it.each([
    ['0.00000080000', 800_000n, false],
    ['-2.61370000000', -2_613_700_000_000n, false],
    ['16.04169305050', 16_041_693_050_500n, false],
    ['5', 5_000_000_000_000n, false],
    ['+.5', 500_000_000_000n, false],
    ['1e-7', 100_000n, false],
    ['1.5E3', 1_500_000_000_000_000n, false],
    ['0.0000000000004', 0n, true],
    ['0.0000000000005', 1n, true],
    ['-0.0000000000005', -1n, true],
    ['0.999999999999999', 1_000_000_000_000n, true],
  ])('%s → %s pico (rounded: %s)', (text, value, rounded) => {
    expect(parseAmount(text)).toEqual({ value, rounded });
  });

  it.each(['', '-', '.', 'NaN', 'Infinity', '1,5', ' 1', '1 ', '0x10', '1e', '--1'])('rejects %j', (text) => {
    expect(parseAmount(text)).toBeNull();
    expect(parseAmountInto(text, { whole: 0, pico: 0 })).toBe(-1);
  });

  it('the fast path agrees with the exact parser on any decimal', () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 14n }), fc.nat({ max: 16 }))
      .map(([neg, digits, places]) => {
        const s = digits.toString().padStart(places + 1, '0');
        const text = places === 0 ? s : `${s.slice(0, s.length - places)}.${s.slice(s.length - places)}`;
        return neg ? `-${text}` : text;
      });
    fc.assert(
      fc.property(decimal, (text) => {
        const out = { whole: 0, pico: 0 };
        const status = parseAmountInto(text, out);
        const exact = parseAmount(text);
        expect(exact).not.toBeNull();
        expect(BigInt(out.whole) * 10n ** 12n + BigInt(out.pico)).toBe(exact?.value);
        expect(status === 1).toBe(exact?.rounded);
      }),
    );
  });
});

describe('accumulator', () => {
  it('a million additions of 0.1 are exactly 100000 (a double sum drifts)', () => {
    const acc = newAccumulator();
    const out = { whole: 0, pico: 0 };
    let double = 0;
    for (let i = 0; i < 1_000_000; i++) {
      parseAmountInto('0.1', out);
      accumulate(acc, out.whole, out.pico);
      double += 0.1;
    }
    expect(accumulatorValue(acc)).toBe(100_000n * 10n ** 12n);
    expect(double).not.toBe(100_000);
  });

  it('sums are exact and independent of order', () => {
    const amount = fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n });
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 200 }), (values) => {
        const sum = (list: readonly bigint[]) => {
          const acc = newAccumulator();
          const out = { whole: 0, pico: 0 };
          for (const v of list) {
            parseAmountInto(formatAmount(v), out);
            accumulate(acc, out.whole, out.pico);
          }
          return accumulatorValue(acc);
        };
        const expected = values.reduce((a, b) => a + b, 0n);
        expect(sum(values)).toBe(expected);
        expect(sum([...values].reverse())).toBe(expected);
      }),
    );
  });
});

describe('minor units and formatting', () => {
  it.each([
    ['20.52022672899', 'USD', 2052n],
    ['20.525', 'USD', 2053n],
    ['-20.525', 'USD', -2053n],
    ['1234.5', 'JPY', 1235n],
    ['1.2345', 'BHD', 1235n],
  ])('%s %s → %s minor units', (text, currency, minor) => {
    expect(toMinorUnits(pico(text) ?? 0n, currency)).toBe(minor);
  });

  it.each([
    [20_520_226_728_990n, undefined, '20.52022672899'],
    [20_520_226_728_990n, 2, '20.52'],
    [-1n, undefined, '-0.000000000001'],
    [-5_000_000_000n, 2, '-0.01'],
    [0n, 2, '0.00'],
    [7_000_000_000_000n, undefined, '7'],
  ])('formatAmount(%s, %s) = %s', (value, decimals, text) => {
    expect(formatAmount(value, decimals)).toBe(text);
  });
});
