/** Units of an OpenSLO duration: s, m (minute), h, d, w; M (month), Q (quarter), Y (year) are calendar units. */
export type DurationUnit = 's' | 'm' | 'h' | 'd' | 'w' | 'M' | 'Q' | 'Y';

/** A parsed OpenSLO duration shorthand such as `28d` or `1M`. */
export interface Duration {
  readonly amount: number;
  readonly unit: DurationUnit;
  /** As written, e.g. `28d`. */
  readonly text: string;
}

const FIXED_MS: Readonly<Record<'s' | 'm' | 'h' | 'd' | 'w', number>> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const DURATION_PATTERN = /^([1-9][0-9]{0,8})(s|m|h|d|w|M|Q|Y)$/;

/** Parses `28d`, `1h`, `1M`… or returns null. `1m` is one minute; `1M` one month. */
export function parseDuration(text: string): Duration | null {
  const match = DURATION_PATTERN.exec(text);
  if (match === null) return null;
  return { amount: Number(match[1]), unit: match[2] as DurationUnit, text };
}

/** Is this a unit of fixed length (not a month, quarter or year)? */
export function isFixedUnit(unit: DurationUnit): unit is 's' | 'm' | 'h' | 'd' | 'w' {
  return unit in FIXED_MS;
}

/**
 * Milliseconds of a fixed-length duration. Calendar units have no fixed length: their nominal
 * length is used (month 30d, quarter 90d, year 365d), which is what a rolling window or a
 * Prometheus range needs.
 */
export function durationMs(duration: Duration): number {
  if (isFixedUnit(duration.unit)) return duration.amount * FIXED_MS[duration.unit];
  const days = duration.unit === 'M' ? 30 : duration.unit === 'Q' ? 90 : 365;
  return duration.amount * days * FIXED_MS.d;
}

/** `2592000000` → `30d`; the largest unit (d, h, m, s) that divides it; milliseconds otherwise. */
export function formatDurationShort(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    if (ms > 0 && ms % FIXED_MS[unit] === 0) return `${ms / FIXED_MS[unit]}${unit}`;
  }
  return `${ms}ms`;
}

/** Human form for reports: `43m12s`, `40m19.2s`, `2d3h`, `0s`. */
export function formatDurationHuman(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0s';
  // Sub-second precision only matters below an hour (40m19.2s); beyond, whole seconds.
  const totalSeconds = ms >= 3_600_000 ? Math.round(ms / 1000) : Math.round(ms) / 1000;
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = Math.round((totalSeconds % 60) * 1000) / 1000;
  let out = '';
  if (days > 0) out += `${days}d`;
  if (hours > 0) out += `${hours}h`;
  if (minutes > 0) out += `${minutes}m`;
  if (seconds > 0 || out === '') out += `${seconds}s`;
  return out;
}
