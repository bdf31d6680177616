import * as z from 'zod';
import { CostTrendSchema } from '../schema.js';

/** A budget alert as a report shows it: why, on what basis, which threshold. */
export const BillingAlertSchema = z.strictObject({
  scope: z.enum(['service', 'team']),
  basis: z.enum(['actual', 'forecast']),
  thresholdPct: z.number(),
  usedPct: z.number(),
  message: z.string(),
});
export type BillingAlert = z.infer<typeof BillingAlertSchema>;

/** How many cost lines a service's billing entry lists. */
export const TOP_COST_LINES = 5;

/**
 * One cost line of a service's month: the billing rows of one FOCUS ServiceName, ServiceCategory
 * and ChargeCategory (each '' when the data leaves it empty), shares of shared cost included.
 */
export const BillingLineSchema = z.strictObject({
  serviceName: z.string(),
  serviceCategory: z.string(),
  chargeCategory: z.string(),
  amount: z.number(),
});
export type BillingLine = z.infer<typeof BillingLineSchema>;

/**
 * The `billing` key of a service in the report, present only with `--cost`: figures from
 * billing data, in the service's currency, rounded to its minor unit (exact sums underneath).
 */
export const BillingReportSchema = z.strictObject({
  currency: z.string(),
  /** YYYY-MM of the last day with data. */
  month: z.string(),
  /** Last day with data (YYYY-MM-DD). */
  asOf: z.string(),
  monthToDate: z.number(),
  /** Part of monthToDate that is a share of shared cost. */
  sharedMonthToDate: z.number(),
  forecast: z.strictObject({
    runRate: z.number(),
    linear: z.number().nullable(),
    low: z.number().nullable(),
    high: z.number().nullable(),
  }),
  trend: CostTrendSchema,
  anomalies: z.array(z.strictObject({ day: z.string(), amount: z.number(), median: z.number(), score: z.number() })),
  alerts: z.array(BillingAlertSchema),
  topLines: z
    .array(BillingLineSchema)
    .optional()
    .describe(
      `The month's largest cost lines (at most ${TOP_COST_LINES}), largest first; absent in reports written before it existed.`,
    ),
});
export type BillingReport = z.infer<typeof BillingReportSchema>;
