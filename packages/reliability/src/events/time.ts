/**
 * Timestamps: ISO 8601 with an explicit offset only (`Z` or `±HH:MM`). A time without an offset
 * means a different instant on every machine, so it is rejected rather than guessed.
 */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/** The number written by `count` ASCII digits at `at`, or -1 if any is not a digit. */
function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * Milliseconds since the epoch of an ISO 8601 timestamp with an explicit offset, or `null`
 * when the text is not one (no offset, impossible date such as Feb 30, hour 24, offset > 23:59).
 * Accepted: `YYYY-MM-DDTHH:MM[:SS[.fraction]]` then `Z` or `±HH:MM`. Read character by
 * character: this runs once per timestamp of a million-event file.
 *
 * @example parseTimestamp('2026-11-02T10:00:00+01:00') // Date.UTC(2026, 10, 2, 9)
 */
export function parseTimestamp(text: string): number | null {
  if (text.length < 17 || text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':') return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return null;
  let at = 16;
  let second = 0;
  let millis = 0;
  if (text[at] === ':') {
    second = digits(text, at + 1, 2);
    if (second < 0 || second > 59) return null;
    at += 3;
    if (text[at] === '.') {
      const from = ++at;
      while (at < text.length && at - from < 10 && digits(text, at, 1) >= 0) at++;
      const count = at - from;
      if (count < 1 || count > 9) return null;
      millis = Math.floor(digits(text, from, count) / 10 ** (count - 3));
    }
  }
  let offsetMinutes = 0;
  const zone = text[at];
  if (zone === 'Z') {
    if (at + 1 !== text.length) return null;
  } else if (zone === '+' || zone === '-') {
    if (at + 6 !== text.length || text[at + 3] !== ':') return null;
    const offH = digits(text, at + 1, 2);
    const offM = digits(text, at + 4, 2);
    if (offH < 0 || offH > 23 || offM < 0 || offM > 59) return null;
    offsetMinutes = (zone === '-' ? -1 : 1) * (offH * 60 + offM);
  } else {
    return null;
  }
  let utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC reads years 0-99 as 1900-1999.
  if (year < 100) utc = new Date(utc).setUTCFullYear(year);
  return utc - offsetMinutes * 60_000;
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
