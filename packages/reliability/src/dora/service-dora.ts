import { roundHalfAwayFromZero } from '@pt/input';
import * as z from 'zod';
import { formatTimestamp, type TimeWindow } from '../events/time.js';
import type { DerivedReliability } from './derive.js';
import { DoraLevelSchema } from './levels.js';
import { ServiceDoraTrendSchema, type ServiceDoraTrend } from './service-trend.js';

/**
 * The `dora` key of a service in report v1, present only when its reliability came from events
 * (`pt report --events`): the window, the four derived numbers (rounded for display; the score
 * uses the exact values), their sample sizes and the service's DORA level.
 */
export const ServiceDoraSchema = z.strictObject({
  source: z.literal('events'),
  window: z.strictObject({ start: z.string(), end: z.string() }),
  uptimePct: z.number().describe('3 decimals.'),
  mttrMinutes: z.number().describe('1 decimal; 0 when no incident was resolved in the window.'),
  incidents30d: z.number().int(),
  changeFailureRatePct: z.number().describe('1 decimal; 0 when there was no deployment.'),
  deployments: z.number().int(),
  resolvedIncidents: z.number().int(),
  downtimeMinutes: z.number().describe('1 decimal; overlapping incidents counted once.'),
  level: DoraLevelSchema.nullable().describe('Worst DORA 2024 level of the classified metrics; null: no data.'),
  trend: ServiceDoraTrendSchema.optional().describe('The figures over the last periods ending at the window end.'),
});
export type ServiceDora = z.infer<typeof ServiceDoraSchema>;

/** A service's reliability derived from events over `window` (`deriveReliability`), as its report `dora` key, with its trend when given. */
export function serviceDora(derived: DerivedReliability, window: TimeWindow, trend?: ServiceDoraTrend): ServiceDora {
  const m = derived.metrics;
  return {
    source: 'events',
    window: { start: formatTimestamp(window.start), end: formatTimestamp(window.end) },
    uptimePct: roundHalfAwayFromZero(m.uptimePct, 3),
    mttrMinutes: roundHalfAwayFromZero(m.mttrMinutes, 1),
    incidents30d: m.incidents30d,
    changeFailureRatePct: roundHalfAwayFromZero(m.changeFailureRatePct, 1),
    deployments: derived.deployments,
    resolvedIncidents: derived.resolvedIncidents,
    downtimeMinutes: roundHalfAwayFromZero(derived.downtimeMinutes, 1),
    level: derived.dora.level,
    ...(trend === undefined ? {} : { trend }),
  };
}
