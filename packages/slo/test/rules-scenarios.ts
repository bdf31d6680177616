/**
 * One fixture for the rules' unit tests: per-minute good and bad event counts, read both as the
 * counters Prometheus scrapes (for `promtool test rules`) and as the SLI data `pt slo budget` and
 * `pt slo alerts` read, so the recorded ratios and the alerts can be compared with theirs.
 */
import type { SliSeries } from '../src/sli-data.js';

export const MINUTE = 60_000;

export interface Scenario {
  readonly name: string;
  /** Minutes of data: counters are sampled at minutes 0..minutes, events fall in (m, m + 1]. */
  readonly minutes: number;
  /** Events of minute `m` (the interval (m, m + 1]). */
  readonly at: (m: number) => { readonly good: number; readonly bad: number };
  /** The last minute the counters are scraped: after it, the series are gone. */
  readonly removedAt?: number;
}

/** Healthy for an hour (101 requests a minute: no ratio of the test ties a threshold), then 90 good and 10 bad a minute (10% errors). */
export const ERRORS: Scenario = {
  name: 'errors',
  minutes: 240,
  at: (m) => (m < 60 ? { good: 101, bad: 0 } : { good: 90, bad: 10 }),
};
/** Healthy for an hour (101 requests a minute), then 100 a minute, half of them fail. */
export const OUTAGE: Scenario = {
  name: 'outage',
  minutes: 240,
  at: (m) => (m < 60 ? { good: 101, bad: 0 } : { good: 50, bad: 50 }),
};
/** 100 good requests a minute, none bad. */
export const HEALTHY: Scenario = { name: 'healthy', minutes: 240, at: () => ({ good: 100, bad: 0 }) };

/** Healthy, then the series vanish after minute 120 (a renamed metric, a dead exporter). */
export const REMOVED: Scenario = { ...HEALTHY, name: 'removed', removedAt: 120 };

/** One request a minute, one of which (minute 100) fails: a quiet night's single error. */
export const LOW_TRAFFIC: Scenario = {
  name: 'low-traffic',
  minutes: 240,
  at: (m) => (m === 100 ? { good: 0, bad: 1 } : { good: 1, bad: 0 }),
};

export const SCENARIOS: readonly Scenario[] = [ERRORS, OUTAGE, HEALTHY, REMOVED, LOW_TRAFFIC];

/** Counter values at minutes 0..minutes, as promtool's `values:` string. */
export function counterValues(scenario: Scenario, part: 'good' | 'bad' | 'total'): string {
  const values = [0];
  for (let m = 0; m < (scenario.removedAt ?? scenario.minutes); m++) {
    const e = scenario.at(m);
    values.push(values[m]! + (part === 'good' ? e.good : part === 'bad' ? e.bad : e.good + e.bad));
  }
  return values.join(' ');
}

/** The same events as SLI data: one row a minute, each the interval starting at its timestamp. */
export function sliSeries(scenario: Scenario, startMs = 0): SliSeries {
  const n = scenario.removedAt ?? scenario.minutes;
  const timestamps = new Float64Array(n);
  const good = new Float64Array(n);
  const total = new Float64Array(n);
  for (let m = 0; m < n; m++) {
    const e = scenario.at(m);
    timestamps[m] = startMs + m * MINUTE;
    good[m] = e.good;
    total[m] = e.good + e.bad;
  }
  return { timestamps, good, total };
}
