import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTimestamp, parseDuration, parseTimestamp } from './time.js';

describe('parseTimestamp', () => {
  it.each([
    ['2026-11-02T10:00:00Z', Date.UTC(2026, 10, 2, 10)],
    ['2026-11-02T10:00Z', Date.UTC(2026, 10, 2, 10)],
    ['2026-11-02T10:00:00+01:00', Date.UTC(2026, 10, 2, 9)],
    ['2026-11-02T01:30:00+05:30', Date.UTC(2026, 10, 1, 20)],
    ['2026-11-01T22:00:00-03:00', Date.UTC(2026, 10, 2, 1)],
    ['2026-11-02T10:00:00.250Z', Date.UTC(2026, 10, 2, 10, 0, 0, 250)],
    ['2026-11-02T10:00:00.5Z', Date.UTC(2026, 10, 2, 10, 0, 0, 500)],
    ['2026-11-02T10:00:00.123456789Z', Date.UTC(2026, 10, 2, 10, 0, 0, 123)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
  ])('%s', (text, ms) => {
    expect(parseTimestamp(text)).toBe(ms);
  });

  it.each([
    ['2026-11-02T10:00:00'], // no offset: ambiguous
    ['2026-11-02 10:00:00Z'],
    ['2026-11-02'],
    ['2025-02-29T00:00:00Z'],
    ['2026-13-01T00:00:00Z'],
    ['2026-11-02T24:00:00Z'],
    ['2026-11-02T10:00:00+24:00'],
    ['1700000000'],
    ['2026-11-02T10:00:00.Z'],
    ['2026-11-02T10:00:00.1234567890Z'],
    ['2026-11-02T10:00:00+0100'],
    ['2026-11-02T10:00:00Zjunk'],
    ['2026-11-02T1a:00:00Z'],
    [''],
  ])('rejects %j', (text) => {
    expect(parseTimestamp(text)).toBeNull();
  });

  it('agrees with Date.parse on every valid timestamp with an offset', () => {
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    fc.assert(
      fc.property(
        fc.date({ min: new Date('0001-01-02T00:00:00Z'), max: new Date('9999-12-30T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
        fc.constantFrom(0, 1, 2, 3, 6, 9),
        (date, offset, fraction) => {
          const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 19);
          const frac =
            fraction === 0
              ? ''
              : `.${String(date.getUTCMilliseconds()).padStart(3, '0').padEnd(fraction, '0').slice(0, fraction)}`;
          const zone =
            offset === 0
              ? 'Z'
              : `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
          const text = `${local}${frac}${zone}`;
          expect(parseTimestamp(text)).toBe(Date.parse(text));
        },
      ),
    );
  });

  it('round-trips through formatTimestamp', () => {
    expect(formatTimestamp(Date.UTC(2026, 10, 28))).toBe('2026-11-28T00:00:00Z');
    expect(parseTimestamp(formatTimestamp(Date.UTC(2026, 10, 28, 1, 2, 3, 4)))).toBe(
      Date.UTC(2026, 10, 28, 1, 2, 3, 4),
    );
  });
});

describe('parseDuration', () => {
  it.each([
    ['30d', 30 * 86_400_000],
    ['12w', 84 * 86_400_000],
    ['36h', 36 * 3_600_000],
    ['90m', 90 * 60_000],
  ])('%s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
  it.each([['0d'], ['-1d'], ['1.5d'], ['30'], ['30y'], ['d']])('rejects %s', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});
