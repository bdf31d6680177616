/**
 * Timestamps: one parser for the forms `pt` reads, each caller choosing the forms it accepts.
 * An ISO 8601 time needs an explicit offset (`Z` or `±HH:MM`): a time without one means a
 * different instant on every machine, so it is rejected rather than guessed.
 */

/** `iso`: `YYYY-MM-DDTHH:MM[:SS[.fraction]]` then `Z` or `±HH:MM`; `date`: `YYYY-MM-DD` (UTC midnight); `epoch-seconds`: 1 to 12 digits. */
export type TimestampForm = 'iso' | 'date' | 'epoch-seconds';

export interface TimestampOptions {
  /** The forms accepted. Default `['iso']`. */
  readonly forms?: readonly TimestampForm[];
  /** Most digits of an ISO fraction of a second (1 to 9). Default 9. */
  readonly maxFractionDigits?: number;
  /**
   * `reject` (default): an impossible date or hour (Feb 30, 24:00) is not a time. `roll`: as
   * ECMAScript's `Date.parse` reads them, a day up to 31 rolls into the next month and `24:00`
   * is the next midnight.
   */
  readonly overflow?: 'reject' | 'roll';
}

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

/** Milliseconds since the epoch of a UTC date and time; any year from 0 (Date.UTC reads 0-99 as 1900-1999). */
function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number) {
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}

/** The date part `YYYY-MM-DD` at the start of `text`: [year, month, day], or null. */
function datePart(text: string, overflow: 'reject' | 'roll'): [number, number, number] | null {
  if (text[4] !== '-' || text[7] !== '-') return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const lastDay = overflow === 'roll' ? 31 : daysIn(year, month);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > lastDay) return null;
  return [year, month, day];
}

function parseIso(text: string, maxFractionDigits: number, overflow: 'reject' | 'roll'): number | null {
  if (text.length < 17 || text[10] !== 'T' || text[13] !== ':') return null;
  const date = datePart(text, overflow);
  if (date === null) return null;
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  if (hour < 0 || hour > (overflow === 'roll' ? 24 : 23) || minute < 0 || minute > 59) return null;
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
      if (count < 1 || count > maxFractionDigits) return null;
      millis = Math.floor(digits(text, from, count) / 10 ** (count - 3));
    }
  }
  // 24:00 is the end of the day, nothing later.
  if (hour === 24 && (minute !== 0 || second !== 0 || millis !== 0)) return null;
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
  return utcMs(date[0], date[1], date[2], hour, minute, second, millis) - offsetMinutes * 60_000;
}

const EPOCH_SECONDS = /^\d{1,12}$/;

/**
 * Milliseconds since the epoch of `text` in one of the accepted forms, or `null` when it is in
 * none of them (no offset, impossible date such as Feb 30, hour 24, offset > 23:59). Read
 * character by character: this runs once per timestamp of a million-event file.
 *
 * @example parseTimestamp('2026-11-02T10:00:00+01:00') // Date.UTC(2026, 10, 2, 9)
 * @example parseTimestamp('1767225600', { forms: ['iso', 'epoch-seconds'] }) // 1767225600000
 */
export function parseTimestamp(text: string, options: TimestampOptions = {}): number | null {
  const forms = options.forms ?? ['iso'];
  const overflow = options.overflow ?? 'reject';
  if (forms.includes('iso')) {
    const iso = parseIso(text, options.maxFractionDigits ?? 9, overflow);
    if (iso !== null) return iso;
  }
  if (forms.includes('date') && text.length === 10) {
    const date = datePart(text, overflow);
    if (date !== null) return utcMs(date[0], date[1], date[2], 0, 0, 0, 0);
  }
  if (forms.includes('epoch-seconds') && EPOCH_SECONDS.test(text)) return Number(text) * 1000;
  return null;
}

/** An instant as ISO 8601 in UTC, e.g. `2026-11-28T00:00:00Z` (milliseconds only when not zero). */
export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/**
 * The forms every `--at` of `pt` accepts, one set for every command: a date `YYYY-MM-DD` (its UTC
 * midnight), an ISO 8601 time with an offset, or epoch seconds. Impossible dates are rejected.
 */
export const EVALUATION_TIME_FORMS: readonly TimestampForm[] = ['iso', 'date', 'epoch-seconds'];

/** What {@link parseEvaluationTime} accepts, in words, for the one error message about it. */
export const EVALUATION_TIME_EXPECTED =
  'a date (2026-11-28), an ISO 8601 time with an offset (2026-11-28T12:00:00Z) or epoch seconds (1795824000)';

/**
 * Milliseconds since the epoch of an evaluation time in one of {@link EVALUATION_TIME_FORMS},
 * or `null`.
 *
 * @example parseEvaluationTime('2026-11-28') // Date.UTC(2026, 10, 28)
 * @example parseEvaluationTime('2026-11-28T01:00:00+01:00') // Date.UTC(2026, 10, 28)
 * @example parseEvaluationTime('1795824000') // Date.UTC(2026, 10, 28)
 */
export function parseEvaluationTime(text: string): number | null {
  return parseTimestamp(text, { forms: EVALUATION_TIME_FORMS });
}
