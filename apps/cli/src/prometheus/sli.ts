import { CliError } from '../errors.js';
import { pool, queryRange, type PrometheusOptions, type PromSeries } from './client.js';

import type { SliQueries, SliSeries } from '@pt/toolkit/slo';

/** Prometheus refuses a range query of more than 11,000 points; stay below it. */
export const MAX_POINTS_PER_QUERY = 10_000;

/** `[start, end]` (epoch ms, on the step grid) cut into inclusive ranges of at most `max` points. */
export function chunks(startMs: number, endMs: number, stepMs: number, max = MAX_POINTS_PER_QUERY): [number, number][] {
  const out: [number, number][] = [];
  for (let s = startMs; s <= endMs; s += max * stepMs) out.push([s, Math.min(s + (max - 1) * stepMs, endMs)]);
  return out;
}

/** Per-series samples of every chunk, merged by label set and sorted by time. */
function mergeSeries(answers: readonly PromSeries[][]): Map<string, [number, number][]> {
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
  answers: readonly PromSeries[][],
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
  sliSeries: (t: readonly number[], g: readonly number[], n: readonly number[]) => SliSeries,
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

export interface FetchSliOptions {
  readonly prometheus: PrometheusOptions;
  readonly fromMs: number;
  readonly toMs: number;
  readonly stepMs: number;
  /** Requests in flight at once. */
  readonly concurrency: number;
}

/** `1m`, `90s`: a PromQL range for `{{.window}}`. */
function promDuration(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000}m` : `${ms / 1000}s`;
}

/** The SLI series of one SLO from Prometheus, over `[fromMs, toMs]` on a `stepMs` grid. */
export async function fetchSliSeries(
  slo: string,
  queries: Extract<SliQueries, { ok: true }>,
  options: FetchSliOptions,
  sliSeries: (t: readonly number[], g: readonly number[], n: readonly number[]) => SliSeries,
): Promise<SliSeries> {
  if (queries.form === 'raw' || queries.total === undefined) {
    throw new CliError(
      'E_INPUT',
      `SLO ${slo}: a raw ratio SLI cannot be counted from Prometheus; use good or bad with total`,
    );
  }
  const { stepMs } = options;
  const how = queries.counter && !queries.templated ? 'counter' : 'per-interval';
  const expand = (q: string) => q.replace(/\{\{\s*\.window\s*\}\}/g, promDuration(stepMs));
  // A counter needs the sample before the first interval; an interval count the one after it.
  const start = Math.floor(options.fromMs / stepMs) * stepMs;
  const end = Math.floor(options.toMs / stepMs) * stepMs + (how === 'per-interval' ? stepMs : 0);
  const ranges = chunks(start, end, stepMs);
  const fetchAll = async (query: string) =>
    pool(
      ranges.map(
        ([s, e]) =>
          () =>
            queryRange(options.prometheus, expand(query), s, e, stepMs),
      ),
      options.concurrency,
    );
  const numerator = eventsPerInterval(await fetchAll(queries.numerator), how, stepMs);
  const total = eventsPerInterval(await fetchAll(queries.total), how, stepMs);
  // Intervals that start at or after `toMs` have not happened yet.
  for (const t of [...total.keys()]) if (t < start || t >= options.toMs) total.delete(t);
  return toSeries(queries.form, numerator, total, sliSeries);
}
