import { calendarWindowAt, type TimeRange } from './calendar.js';
import { durationMs } from './duration.js';
import type { BudgetingMethod, SloWindow } from './openslo/model.js';
import { roundHalfAwayFromZero } from '@pt/input';
import type { SliSeries } from './sli-data.js';

/**
 * Allowed bad time of `target` (fraction, e.g. 0.999) over `windowMs`, in milliseconds, rounded
 * to the microsecond so that published figures come out exact: 99.9% over 30d = 2,592,000 ms
 * (43m12s). A target of 1 allows nothing.
 */
export function allowedDowntimeMs(target: number, windowMs: number): number {
  if (!(target > 0 && target <= 1) || !(windowMs >= 0) || !Number.isFinite(windowMs)) return 0;
  return roundHalfAwayFromZero((1 - target) * windowMs, 3);
}

/**
 * `errorRatio / (1 - target)`: how fast the budget burns, 1 meaning exactly on target. Null when
 * undefined: no traffic (`errorRatio` null) or no budget (`target` 1).
 */
export function burnRate(errorRatio: number | null, target: number): number | null {
  if (errorRatio === null || !Number.isFinite(errorRatio) || !(target < 1)) return null;
  return errorRatio / (1 - target);
}

/** A series with prefix sums: windowed good/total sums in O(log n). Build once, query often. */
export interface SliIndex {
  readonly timestamps: Float64Array;
  /** `cumGood[i]` = sum of good over samples `0..i-1` (length n + 1). */
  readonly cumGood: Float64Array;
  readonly cumTotal: Float64Array;
}

/** Prefix sums of a series. */
export function indexSeries(series: SliSeries): SliIndex {
  const n = series.timestamps.length;
  const cumGood = new Float64Array(n + 1);
  const cumTotal = new Float64Array(n + 1);
  const { good, total } = series;
  let g = 0;
  let t = 0;
  for (let i = 0; i < n; i++) {
    g += good[i] ?? 0;
    t += total[i] ?? 0;
    cumGood[i + 1] = g;
    cumTotal[i + 1] = t;
  }
  return { timestamps: series.timestamps, cumGood, cumTotal };
}

