import { DoraLevelSchema } from '@pt/reliability';
import { z } from 'zod';

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
});
export type ServiceDora = z.infer<typeof ServiceDoraSchema>;
