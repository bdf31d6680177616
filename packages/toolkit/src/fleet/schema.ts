import { BudgetsSchema, CostSchema, duplicateMonthIndexes } from '@pt/cost';
import { FactsSchema, GovernanceSchema, WaiverSchema } from '@pt/governance';
import { ReliabilitySchema } from '@pt/reliability';
import { SloSchema } from '@pt/slo';
import { duplicateNameIndexes, refineName } from '@pt/input';
import * as z from 'zod';

/** The only `apiVersion` this release reads. */
export const FLEET_API_VERSION = 'pt/v1';
/** Service names: 1–63 characters, a lower-case letter or digit first, then `[a-z0-9._-]`. */
export const SERVICE_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,62}$/;

/** Indexes of items whose `key` repeats an earlier item's (after NFC); reads untrusted data defensively. */
function duplicateIndexes(items: unknown, key: string): number[] {
  // The refinements run even when the list itself failed to parse (`ALWAYS`): it may be anything.
  if (!Array.isArray(items)) return [];
  return duplicateNameIndexes(
    items.map((item: unknown) =>
      typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[key] : undefined,
    ),
  );
}

/** A refinement flagging repeated `name`s in a list. */
function uniqueNames(what: string) {
  return (items: readonly unknown[], ctx: z.RefinementCtx) => {
    for (const index of duplicateIndexes(items, 'name')) {
      const value = (items[index] as { name: string }).name;
      ctx.addIssue({
        code: 'custom',
        path: [index, 'name'],
        message: `duplicate ${what} "${value}"`,
        input: value,
        params: { complete: true },
      });
    }
  };
}

/** Refinements that must run even after other issues were found. */
const ALWAYS = { when: () => true };

/** One service of the fleet: who owns it and the four optional domain sections. */
export const ServiceSpecSchema = z
  .strictObject({
    name: z
      .string()
      .superRefine(refineName)
      .regex(SERVICE_NAME_PATTERN, 'must be 1-63 characters of a-z, 0-9, ".", "_" or "-", starting with a-z or 0-9')
      .describe('Unique in the fleet.'),
    team: z.string().min(1).superRefine(refineName).describe('Owning team.'),
    tier: z.number().int().min(1).max(3).optional().describe('Criticality, 1 (critical) to 3.'),
    slos: z
      .array(SloSchema)
      .superRefine(uniqueNames('SLO name'), ALWAYS)
      .optional()
      .describe('Service level objectives.'),
    cost: CostSchema.optional(),
    reliability: ReliabilitySchema.optional(),
    governance: GovernanceSchema.optional(),
    facts: FactsSchema.optional().describe('Facts for governance scorecards (strings, numbers, booleans).'),
  })
  .describe('A service and what is known about it.');

/** A fleet file, version 1. */
export const FleetSchema = z
  .strictObject({
    apiVersion: z.literal(FLEET_API_VERSION),
    kind: z.literal('Fleet'),
    services: z.array(ServiceSpecSchema).superRefine(uniqueNames('service name'), ALWAYS),
    waivers: z.array(WaiverSchema).optional().describe('Time-boxed exemptions from scorecard rules.'),
    budgets: BudgetsSchema.optional().describe('Monthly budgets by team (and service) for billing data.'),
  })
  .describe('A fleet of services (pt/v1).');

export type ServiceSpec = z.infer<typeof ServiceSpecSchema>;
export type Fleet = z.infer<typeof FleetSchema>;

const listAt = (value: unknown, key: string): readonly unknown[] => {
  const list = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return Array.isArray(list) ? list : [];
};

/**
 * Every duplicate (service names, SLO names, cost months) in a raw fleet value, with its path.
 * zod stops refining a list once an item has a type error; this scan runs regardless, so a
 * failing file reports its duplicates together with its other problems.
 */
export function findDuplicates(raw: unknown): { path: (string | number)[]; message: string }[] {
  const found: { path: (string | number)[]; message: string }[] = [];
  const services = listAt(raw, 'services');
  const name = (item: unknown) => JSON.stringify((item as { name: string }).name);
  for (const i of duplicateIndexes(services, 'name')) {
    found.push({ path: ['services', i, 'name'], message: `duplicate service name ${name(services[i])}` });
  }
  services.forEach((service, s) => {
    const slos = listAt(service, 'slos');
    for (const i of duplicateIndexes(slos, 'name')) {
      found.push({ path: ['services', s, 'slos', i, 'name'], message: `duplicate SLO name ${name(slos[i])}` });
    }
    const entries = listAt(
      typeof service === 'object' && service !== null ? (service as { cost?: unknown }).cost : undefined,
      'entries',
    );
    for (const i of duplicateMonthIndexes(entries)) {
      const month = JSON.stringify((entries[i] as { month: string }).month);
      found.push({ path: ['services', s, 'cost', 'entries', i, 'month'], message: `duplicate month ${month}` });
    }
  });
  return found;
}
