import { roundHalfAwayFromZero } from '@pt/input';
import * as z from 'zod';
import type { DeliveryEvent } from '../events/schema.js';
import { formatTimestamp, type TimeWindow } from '../events/time.js';
import { DAY_MS, WEEK_MS } from './levels.js';
import { DoraGroupReportSchema, DoraReportSchema, buildDoraReport, type DoraReportOptions } from './report.js';

/** How long one period of a trend is: 7 days, or one calendar month (UTC). */
export const TrendEverySchema = z.enum(['week', 'month']);
export type TrendEvery = z.infer<typeof TrendEverySchema>;

/** Periods a trend has when only its end is given. */
export const DEFAULT_TREND_PERIODS = 12;

/** The same instant `months` calendar months later (UTC); a day past the month's end is its last day. */
export function addMonths(time: number, months: number): number {
  const d = new Date(time);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(
    year,
    month,
    Math.min(d.getUTCDate(), last),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

const step = (time: number, every: TrendEvery, n: number) =>
  every === 'week' ? time + n * WEEK_MS : addMonths(time, n);

/**
 * `[from, to)` cut into periods of `every`, starting at `from`: weeks of 7 days, or calendar
 * months (UTC) on `from`'s day of the month. The last period ends at `to`, shorter when `to` is
 * not a whole number of periods after `from`. Empty when `to <= from`.
 */
export function trendPeriods(from: number, to: number, every: TrendEvery): TimeWindow[] {
  const periods: TimeWindow[] = [];
  for (let i = 0, start = from; start < to; i++) {
    const end = Math.min(step(from, every, i + 1), to);
    periods.push({ start, end });
    start = end;
  }
  return periods;
}

/** The start of the `count` whole periods of `every` that end at `end`. */
export function periodsStart(end: number, every: TrendEvery, count: number): number {
  return step(end, every, -count);
}

const PeriodSchema = DoraGroupReportSchema.omit({ name: true, events: true }).extend({
  start: z.string(),
  end: z.string(),
});
/** One period of a group's trend: the figures of `pt dora` over `[start, end)`. */
export type DoraTrendPeriod = z.infer<typeof PeriodSchema>;

/** `pt dora --every week|month --format json`: per group, the whole window and each period. */
export const DoraTrendReportSchema = z.strictObject({
  schemaVersion: z.literal(1),
  every: TrendEverySchema,
  window: DoraReportSchema.shape.window,
  by: DoraReportSchema.shape.by,
  periods: z.array(z.strictObject({ start: z.string(), end: z.string(), days: z.number() })),
  groups: z.array(
    z.strictObject({
      name: z.string(),
      events: z.number().int(),
      whole: DoraGroupReportSchema.omit({ name: true, events: true }).describe('The whole window at once.'),
      periods: z.array(PeriodSchema).describe('One entry per period, in time order.'),
    }),
  ),
  ungrouped: DoraReportSchema.shape.ungrouped,
});
export type DoraTrendReport = z.infer<typeof DoraTrendReportSchema>;
export type DoraTrendGroup = DoraTrendReport['groups'][number];

/**
 * DORA metrics per group over each period and over the whole of them (`pt dora --every`). Every
 * group of the events has an entry in every period (with "no data" where the period has none), so
 * counts that partition by time — deployments, failed deployments, shipped changes, unplanned
 * deployments, incidents started — add up over the periods to the whole window's.
 */
export function buildDoraTrend(
  events: readonly DeliveryEvent[],
  periods: readonly TimeWindow[],
  every: TrendEvery,
  options: DoraReportOptions = {},
): DoraTrendReport {
  const first = periods[0];
  const last = periods[periods.length - 1];
  if (first === undefined || last === undefined) throw new RangeError('a trend needs at least one period');
  const whole = buildDoraReport(events, { start: first.start, end: last.end }, options);
  const perPeriod = periods.map((p) => new Map(buildDoraReport(events, p, options).groups.map((g) => [g.name, g])));
  return {
    schemaVersion: 1,
    every,
    window: whole.window,
    by: whole.by,
    periods: periods.map((p) => ({
      start: formatTimestamp(p.start),
      end: formatTimestamp(p.end),
      days: roundHalfAwayFromZero((p.end - p.start) / DAY_MS, 3),
    })),
    groups: whole.groups.map(({ name, events: count, ...figures }) => ({
      name,
      events: count,
      whole: figures,
      periods: periods.map((p, i) => {
        const g = perPeriod[i]?.get(name);
        if (g === undefined) throw new Error(`group ${name} missing from a period`); // doraByGroup groups all events
        const { name: _name, events: _events, ...rest } = g;
        return { start: formatTimestamp(p.start), end: formatTimestamp(p.end), ...rest };
      }),
    })),
    ungrouped: whole.ungrouped,
  };
}
