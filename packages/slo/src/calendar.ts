/**
 * Calendar-aligned windows in an IANA time zone, computed with `Intl.DateTimeFormat` (Node ships
 * full ICU): no dependency, and the zone database is the platform's own.
 */
import { durationMs, isFixedUnit, type Duration } from './duration.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Is this an IANA time zone the platform knows? */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock fields of a local time. Months are 1-based. */
export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** The wall-clock time in `timeZone` at the instant `utcMs`. */
export function wallTimeAt(utcMs: number, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(utcMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts['year'] ?? 1970,
    month: parts['month'] ?? 1,
    day: parts['day'] ?? 1,
    hour: parts['hour'] ?? 0,
    minute: parts['minute'] ?? 0,
    second: parts['second'] ?? 0,
  };
}

/** Offset of `timeZone` from UTC at `utcMs`, in milliseconds (New York in winter: -5h). */
export function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const w = wallTimeAt(utcMs, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (utcMs - (((utcMs % 1000) + 1000) % 1000));
}

/**
 * The instant a wall-clock time happens in `timeZone`. A time skipped by a DST jump resolves to
 * the instant after the gap; a repeated time to its first occurrence.
 */
export function wallTimeToUtc(w: WallTime, timeZone: string): number {
  const naive = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const first = naive - zoneOffsetMs(naive, timeZone);
  const second = naive - zoneOffsetMs(first, timeZone);
  if (first === second) return first;
  // Around a transition: prefer the earlier candidate whose wall time matches.
  const candidates = [Math.min(first, second), Math.max(first, second)];
  for (const c of candidates) {
    const back = wallTimeAt(c, timeZone);
    if (Date.UTC(back.year, back.month - 1, back.day, back.hour, back.minute, back.second) === naive) return c;
  }
  return Math.max(first, second);
}

/** Adds `steps` × `duration` to a wall time (calendar arithmetic; days do not depend on DST). */
function addToWall(start: WallTime, duration: Duration, steps: number): WallTime {
  const n = duration.amount * steps;
  const base = { ...start };
  switch (duration.unit) {
    case 'M':
    case 'Q':
    case 'Y': {
      const months = duration.unit === 'M' ? n : duration.unit === 'Q' ? 3 * n : 12 * n;
      const d = new Date(Date.UTC(base.year, base.month - 1 + months, 1));
      const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
      return { ...base, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: Math.min(base.day, lastDay) };
    }
    case 'd':
    case 'w': {
      const days = duration.unit === 'w' ? 7 * n : n;
      const d = new Date(Date.UTC(base.year, base.month - 1, base.day + days));
      return { ...base, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
    }
    default:
      return base;
  }
}

/** A window `[start, end)` in epoch milliseconds. */
export interface TimeRange {
  readonly start: number;
  readonly end: number;
}

/**
 * The calendar window that contains `at`: windows start at `startTime` (wall time in `timeZone`)
 * and follow each other every `duration` (months and days in local calendar terms, so a 1d
 * window across a DST change lasts 23 or 25 hours).
 */
export function calendarWindowAt(start: WallTime, timeZone: string, duration: Duration, at: number): TimeRange {
  const origin = wallTimeToUtc(start, timeZone);
  if (isFixedUnit(duration.unit) && (duration.unit === 's' || duration.unit === 'm' || duration.unit === 'h')) {
    const len = durationMs(duration);
    const k = Math.floor((at - origin) / len);
    return { start: origin + k * len, end: origin + (k + 1) * len };
  }
  const boundary = (k: number) => wallTimeToUtc(addToWall(start, duration, k), timeZone);
  let k = Math.floor((at - origin) / durationMs(duration));
  while (boundary(k) > at) k--;
  while (boundary(k + 1) <= at) k++;
  return { start: boundary(k), end: boundary(k + 1) };
}

const START_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/** Parses an OpenSLO `calendar.startTime` (`2022-01-01 12:00:00`, local to its time zone). */
export function parseWallTime(text: string): WallTime | null {
  const m = START_PATTERN.exec(text);
  if (m === null) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return null;
  }
  return { year, month, day, hour, minute, second };
}
