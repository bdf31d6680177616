import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { durationMs, parseDuration } from './duration.js';
import { formatTimestamp, parseEvaluationTime, parseTimestamp, type TimestampOptions } from './time.js';

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

/** The forms SLI data and `pt slo --at` accept (as `Date.parse` reads them). */
const SLI: TimestampOptions = { forms: ['iso', 'epoch-seconds'], maxFractionDigits: 3, overflow: 'roll' };
const SLI_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

describe('parseTimestamp: the forms a caller chooses', () => {
  it.each<[string, TimestampOptions, number | null]>([
    ['1700000000', { forms: ['epoch-seconds'] }, 1_700_000_000_000],
    ['1700000000', {}, null],
    ['1234567890123', { forms: ['epoch-seconds'] }, null],
    ['2026-11-02', { forms: ['date'] }, Date.UTC(2026, 10, 2)],
    ['2026-02-29', { forms: ['date'] }, null],
    ['2026-11-02T10:00:00Z', { forms: ['date'] }, null],
    ['2026-11-02T10:00:00Z', { forms: ['iso', 'date'] }, Date.UTC(2026, 10, 2, 10)],
    ['2026-11-02T10:00:00.1234Z', SLI, null],
    ['2026-11-02T10:00:00.123Z', SLI, Date.UTC(2026, 10, 2, 10, 0, 0, 123)],
    ['2026-02-30T00:00:00Z', SLI, Date.UTC(2026, 2, 2)],
    ['2026-02-30T00:00:00Z', {}, null],
    ['2026-11-02T24:00Z', SLI, Date.UTC(2026, 10, 3)],
    ['2026-11-02T24:00:01Z', SLI, null],
    ['2026-11-32T00:00Z', SLI, null],
    ['0050-02-29T00:00Z', SLI, Date.parse('0050-02-29T00:00Z')],
  ])('%s with %j', (text, options, ms) => {
    expect(parseTimestamp(text, options)).toBe(ms);
  });

  it('reads an ISO time as Date.parse does with overflow "roll" and 3 fraction digits', () => {
    const two = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
    const text = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
        two,
        two,
        two,
        two,
        fc.option(fc.tuple(two, fc.option(fc.integer({ min: 0, max: 999 }).map(String)))),
        fc.constantFrom('Z', '+00:00', '-23:59', '+24:00', '+05:60', '-11:30'),
      )
      .map(([y, mo, d, h, mi, s, zone]) => {
        const seconds = s === null ? '' : `:${s[0]}${s[1] === null ? '' : `.${s[1]}`}`;
        return `${y}-${mo}-${d}T${h}:${mi}${seconds}${zone}`;
      });
    fc.assert(
      fc.property(text, (t) => {
        expect(SLI_ISO.test(t)).toBe(true);
        const ms = Date.parse(t);
        expect(parseTimestamp(t, SLI)).toBe(Number.isFinite(ms) ? ms : null);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseEvaluationTime: the one --at of every command', () => {
  const DAY = Date.UTC(2026, 10, 28);
  it.each([
    ['2026-11-28', DAY],
    ['2026-11-28T00:00:00Z', DAY],
    ['2026-11-28T01:00:00+01:00', DAY],
    ['2026-11-27T19:00:00.000-05:00', DAY],
    ['1795824000', DAY],
    ['0', 0],
  ])('%s = %s', (text, ms) => {
    expect(parseEvaluationTime(text)).toBe(ms);
  });

  it.each([
    '',
    'now',
    '2026-11-28T00:00:00',
    '2026-02-30',
    '2026-11-28 00:00:00Z',
    '1795824000.5',
    '-1',
    '2026-11-28T24:00:00Z',
  ])('rejects %j', (text) => {
    expect(parseEvaluationTime(text)).toBeNull();
  });

  it('a date is the midnight UTC that starts it, the same instant as its ISO form', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 * 365 }), (days) => {
        const ms = Date.UTC(2000, 0, 1) + days * 86_400_000;
        const date = new Date(ms).toISOString().slice(0, 10);
        expect(parseEvaluationTime(date)).toBe(ms);
        expect(parseEvaluationTime(`${date}T00:00:00Z`)).toBe(ms);
        expect(parseEvaluationTime(String(ms / 1000))).toBe(ms);
      }),
    );
  });
});

describe('parseDuration', () => {
  it.each([
    ['5m', 300_000],
    ['36h', 36 * 3_600_000],
    ['28d', 2_419_200_000],
    ['12w', 84 * 86_400_000],
    ['1M', 2_592_000_000],
    ['1Q', 7_776_000_000],
    ['1Y', 31_536_000_000],
    ['999999999s', 999_999_999_000],
  ])('%s = %s ms', (text, ms) => {
    const d = parseDuration(text);
    expect(d?.text).toBe(text);
    expect(d === null ? null : durationMs(d)).toBe(ms);
  });

  it.each(['', '0d', '-1d', '1.5d', '30', 'd', '1mo', '01d', ' 1d', '1000000000s'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it.each([
    ['30d', true],
    ['999999w', true],
    ['1000000w', false],
    ['30s', false],
    ['1M', false],
  ])('%s with the units m, h, d, w and six digits: %s', (text, ok) => {
    expect(parseDuration(text, { units: ['m', 'h', 'd', 'w'], maxDigits: 6 }) !== null).toBe(ok);
  });
});
