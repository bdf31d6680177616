import { durationMs, parseDuration as parseDurationText } from '@pt/input';

/**
 * Timestamps are read by @pt/input's one parser. Events and `--at` take its default form only:
 * ISO 8601 with an explicit offset (`Z` or `±HH:MM`); a time without an offset means a different
 * instant on every machine, so it is rejected rather than guessed.
 */
export { formatTimestamp, parseTimestamp } from '@pt/input';

/**
 * A duration such as `30d`, `12w`, `36h` or `90m` in milliseconds; `null` when not one
 * (a positive integer of at most six digits and one of the units m, h, d, w).
 */
export function parseDuration(text: string): number | null {
  const duration = parseDurationText(text.trim(), { units: ['m', 'h', 'd', 'w'], maxDigits: 6 });
  return duration === null ? null : durationMs(duration);
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
