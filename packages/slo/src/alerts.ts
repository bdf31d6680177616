import { countEvents, indexSeries, type EventCounts, type SliIndex } from './budget.js';
import type { SliSeries } from './sli-data.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** One row of a multi-window multi-burn-rate table: spend `budgetPercent` of the budget in `longWindowMs`. */
export interface AlertWindowSpec {
  readonly severity: 'page' | 'ticket';
  readonly budgetPercent: number;
  readonly longWindowMs: number;
  readonly shortWindowMs: number;
}

/** The period the standard table is written for: 30 days. */
export const STANDARD_PERIOD_MS = 30 * DAY;

/**
 * The Google SRE Workbook table (ch. 5, "Alerting on SLOs", recommended parameters) for a 30-day
 * SLO: page on 2% of the budget in 1h (5m short window) or 5% in 6h (30m); ticket on 10% in 1d
 * (2h) or 10% in 3d (6h). The same numbers as Sloth's `google-30d.yaml`.
 */
export const STANDARD_ALERT_WINDOWS: readonly AlertWindowSpec[] = [
  { severity: 'page', budgetPercent: 2, longWindowMs: HOUR, shortWindowMs: 5 * MIN },
  { severity: 'page', budgetPercent: 5, longWindowMs: 6 * HOUR, shortWindowMs: 30 * MIN },
  { severity: 'ticket', budgetPercent: 10, longWindowMs: DAY, shortWindowMs: 2 * HOUR },
  { severity: 'ticket', budgetPercent: 10, longWindowMs: 3 * DAY, shortWindowMs: 6 * HOUR },
];

/** The longest long window of an alert table (3 days for the standard one). */
export function longestAlertWindowMs(windows: readonly AlertWindowSpec[] = STANDARD_ALERT_WINDOWS): number {
  return Math.max(0, ...windows.map((w) => w.longWindowMs));
}

/** Burn rate that spends `budgetPercent` of a `periodMs` budget in `longWindowMs`: `budget% × period / long`. */
export function burnFactor(budgetPercent: number, periodMs: number, longWindowMs: number): number {
  return ((budgetPercent / 100) * periodMs) / longWindowMs;
}

/** A number as the generated Prometheus rules write it: 12 significant digits (`1 - 0.9995` is `0.0005`). */
export function ruleNumber(x: number): number {
  return Number(x.toPrecision(12));
}

/**
 * The error ratio an alert must exceed, computed as the generated rule computes it:
 * `ratio > (factor * budget)` with both numbers as the rule writes them ({@link ruleNumber}). So
 * `pt slo alerts` and the rules agree at the boundary: a ratio of exactly `1 × (1 - 0.9995)` does
 * not fire a factor-1 alert, where the float `1 - 0.9995` (0.000499999…) would let it.
 */
export function alertThreshold(factor: number, target: number): number {
  return ruleNumber(factor) * ruleNumber(target < 1 ? 1 - target : 0);
}

/** One alert of the table, with its burn-rate factor for the SLO's period. */
export interface BurnRateAlert extends AlertWindowSpec {
  /** 14.4 for the first page row over 30 days; 13.44 over 28 days. */
  readonly burnFactor: number;
}

/** The MWMBR table for an SLO period: windows kept, factors rescaled (`budget% × period / long`). */
export function burnRateAlerts(
  periodMs: number,
  windows: readonly AlertWindowSpec[] = STANDARD_ALERT_WINDOWS,
): BurnRateAlert[] {
  return windows.map((w) => ({ ...w, burnFactor: burnFactor(w.budgetPercent, periodMs, w.longWindowMs) }));
}

/** What a burn-rate alert says at one moment. */
export type AlertState = 'firing' | 'ok' | 'insufficient_data';

export interface AlertOptions {
  /** SLO period the factors are scaled to. Default 30 days. */
  readonly periodMs?: number;
  readonly windows?: readonly AlertWindowSpec[];
  /**
   * Fewest events each window needs before its error ratio is trusted; below it the verdict is
   * `insufficient_data`, never a page. Default `auto`: the smallest count at which a single bad
   * event stays under the alert's threshold (`ceil(1 / (factor × (1 - target)))`), so one
   * failed request in a quiet hour cannot page anyone.
   */
  readonly minEvents?: number | 'auto';
}

export interface AlertEvaluation extends BurnRateAlert {
  readonly state: AlertState;
  /** Error ratio threshold: `burnFactor × (1 - target)`, as the rule writes it ({@link alertThreshold}). */
  readonly threshold: number;
  readonly minEvents: number;
  readonly long: EventCounts & { readonly burnRate: number | null };
  readonly short: EventCounts & { readonly burnRate: number | null };
}

export interface AlertsAt {
  readonly at: number;
  readonly alerts: readonly AlertEvaluation[];
  /** Per severity: firing if any of its alerts fires; else insufficient_data if any lacks data; else ok. */
  readonly page: AlertState;
  readonly ticket: AlertState;
}

export function minEventsFor(option: AlertOptions['minEvents'], threshold: number): number {
  if (typeof option === 'number') return Math.max(0, option);
  return threshold > 0 && threshold < 1 ? Math.ceil(1 / threshold - 1e-9) : 1;
}

function combine(states: readonly AlertState[]): AlertState {
  if (states.includes('firing')) return 'firing';
  if (states.includes('insufficient_data')) return 'insufficient_data';
  return 'ok';
}

