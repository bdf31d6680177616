import { UNIT_MS } from '@pt/input';

// Durations are read by @pt/input (one parser for every `pt` input); OpenSLO accepts every unit.
export { durationMs, isFixedUnit, parseDuration, type Duration, type DurationUnit } from '@pt/input';

/** `2592000000` → `30d`; the largest unit (d, h, m, s) that divides it; milliseconds otherwise. */
export function formatDurationShort(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    if (ms > 0 && ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${ms}ms`;
}

/** `2591970000` → `29d23h59m30s`: a PromQL duration of whole units (d, h, m, s, ms), largest first. */
export function formatDurationPromQl(ms: number): string {
  if (!(ms > 0) || !Number.isFinite(ms)) return '0s';
  let rest = Math.round(ms);
  let out = '';
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const n = Math.floor(rest / UNIT_MS[unit]);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * UNIT_MS[unit];
  }
  return rest > 0 ? `${out}${rest}ms` : out;
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
