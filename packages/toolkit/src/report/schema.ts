import { BillingReportSchema, CostTrendSchema } from '@pt/cost';
import { GovernanceStatusSchema, ServiceScorecardSchema } from '@pt/governance';
import { ServiceDoraSchema } from '@pt/reliability';
import { SloDetailSchema } from '@pt/slo';
import { duplicateNameIndexes, refineName } from '@pt/input';
import * as z from 'zod';

/** Overall health of a service. `unknown`: the fleet file says nothing measurable about it. */
export const HealthSchema = z.enum(['healthy', 'degraded', 'critical', 'unknown']);
export type Health = z.infer<typeof HealthSchema>;

/** The domain a reason comes from. */
export const ReasonDomainSchema = z.enum(['slo', 'reliability', 'governance', 'cost']);
export type ReasonDomain = z.infer<typeof ReasonDomainSchema>;

/** One rule that fired for a service, with the points it added. */
export const ReasonSchema = z.strictObject({
  domain: ReasonDomainSchema,
  points: z.number().int().min(0).max(2).describe('0 for a reason that adds nothing, e.g. a ticket alert firing.'),
  message: z.string(),
});
export type Reason = z.infer<typeof ReasonSchema>;

/** One service in a report. */
export const ServiceReportSchema = z.strictObject({
  name: z.string().superRefine(refineName),
  team: z.string().superRefine(refineName),
  health: HealthSchema,
  reliabilityScore: z.number().nullable(),
  governance: GovernanceStatusSchema,
  monthlyCost: z.number(),
  costTrend: CostTrendSchema,
  slosMet: z.number().int(),
  slosTotal: z.number().int(),
  reasons: z.array(ReasonSchema),
  scorecard: ServiceScorecardSchema.optional().describe(
    'Governance scorecard; only for services with something to score (with several scorecards: the first that applies).',
  ),
  scorecards: z
    .array(ServiceScorecardSchema)
    .optional()
    .describe('Every scorecard that applies to the service, in the order given; only when several were given.'),
  dora: ServiceDoraSchema.optional().describe('Present only when the reliability section was derived from events.'),
  /** Present only when SLOs come from OpenSLO files and SLI data (`pt report --slo`). */
  sloDetails: z.array(SloDetailSchema).optional(),
  costHistory: z
    .array(z.strictObject({ month: z.string(), amount: z.number() }))
    .optional()
    .describe('Spend by month, oldest first, rounded to 2 decimals; only when asked for (HTML sparklines).'),
  billing: BillingReportSchema.optional().describe('Figures from billing data; only with `pt report --cost`.'),
});
export type ServiceReport = z.infer<typeof ServiceReportSchema>;

/** Fleet-wide figures. */
export const ReportSummarySchema = z.strictObject({
  totalServices: z.number().int(),
  healthy: z.number().int(),
  degraded: z.number().int(),
  critical: z.number().int(),
  unknown: z.number().int(),
  sloBreaches: z.number().int().describe('Services with at least one SLO not met.'),
  overBudget: z.number().int(),
  governanceCompliant: z.number().int(),
  totalMonthlyCost: z.number().describe('Sum of monthlyCost, rounded to 2 decimals.'),
  avgReliabilityScore: z.number().describe('Mean over services with a score, 1 decimal; 0 when none.'),
});
export type ReportSummary = z.infer<typeof ReportSummarySchema>;

/** The fleet report, version 1 (`pt report --format json`). */
export const ReportSchema = z.strictObject({
  schemaVersion: z.literal(1),
  summary: ReportSummarySchema,
  // `pt diff` matches services by name: a name twice would hide one of them.
  services: z.array(ServiceReportSchema).superRefine((services, ctx) => {
    for (const index of duplicateNameIndexes(services.map((s) => s.name))) {
      const name = services[index]?.name ?? '';
      ctx.addIssue({
        code: 'custom',
        path: [index, 'name'],
        message: `duplicate service name ${JSON.stringify(name)}`,
        input: name,
        params: { complete: true },
      });
    }
  }),
});
export type Report = z.infer<typeof ReportSchema>;
