/**
 * Timestamps: ISO 8601 with an explicit offset only (`Z` or `±HH:MM`). A time without an offset
 * means a different instant on every machine, so it is rejected rather than guessed.
 */
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):(\d{2}))$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/**
 * Milliseconds since the epoch of an ISO 8601 timestamp with an explicit offset, or `null`
 * when the text is not one (no offset, impossible date such as Feb 30, hour 24, offset > 23:59).
 *
 * @example parseTimestamp('2026-11-02T10:00:00+01:00') // Date.UTC(2026, 10, 2, 9)
 */
export function parseTimestamp(text: string): number | null {
  const m = ISO_WITH_OFFSET.exec(text);
  if (m === null) return null;
  const [, y, mo, d, h, mi, s, frac, zone, oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const offH = Number(oh);
    const offM = Number(om);
    if (offH > 23 || offM > 59) return null;
    offsetMinutes = (zone?.startsWith('-') === true ? -1 : 1) * (offH * 60 + offM);
  }
  const millis = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
}

/** An instant as ISO 8601 in UTC, e.g. `2026-11-28T00:00:00Z` (milliseconds only when not zero). */
export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 } as const;

/**
 * A duration such as `30d`, `12w`, `36h` or `90m` in milliseconds; `null` when not one
 * (a positive integer and one of the units m, h, d, w).
 */
export function parseDuration(text: string): number | null {
  const m = /^([1-9]\d{0,5})([mhdw])$/.exec(text.trim());
  if (m === null) return null;
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}

/** A half-open interval of time `[start, end)`, in epoch milliseconds. */
export interface TimeWindow {
  readonly start: number;
  readonly end: number;
}

/** The window of `duration` ms that ends at `end` (no clock: the end is always given). */
export function windowEndingAt(end: number, duration: number): TimeWindow {
  return { start: end - duration, end };
}
