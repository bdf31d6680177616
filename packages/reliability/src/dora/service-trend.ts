import { roundHalfAwayFromZero } from '@pt/input';
import * as z from 'zod';
import type { DeliveryEvent } from '../events/schema.js';
import { formatTimestamp, type TimeWindow } from '../events/time.js';
import { DoraLevelSchema } from './levels.js';
import { doraMetrics } from './metrics.js';
import { sparkline } from './trend-render.js';
import { TrendEverySchema, periodsStart, trendPeriods, type TrendEvery } from './trend.js';

const r = roundHalfAwayFromZero;

/** Periods the report's trend shows by default, and their length. */
export const DEFAULT_REPORT_TREND = { every: 'week', periods: 6 } as const satisfies {
  every: TrendEvery;
  periods: number;
};

/**
 * The `trend` of a service's report `dora` key: its DORA figures over each of the last periods
 * that end at the window's end (`null`: no data in that period).
 */
export const ServiceDoraTrendSchema = z.strictObject({
  every: TrendEverySchema,
  periods: z.array(
    z.strictObject({
      start: z.string(),
      end: z.string(),
      level: DoraLevelSchema.nullable(),
      deployments: z.number().int(),
      failed: z.number().int(),
      leadTimeHours: z.number().nullable().describe('Median, 2 decimals.'),
      changeFailureRatePct: z.number().nullable().describe('1 decimal.'),
      recoveryMinutes: z.number().nullable().describe('Failed deployment recovery time, median, 1 decimal.'),
      restoreMinutes: z.number().nullable().describe('Incident time to restore, median, 1 decimal.'),
      reworkRatePct: z.number().nullable().describe('1 decimal.'),
    }),
  ),
});
export type ServiceDoraTrend = z.infer<typeof ServiceDoraTrendSchema>;

/** The `count` whole periods of `every` that end at `end`. */
export function lastPeriods(end: number, every: TrendEvery, count: number): TimeWindow[] {
  return trendPeriods(periodsStart(end, every, count), end, every);
}

/** One service's figures per period (`causes`: deployments incidents anywhere name as their cause). */
export function serviceTrend(
  events: readonly DeliveryEvent[],
  periods: readonly TimeWindow[],
  every: TrendEvery,
  causes: ReadonlySet<string> = new Set(),
): ServiceDoraTrend {
  return {
    every,
    periods: periods.map((p) => {
      const m = doraMetrics(events, p, causes);
      return {
        start: formatTimestamp(p.start),
        end: formatTimestamp(p.end),
        level: m.level,
        deployments: m.deploymentFrequency?.deployments ?? 0,
        failed: m.changeFailureRate?.failed ?? 0,
        leadTimeHours: m.leadTime === null ? null : r(m.leadTime.medianHours, 2),
        changeFailureRatePct: m.changeFailureRate === null ? null : r(m.changeFailureRate.rate * 100, 1),
        recoveryMinutes:
          m.failedDeploymentRecoveryTime === null ? null : r(m.failedDeploymentRecoveryTime.medianMinutes, 1),
        restoreMinutes: m.timeToRestore === null ? null : r(m.timeToRestore.medianMinutes, 1),
        reworkRatePct: m.reworkRate === null ? null : r(m.reworkRate.rate * 100, 1),
      };
    }),
  };
}

const LEVEL_INITIAL = { elite: 'E', high: 'H', medium: 'M', low: 'L' } as const;

/**
 * A trend in one short cell: deployments per period as a sparkline, then the level of each
 * period by initial (E, H, M, L; `·` no data), e.g. `▁▃█▅ H H M L`.
 */
export function trendCell(trend: ServiceDoraTrend | undefined): string {
  if (trend === undefined || trend.periods.length === 0) return '-';
  const levels = trend.periods.map((p) => (p.level === null ? '·' : LEVEL_INITIAL[p.level])).join('');
  return `${sparkline(trend.periods.map((p) => p.deployments))} ${levels}`;
}
