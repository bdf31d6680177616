import { describe, expect, it } from 'vitest';
import { parseDuration, windowEndingAt } from './time.js';

describe('parseDuration (events windows: m, h, d, w, in milliseconds)', () => {
  it.each([
    ['30d', 30 * 86_400_000],
    ['12w', 84 * 86_400_000],
    ['36h', 36 * 3_600_000],
    ['90m', 90 * 60_000],
    [' 7d ', 7 * 86_400_000],
  ])('%j', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
  it.each([['0d'], ['-1d'], ['1.5d'], ['30'], ['30y'], ['d'], ['30s'], ['1M'], ['1000000d']])('rejects %s', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});

describe('windowEndingAt', () => {
  it('ends at the time given', () => {
    expect(windowEndingAt(1000, 400)).toEqual({ start: 600, end: 1000 });
  });
});