function windowCounts(index: SliIndex, at: number, windowMs: number, budget: number) {
  const c = countEvents(index, at - windowMs + 1, at);
  return { ...c, burnRate: c.total > 0 && budget > 0 ? c.bad / c.total / budget : null };
}

/**
 * Which burn-rate alerts fire at `at` (epoch ms) over SLI data. A pair fires when the error
 * ratio of both its long and its short window (`(at - w, at]`) exceeds `factor × (1 - target)`,
 * and each window holds at least `minEvents` events.
 */
export function evaluateAlerts(
  data: SliSeries | SliIndex,
  target: number,
  at: number,
  options: AlertOptions = {},
): AlertsAt {
  const index = 'cumGood' in data ? data : indexSeries(data);
  const budget = target < 1 ? 1 - target : 0;
  const alerts = burnRateAlerts(options.periodMs ?? STANDARD_PERIOD_MS, options.windows).map((alert) => {
    const threshold = alertThreshold(alert.burnFactor, target);
    const minEvents = minEventsFor(options.minEvents ?? 'auto', threshold);
    const long = windowCounts(index, at, alert.longWindowMs, budget);
    const short = windowCounts(index, at, alert.shortWindowMs, budget);
    let state: AlertState;
    if (long.total < Math.max(minEvents, Number.MIN_VALUE) || short.total < Math.max(minEvents, Number.MIN_VALUE)) {
      state = 'insufficient_data';
    } else if (budget > 0 && long.bad / long.total > threshold && short.bad / short.total > threshold) state = 'firing';
    else if (budget === 0 && long.bad > 0 && short.bad > 0) state = 'firing';
    else state = 'ok';
    return { ...alert, state, threshold, minEvents, long, short };
  });
  return {
    at,
    alerts,
    page: combine(alerts.filter((a) => a.severity === 'page').map((a) => a.state)),
    ticket: combine(alerts.filter((a) => a.severity === 'ticket').map((a) => a.state)),
  };
}

/** A span during which a severity was firing: `[start, end)`, `end` null while still firing. */
export interface FiringSpan {
  readonly severity: 'page' | 'ticket';
  readonly start: number;
  readonly end: number | null;
}

/**
 * Evaluates the alerts at every sample timestamp (from `from`, default the first sample) and
 * returns when each severity started and stopped firing. Pure and O(n log n).
 */
export function alertTimeline(
  series: SliSeries,
  target: number,
  options: AlertOptions & { readonly from?: number; readonly to?: number } = {},
): FiringSpan[] {
  const index = indexSeries(series);
  const spans: FiringSpan[] = [];
  const open: Record<'page' | 'ticket', number | null> = { page: null, ticket: null };
  for (const t of series.timestamps) {
    if ((options.from !== undefined && t < options.from) || (options.to !== undefined && t > options.to)) continue;
    const r = evaluateAlerts(index, target, t, options);
    for (const severity of ['page', 'ticket'] as const) {
      const firing = r[severity] === 'firing';
      const started = open[severity];
      if (firing && started === null) open[severity] = t;
      if (!firing && started !== null) {
        spans.push({ severity, start: started, end: t });
        open[severity] = null;
      }
    }
  }
  for (const severity of ['page', 'ticket'] as const) {
    const started = open[severity];
    if (started !== null) spans.push({ severity, start: started, end: null });
  }
  return spans.sort((a, b) => a.start - b.start);
}

/**
 * How long after an outage starts an alert fires, with steady traffic and no errors before it:
 * the error ratio of a window `w` after `t` of an outage at ratio `e` is `e × t / w`, so it
 * crosses the threshold `factor × (1 - target)` at `t = threshold × w / e`; both windows must.
 * Null if the outage's error ratio never exceeds the threshold (or is shorter than that, when
 * `outageMs` is given).
 *
 * @example detectionTimeMs(1, 0.999, { burnFactor: 14.4, longWindowMs: 3_600_000, shortWindowMs: 300_000 }) // 51_840
 */
export function detectionTimeMs(
  outageErrorRatio: number,
  target: number,
  alert: Pick<BurnRateAlert, 'burnFactor' | 'longWindowMs' | 'shortWindowMs'>,
  outageMs?: number,
): number | null {
  const threshold = alertThreshold(alert.burnFactor, target);
  if (!(outageErrorRatio > threshold) || !(target < 1)) return null;
  const t = (Math.max(alert.longWindowMs, alert.shortWindowMs) * threshold) / outageErrorRatio;
  if (outageMs !== undefined && !(outageMs > t)) return null;
  return t;
}

/**
 * How long after an outage (error ratio `e`, lasting `outageMs`) ends its alert stops firing:
 * the window `w` then holds `min(outage, w - δ)` of it, so the pair resets as soon as either
 * window falls to the threshold: `δ = w × (1 - threshold / e)` for the quicker of the two (the
 * short window, which is what it is for). Null if the alert never fired.
 */
export function resetTimeMs(
  outageErrorRatio: number,
  outageMs: number,
  target: number,
  alert: Pick<BurnRateAlert, 'burnFactor' | 'longWindowMs' | 'shortWindowMs'>,
): number | null {
  if (detectionTimeMs(outageErrorRatio, target, alert, outageMs) === null) return null;
  const threshold = alertThreshold(alert.burnFactor, target);
  const resetOf = (w: number) =>
    outageMs <= (threshold * w) / outageErrorRatio ? 0 : w * (1 - threshold / outageErrorRatio);
  return Math.min(resetOf(alert.longWindowMs), resetOf(alert.shortWindowMs));
}
