import { STANDARD_ALERT_WINDOWS, longestAlertWindowMs, type AlertWindowSpec } from '../alerts.js';
import { durationMs } from '../duration.js';
import type { SloWindow } from '../openslo/model.js';
import type { SliQueries } from '../rules.js';
import { sliSeries, type SliSeries } from '../sli-data.js';

/**
 * The arithmetic of reading an SLI from Prometheus range queries, with no I/O: which ranges to
 * ask for, and how the answers become good and total events per interval. Fetching is the
 * caller's job (the CLI's).
 */

const DAY = 86_400_000;

/** Prometheus refuses a range query of more than 11,000 points; stay below it. */
export const MAX_POINTS_PER_QUERY = 10_000;

/** One series of a `query_range` answer: its labels and `[epoch ms, value]` samples. */
export interface PromSamples {
  readonly metric: Readonly<Record<string, string>>;
  readonly values: readonly (readonly [number, number])[];
}

/** `[start, end]` (epoch ms, on the step grid) cut into inclusive ranges of at most `max` points. */
export function chunks(startMs: number, endMs: number, stepMs: number, max = MAX_POINTS_PER_QUERY): [number, number][] {
  const out: [number, number][] = [];
  for (let s = startMs; s <= endMs; s += max * stepMs) out.push([s, Math.min(s + (max - 1) * stepMs, endMs)]);
  return out;
}

/** Per-series samples of every chunk, merged by label set and sorted by time. */
function mergeSeries(answers: readonly (readonly PromSamples[])[]): Map<string, [number, number][]> {
  const bySeries = new Map<string, [number, number][]>();
  for (const answer of answers) {
    for (const s of answer) {
      const key = JSON.stringify(Object.entries(s.metric).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      const list = bySeries.get(key) ?? [];
      for (const [t, v] of s.values) list.push([t, v]);
      bySeries.set(key, list);
    }
  }
  for (const list of bySeries.values()) list.sort((a, b) => a[0] - b[0]);
  return bySeries;
}

/**
 * Events per step interval, keyed by the interval's start (epoch ms), summed over the series.
 * A counter's increase between two samples is the difference, or the later value after a reset
 * (a decrease); a value that is already a count per interval (`{{.window}}` replaced by the step,
 * or a non-counter) belongs to the interval that ends at its timestamp.
 */
export function eventsPerInterval(
  answers: readonly (readonly PromSamples[])[],
  how: 'counter' | 'per-interval',
  stepMs: number,
): Map<number, number> {
  const out = new Map<number, number>();
  const add = (t: number, x: number) => out.set(t, (out.get(t) ?? 0) + x);
  for (const samples of mergeSeries(answers).values()) {
    if (how === 'per-interval') {
      for (const [t, v] of samples) if (Number.isFinite(v)) add(t - stepMs, v);
      continue;
    }
    for (let i = 1; i < samples.length; i++) {
      const prev = samples[i - 1];
      const cur = samples[i];
      if (prev === undefined || cur === undefined || !Number.isFinite(prev[1]) || !Number.isFinite(cur[1])) continue;
      add(prev[0], cur[1] >= prev[1] ? cur[1] - prev[1] : cur[1]);
    }
  }
  return out;
}

/** Good and total events per interval as the evaluation takes them (no total: no point; no numerator: 0). */
export function toSeries(
  form: 'good' | 'bad',
  numerator: ReadonlyMap<number, number>,
  total: ReadonlyMap<number, number>,
): SliSeries {
  const times = [...total.keys()].sort((a, b) => a - b);
  const totals = times.map((t) => total.get(t) ?? 0);
  const parts = times.map((t) => numerator.get(t) ?? 0);
  // Rates from separate queries can disagree by rounding: keep 0 <= good <= total.
  const good = parts.map((p, i) => {
    const n = totals[i] ?? 0;
    return Math.min(n, Math.max(0, form === 'good' ? p : n - p));
  });
  return sliSeries(times, good, totals);
}

/** `1m`, `90s`: a PromQL range for `{{.window}}`. */
function promDuration(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000}m` : `${ms / 1000}s`;
}

/** What to read: `[fromMs, toMs]` (epoch ms) on a `stepMs` grid. */
export interface SliRange {
  readonly fromMs: number;
  readonly toMs: number;
  readonly stepMs: number;
}

/** The range queries that give an SLI's good and total events per interval, and how to read their answers. */
export interface SliQueryPlan {
  readonly ok: true;
  readonly form: 'good' | 'bad';
  /** A counter's increase between samples, or a value that already counts one interval. */
  readonly how: 'counter' | 'per-interval';
  /** The numerator and total PromQL, `{{.window}}` replaced by the step. */
  readonly numerator: string;
  readonly total: string;
  readonly stepMs: number;
  /** Start of the first interval, on the step grid. */
  readonly startMs: number;
  /** Intervals that start at or after it have not happened yet. */
  readonly toMs: number;
  /** Inclusive `[start, end]` ranges of at most {@link MAX_POINTS_PER_QUERY} points, to ask for each query. */
  readonly ranges: readonly [number, number][];
}

/** The range queries of an SLI over `range`, or why its events cannot be counted from Prometheus. */
export function planSliQueries(
  queries: Extract<SliQueries, { ok: true }>,
  range: SliRange,
): SliQueryPlan | { readonly ok: false; readonly message: string } {
  if (queries.form === 'raw' || queries.total === undefined) {
    return { ok: false, message: 'a raw ratio SLI cannot be counted from Prometheus; use good or bad with total' };
  }
  const { stepMs } = range;
  const how = queries.counter && !queries.templated ? 'counter' : 'per-interval';
  const expand = (q: string) => q.replace(/\{\{\s*\.window\s*\}\}/g, promDuration(stepMs));
  // A counter needs the sample before the first interval; an interval count the one after it.
  const start = Math.floor(range.fromMs / stepMs) * stepMs;
  const end = Math.floor(range.toMs / stepMs) * stepMs + (how === 'per-interval' ? stepMs : 0);
  return {
    ok: true,
    form: queries.form,
    how,
    numerator: expand(queries.numerator),
    total: expand(queries.total),
    stepMs,
    startMs: start,
    toMs: range.toMs,
    ranges: chunks(start, end, stepMs),
  };
}

/** The SLI series from the answers to a plan's numerator and total queries (one answer per range). */
export function sliSeriesFromAnswers(
  plan: SliQueryPlan,
  numeratorAnswers: readonly (readonly PromSamples[])[],
  totalAnswers: readonly (readonly PromSamples[])[],
): SliSeries {
  const numerator = eventsPerInterval(numeratorAnswers, plan.how, plan.stepMs);
  const total = eventsPerInterval(totalAnswers, plan.how, plan.stepMs);
  // Intervals that start at or after `toMs` have not happened yet.
  for (const t of [...total.keys()]) if (t < plan.startMs || t >= plan.toMs) total.delete(t);
  return toSeries(plan.form, numerator, total);
}

/**
 * How far before the evaluation time an SLO's SLI data must reach: its window (a calendar window
 * may be 2 days longer than its nominal length) and the longest alert window, whichever is longer.
 */
export function sliLookbackMs(window: SloWindow, windows: readonly AlertWindowSpec[] = STANDARD_ALERT_WINDOWS): number {
  const periodMs = durationMs(window.duration) + (window.kind === 'calendar' ? 2 * DAY : 0);
  return Math.max(periodMs, longestAlertWindowMs(windows));
}
