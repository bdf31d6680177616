import { describe, expect, it } from 'vitest';
import { parseWallTime, wallTimeAt, wallTimeToUtc, zoneOffsetMs } from './calendar.js';
import { durationMs, formatDurationHuman, formatDurationShort, parseDuration } from './duration.js';

describe('durations', () => {
  it.each([
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['28d', 2_419_200_000],
    ['1w', 604_800_000],
    ['1M', 2_592_000_000],
    ['1Q', 7_776_000_000],
    ['1Y', 31_536_000_000],
  ])('%s = %s ms', (text, ms) => {
    const d = parseDuration(text);
    expect(d).not.toBeNull();
    if (d !== null) expect(durationMs(d)).toBe(ms);
  });

  it.each(['', '0d', '1.5h', '30', 'd', '-1d', '1mo', '01d'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it.each([
    [300_000, '5m', '5m'],
    [2_592_000_000, '30d', '30d'],
    [604_800_000, '7d', '7d'],
    [90_000, '90s', '1m30s'],
    [51_840, '51840ms', '51.84s'],
    [0, '0ms', '0s'],
    [7_200_123_456, '7200123456ms', '83d8h2m3s'],
  ])('%s ms → %s / %s', (ms, short, human) => {
    expect(formatDurationShort(ms)).toBe(short);
    expect(formatDurationHuman(ms)).toBe(human);
  });
});

describe('time zones (Intl)', () => {
  it.each([
    // zone, local wall time, UTC
    ['America/New_York', '2022-01-01 12:00:00', '2022-01-01T17:00:00Z'],
    ['America/New_York', '2022-07-01 12:00:00', '2022-07-01T16:00:00Z'],
    ['America/New_York', '2022-03-13 02:30:00', '2022-03-13T07:30:00Z'], // in the DST gap: after it
    ['America/New_York', '2022-11-06 01:30:00', '2022-11-06T05:30:00Z'], // repeated hour: first one
    ['Europe/Paris', '2026-11-01 00:00:00', '2026-10-31T23:00:00Z'],
    ['Asia/Kolkata', '2026-01-01 00:00:00', '2025-12-31T18:30:00Z'],
    ['UTC', '2026-01-01 00:00:00', '2026-01-01T00:00:00Z'],
  ])('%s %s = %s', (zone, local, utc) => {
    const wall = parseWallTime(local);
    expect(wall).not.toBeNull();
    if (wall !== null) expect(new Date(wallTimeToUtc(wall, zone)).toISOString()).toBe(new Date(utc).toISOString());
  });

  it('round-trips and knows offsets', () => {
    const at = Date.parse('2026-06-15T10:20:30Z');
    expect(wallTimeToUtc(wallTimeAt(at, 'Europe/Paris'), 'Europe/Paris')).toBe(at);
    expect(zoneOffsetMs(at, 'Europe/Paris')).toBe(2 * 3_600_000);
    expect(zoneOffsetMs(Date.parse('2026-01-15T10:00:00Z'), 'America/New_York')).toBe(-5 * 3_600_000);
  });

  it.each(['2022-02-30 00:00:00', '2022-01-01T25:00:00', '2022-01-01', 'soon'])('parseWallTime rejects %j', (text) => {
    expect(parseWallTime(text)).toBeNull();
  });
});
