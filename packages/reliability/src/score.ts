import type { ReliabilityMetrics } from './schema.js';

/** One tier of a scoring table: a metric value that reaches `bound` earns `points`. */
export interface Tier {
  readonly bound: number;
  readonly points: number;
}

/** A scoring table: tiers tried in order; the first one the value reaches wins, else `fallback`. */
export interface ScoringTable {
  /** `atLeast`: higher is better (value >= bound); `atMost`: lower is better (value <= bound). */
  readonly direction: 'atLeast' | 'atMost';
  readonly tiers: readonly Tier[];
  readonly fallback: number;
}

/** Uptime, 40 points at most. */
export const UPTIME_TABLE: ScoringTable = {
  direction: 'atLeast',
  tiers: [
    { bound: 99.99, points: 40 },
    { bound: 99.9, points: 35 },
    { bound: 99.5, points: 25 },
    { bound: 99.0, points: 15 },
  ],
  fallback: 5,
};

/** Mean time to restore in minutes, 25 points at most. */
export const MTTR_TABLE: ScoringTable = {
  direction: 'atMost',
  tiers: [
    { bound: 5, points: 25 },
    { bound: 15, points: 20 },
    { bound: 30, points: 15 },
    { bound: 60, points: 10 },
  ],
  fallback: 5,
};

/** Incidents in 30 days, 20 points at most. */
export const INCIDENTS_TABLE: ScoringTable = {
  direction: 'atMost',
  tiers: [
    { bound: 0, points: 20 },
    { bound: 2, points: 15 },
    { bound: 5, points: 10 },
  ],
  fallback: 5,
};

/** Change failure rate in percent, 15 points at most. */
export const CHANGE_FAILURE_RATE_TABLE: ScoringTable = {
  direction: 'atMost',
  tiers: [
    { bound: 5, points: 15 },
    { bound: 15, points: 10 },
    { bound: 30, points: 5 },
  ],
  fallback: 0,
};

/** Points a value earns in a table. */
export function pointsFor(table: ScoringTable, value: number): number {
  for (const tier of table.tiers) {
    const reached = table.direction === 'atLeast' ? value >= tier.bound : value <= tier.bound;
    if (reached) return tier.points;
  }
  return table.fallback;
}

/** The score split by metric; `total` is their sum, 0..100. */
export interface ScoreBreakdown {
  readonly uptime: number;
  readonly mttr: number;
  readonly incidents: number;
  readonly changeFailureRate: number;
  readonly total: number;
}

/** Scores each metric and adds them up. */
export function scoreBreakdown(metrics: ReliabilityMetrics): ScoreBreakdown {
  const uptime = pointsFor(UPTIME_TABLE, metrics.uptimePct);
  const mttr = pointsFor(MTTR_TABLE, metrics.mttrMinutes);
  const incidents = pointsFor(INCIDENTS_TABLE, metrics.incidents30d);
  const changeFailureRate = pointsFor(CHANGE_FAILURE_RATE_TABLE, metrics.changeFailureRatePct);
  return { uptime, mttr, incidents, changeFailureRate, total: uptime + mttr + incidents + changeFailureRate };
}

/**
 * The weighted 0..100 reliability score: uptime 40, MTTR 25, incidents 20, change failure rate 15.
 *
 * @example reliabilityScore({ uptimePct: 99.95, mttrMinutes: 8, incidents30d: 1, changeFailureRatePct: 5 }) // 85
 */
export function reliabilityScore(metrics: ReliabilityMetrics): number {
  return scoreBreakdown(metrics).total;
}
