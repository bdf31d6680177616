import * as z from 'zod';

const alertState = z.enum(['firing', 'ok', 'insufficient_data']);

/**
 * One objective of an OpenSLO SLO evaluated over SLI data (the report's optional `sloDetails`).
 * Percentages are rounded (SLI 4 decimals, budget 1, burn rates 2); null means undefined (no data).
 */
export const SloDetailSchema = z.strictObject({
  slo: z.string().describe('OpenSLO metadata.name; "#n" appended when the SLO has several objectives.'),
  target: z.number().describe('Objective in percent, e.g. 99.9.'),
  budgetingMethod: z.enum(['Occurrences', 'Timeslices', 'RatioTimeslices']),
  window: z.string().describe('e.g. "30d rolling" or "1M calendar (Europe/Paris)".'),
  windowStart: z.string().describe('ISO 8601, UTC.'),
  windowEnd: z.string().describe('ISO 8601, UTC (exclusive).'),
  at: z.string().describe('Evaluation time, ISO 8601, UTC.'),
  status: z.enum(['ok', 'exhausted', 'no_data']),
  sli: z.number().nullable().describe('Attainment so far in percent, 4 decimals.'),
  budgetRemainingPct: z.number().describe('Share of the error budget left, 1 decimal; negative once overspent.'),
  burnRate: z.number().nullable().describe('Burn rate over the window so far.'),
  currentBurnRate: z.number().nullable().describe('Burn rate over the last hour.'),
  timeToExhaustion: z.string().nullable().describe('At the current burn rate, e.g. "2d3h"; null: not at this rate.'),
  page: alertState,
  ticket: alertState,
  pageBurnFactor: z
    .number()
    .optional()
    .describe('While the page alert fires: the burn-rate factor of the fastest page window firing (e.g. 14.4).'),
  source: z
    .string()
    .optional()
    .describe('Where the SLI came from: the SLI data file, or "Prometheus"; absent without data.'),
});
export type SloDetail = z.infer<typeof SloDetailSchema>;

/** SLO details per fleet service name (OpenSLO `spec.service`), in file order. */
export type SloDetailsByService = ReadonlyMap<string, readonly SloDetail[]>;