/** Number of samples with timestamp <= t (`strict`: < t). */
function upper(timestamps: Float64Array, t: number, strict = false): number {
  let lo = 0;
  let hi = timestamps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = timestamps[mid] ?? 0;
    if (strict ? v < t : v <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Event counts of the samples with `from <= timestamp <= to`. */
export interface EventCounts {
  readonly good: number;
  readonly bad: number;
  readonly total: number;
}

/** Good, bad and total events of the samples with `from <= timestamp <= to` (epoch ms). */
export function countEvents(index: SliIndex, from: number, to: number): EventCounts {
  if (to < from) return { good: 0, bad: 0, total: 0 };
  const a = upper(index.timestamps, from, true);
  const b = upper(index.timestamps, to);
  const good = (index.cumGood[b] ?? 0) - (index.cumGood[a] ?? 0);
  const total = (index.cumTotal[b] ?? 0) - (index.cumTotal[a] ?? 0);
  return { good, bad: Math.max(0, total - good), total };
}

/** Error ratio of counts, or null without traffic. */
export function errorRatio(counts: EventCounts): number | null {
  return counts.total > 0 ? counts.bad / counts.total : null;
}

/** Burn rate over the `lookbackMs` ending at `at` (samples in `(at - lookbackMs, at]`). */
export function burnRateOver(index: SliIndex, target: number, at: number, lookbackMs: number): number | null {
  return burnRate(errorRatio(countEvents(index, at - lookbackMs + 1, at)), target);
}

/**
 * The SLO window that `at` falls in: a rolling window is `(at - duration, at]`; a calendar window
 * is the calendar period containing `at`, in its time zone. `start` is inclusive, `end` exclusive.
 */
export function windowAt(window: SloWindow, at: number): TimeRange {
  if (window.kind === 'rolling') {
    const len = durationMs(window.duration);
    return { start: at - len + 1, end: at + 1 };
  }
  return calendarWindowAt(window.startTime, window.timeZone, window.duration, at);
}

/** What to evaluate: one objective of an SLO. */
export interface BudgetInput {
  /** Target as a fraction in (0, 1]. */
  readonly target: number;
  readonly budgetingMethod: BudgetingMethod;
  readonly window: SloWindow;
  /** Timeslices: a slice is good when its good/total ratio is at least this. */
  readonly timeSliceTarget?: number;
  /** Timeslices, RatioTimeslices: slice length in ms. */
  readonly timeSliceWindowMs?: number;
}

export interface BudgetOptions {
  /** Lookback of the "current" burn rate used for time to exhaustion. Default 1h. */
  readonly currentWindowMs?: number;
}

/** Error budget of one objective at one moment. Every number is finite; undefined values are null. */
export interface BudgetEvaluation {
  /**
   * Window evaluated (epoch ms) and the evaluation time. Rolling: samples in `(windowStart, windowEnd]`
   * with `windowEnd = at`; calendar: the period `[windowStart, windowEnd)`, up to `at`.
   */
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly at: number;
  readonly windowMs: number;
  /** `events` (Occurrences) or `ms` of bad time (Timeslices, RatioTimeslices). */
  readonly unit: 'events' | 'ms';
  /** Events in the window up to `at`. */
  readonly events: EventCounts;
  /** Attainment so far (0..1): good/total, good slices/elapsed slices or mean slice ratio. Null without data. */
  readonly sli: number | null;
  /** Budget in `unit`: allowed bad events so far, or allowed bad time over the whole window. */
  readonly allowed: number;
  /** Spent, in `unit`. */
  readonly consumed: number;
  /** `allowed - consumed` (negative once overspent). */
  readonly remaining: number;
  readonly consumedPct: number;
  /** `100 - consumedPct`; negative once overspent. */
  readonly remainingPct: number;
  /** Burn rate over the window so far; null without data or with target 1. */
  readonly burnRate: number | null;
  /** Burn rate over the last `currentWindowMs`. */
  readonly currentBurnRate: number | null;
  /** At the current burn rate, when the budget runs out (ms from `at`): 0 if already; null if never. */
  readonly timeToExhaustionMs: number | null;
  readonly status: 'ok' | 'exhausted' | 'no_data';
}

const HOUR = 3_600_000;

/** Remaining percentages this close to 0 are 0: spending exactly the budget in floating point. */
const EXHAUSTED_BELOW = 1e-9;

interface Slices {
  /** Slices elapsed in the window up to `at`, and those with traffic. */
  elapsed: number;
  withData: number;
  /** Timeslices: count of bad slices; RatioTimeslices: sum of (1 - ratio). */
  badness: number;
  /** Sum of slice ratios over slices with traffic (RatioTimeslices). */
  ratioSum: number;
}

function slices(series: SliSeries, input: BudgetInput, range: TimeRange, to: number, sliceMs: number): Slices {
  const { timestamps, good, total } = series;
  const elapsed = Math.max(0, Math.ceil((Math.min(to + 1, range.end) - range.start) / sliceMs));
  const sliceGood = new Map<number, number>();
  const sliceTotal = new Map<number, number>();
  let i = upper(timestamps, range.start, true);
  for (; i < timestamps.length && (timestamps[i] ?? 0) <= to; i++) {
    const k = Math.floor(((timestamps[i] ?? 0) - range.start) / sliceMs);
    sliceGood.set(k, (sliceGood.get(k) ?? 0) + (good[i] ?? 0));
    sliceTotal.set(k, (sliceTotal.get(k) ?? 0) + (total[i] ?? 0));
  }
  let withData = 0;
  let badness = 0;
  let ratioSum = 0;
  for (const [k, tot] of sliceTotal) {
    if (tot <= 0) continue;
    withData++;
    const ratio = (sliceGood.get(k) ?? 0) / tot;
    ratioSum += ratio;
    if (input.budgetingMethod === 'Timeslices') badness += ratio < (input.timeSliceTarget ?? 1) ? 1 : 0;
    else badness += 1 - ratio;
  }
  return { elapsed, withData, badness, ratioSum };
}

/**
 * Evaluates the error budget of one objective over SLI data at time `at` (epoch ms). Pure: the
 * same inputs always give the same result, and no input yields NaN or Infinity.
 *
 * - Occurrences: budget = `(1 - target) × total events so far`; consumed = bad events.
 * - Timeslices: a slice (`timeSliceWindow`) with traffic is bad when good/total < `timeSliceTarget`;
 *   budget = `(1 - target) × window length`; consumed = bad slices × slice length. Slices without
 *   traffic count as good.
 * - RatioTimeslices: SLI = mean of the slice ratios; consumed = Σ (1 - ratio) × slice length.
 *
 * Zero traffic: SLI and burn rates are null, nothing is consumed, status `no_data`.
 */
export function evaluateBudget(
  series: SliSeries,
  input: BudgetInput,
  at: number,
  options: BudgetOptions & { index?: SliIndex } = {},
): BudgetEvaluation {
  const index = options.index ?? indexSeries(series);
  const range = windowAt(input.window, at);
  const windowMs = range.end - range.start;
  const to = Math.min(at, range.end - 1);
  const events = countEvents(index, range.start, to);
  const budgetFraction = input.target < 1 ? 1 - input.target : 0;
  const currentBurnRate = burnRateOver(index, input.target, at, options.currentWindowMs ?? HOUR);

  let unit: BudgetEvaluation['unit'];
  let sli: number | null;
  let allowed: number;
  let consumed: number;
  let burn: number | null;
  if (input.budgetingMethod === 'Occurrences') {
    unit = 'events';
    sli = events.total > 0 ? events.good / events.total : null;
    allowed = budgetFraction * events.total;
    consumed = events.bad;
    burn = burnRate(errorRatio(events), input.target);
  } else {
    unit = 'ms';
    const sliceMs = Math.max(1, input.timeSliceWindowMs ?? 60_000);
    const s = slices(series, input, range, to, sliceMs);
    allowed = budgetFraction * windowMs;
    consumed = s.badness * sliceMs;
    if (input.budgetingMethod === 'Timeslices') {
      sli = s.withData > 0 && s.elapsed > 0 ? 1 - s.badness / s.elapsed : null;
    } else {
      sli = s.withData > 0 ? s.ratioSum / s.withData : null;
    }
    burn = sli === null ? null : burnRate(1 - sli, input.target);
  }
  let consumedPct: number;
  if (allowed > 0) consumedPct = (consumed / allowed) * 100;
  else consumedPct = consumed > 0 || (budgetFraction === 0 && sli !== null) ? 100 : 0;
  const remainingPct = 100 - consumedPct;
  let timeToExhaustionMs: number | null;
  if (sli === null && consumed === 0) timeToExhaustionMs = null;
  else if (remainingPct <= EXHAUSTED_BELOW) timeToExhaustionMs = 0;
  else if (currentBurnRate === null || currentBurnRate <= 0) timeToExhaustionMs = null;
  else timeToExhaustionMs = ((remainingPct / 100) * durationLength(input.window, windowMs)) / currentBurnRate;
  const status = sli === null && consumed === 0 ? 'no_data' : remainingPct <= EXHAUSTED_BELOW ? 'exhausted' : 'ok';
  const rolling = input.window.kind === 'rolling';
  return {
    windowStart: rolling ? range.start - 1 : range.start,
    windowEnd: rolling ? range.end - 1 : range.end,
    at,
    windowMs,
    unit,
    events,
    sli,
    allowed,
    consumed,
    remaining: allowed - consumed,
    consumedPct,
    remainingPct,
    burnRate: burn,
    currentBurnRate,
    timeToExhaustionMs,
    status,
  };
}

function durationLength(window: SloWindow, windowMs: number): number {
  return window.kind === 'rolling' ? durationMs(window.duration) : windowMs;
}
