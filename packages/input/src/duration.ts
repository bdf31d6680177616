/** Units of a duration: s, m (minute), h, d, w; M (month), Q (quarter), Y (year) are calendar units. */
export type DurationUnit = 's' | 'm' | 'h' | 'd' | 'w' | 'M' | 'Q' | 'Y';

/** A parsed duration shorthand such as `28d` or `1M`. */
export interface Duration {
  readonly amount: number;
  readonly unit: DurationUnit;
  /** As written, e.g. `28d`. */
  readonly text: string;
}

/** Milliseconds of each unit of fixed length. */
export const UNIT_MS: Readonly<Record<'s' | 'm' | 'h' | 'd' | 'w', number>> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const ALL_UNITS: readonly DurationUnit[] = ['s', 'm', 'h', 'd', 'w', 'M', 'Q', 'Y'];

export interface DurationOptions {
  /** The units accepted. Default all: s, m, h, d, w, M, Q, Y. */
  readonly units?: readonly DurationUnit[];
  /** Most digits of the amount (a positive integer without a leading zero). Default 9. */
  readonly maxDigits?: number;
}

/**
 * Parses `28d`, `1h`, `1M`… (a positive integer and a unit) or returns null. `1m` is one minute;
 * `1M` one month. Callers choose the units and digits they accept.
 */
export function parseDuration(text: string, options: DurationOptions = {}): Duration | null {
  const units = options.units ?? ALL_UNITS;
  const maxDigits = options.maxDigits ?? 9;
  const unit = text.at(-1) as DurationUnit | undefined;
  const amount = text.slice(0, -1);
  if (unit === undefined || !units.includes(unit)) return null;
  if (amount.length < 1 || amount.length > maxDigits || !/^[1-9][0-9]*$/.test(amount)) return null;
  return { amount: Number(amount), unit, text };
}

/** Is this a unit of fixed length (not a month, quarter or year)? */
export function isFixedUnit(unit: DurationUnit): unit is 's' | 'm' | 'h' | 'd' | 'w' {
  return unit in UNIT_MS;
}

/**
 * Milliseconds of a duration. Calendar units have no fixed length: their nominal length is used
 * (month 30d, quarter 90d, year 365d), which is what a rolling window or a Prometheus range needs.
 */
export function durationMs(duration: Duration): number {
  if (isFixedUnit(duration.unit)) return duration.amount * UNIT_MS[duration.unit];
  const days = duration.unit === 'M' ? 30 : duration.unit === 'Q' ? 90 : 365;
  return duration.amount * days * UNIT_MS.d;
}
