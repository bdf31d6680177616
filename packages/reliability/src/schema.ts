import * as z from 'zod';

/** Operational reliability figures of a service over the last 30 days. */
export const ReliabilitySchema = z
  .strictObject({
    uptimePct: z.number().min(0).max(100).describe('Uptime in percent, 0..100.'),
    mttrMinutes: z.number().min(0).describe('Mean time to restore, minutes, >= 0.'),
    incidents30d: z.number().int().min(0).describe('Incidents in the last 30 days, integer >= 0.'),
    changeFailureRatePct: z.number().min(0).max(100).describe('Share of changes that failed, percent.'),
  })
  .describe('Reliability metrics; all four fields are required when the section is present.');

export type ReliabilityMetrics = z.infer<typeof ReliabilitySchema>;
