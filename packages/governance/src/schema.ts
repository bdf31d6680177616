import * as z from 'zod';

const flag = (what: string) => z.boolean().optional().describe(`${what}; absent means false.`);

/** The governance flags of a service. */
export const GovernanceSchema = z
  .strictObject({
    runbook: flag('Has an operational runbook'),
    monitoring: flag('Has monitoring configured'),
    ownership: flag('Has a designated owner'),
    documentation: flag('Has documentation'),
    incidentResponse: flag('Has an incident response plan'),
  })
  .describe('Operational governance flags.');

export type GovernanceFlags = z.infer<typeof GovernanceSchema>;

/** Names of the five checks, in evaluation order. */
export const GovernanceCheckNameSchema = z.enum([
  'runbook',
  'monitoring',
  'ownership',
  'documentation',
  'incident_response',
]);
export type GovernanceCheckName = z.infer<typeof GovernanceCheckNameSchema>;

/** Outcome of the checks: all passed, some failed (or none ran), or three or more failed. */
export const GovernanceStatusSchema = z.enum(['compliant', 'needs_review', 'non_compliant']);
export type GovernanceStatus = z.infer<typeof GovernanceStatusSchema>;
