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
    [''],
  ])('rejects %j', (text) => {
    expect(parseTimestamp(text)).toBeNull();
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
