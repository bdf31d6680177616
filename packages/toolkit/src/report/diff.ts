import * as z from 'zod';
import { HealthSchema, type Health, type Report, type ServiceReport } from './schema.js';

/** Worse is higher. `unknown` (no data) ranks between healthy and degraded: losing data is a worsening. */
export const HEALTH_RANK: Readonly<Record<Health, number>> = { healthy: 0, unknown: 1, degraded: 2, critical: 3 };
/** Worse is higher. */
export const GOVERNANCE_RANK: Readonly<Record<ServiceReport['governance'], number>> = {
  compliant: 0,
  needs_review: 1,
  non_compliant: 2,
};

/** One field of a service that differs between two reports. */
export const FieldChangeSchema = z.strictObject({
  field: z.enum([
    'team',
    'health',
    'reliabilityScore',
    'governance',
    'governanceLevel',
    'governanceScore',
    'monthlyCost',
    'costTrend',
    'slosMet',
    'reasons',
  ]),
  before: z.union([z.string(), z.number(), z.null()]),
  after: z.union([z.string(), z.number(), z.null()]),
  regression: z.boolean().describe('This change makes the service worse.'),
});
export type FieldChange = z.infer<typeof FieldChangeSchema>;

export const ServiceDiffSchema = z.strictObject({
  name: z.string(),
  team: z.string(),
  status: z.enum(['changed', 'added', 'removed']),
  health: HealthSchema.describe('Health in the new report (the old one for removed services).'),
  regression: z.boolean(),
  changes: z.array(FieldChangeSchema),
});
export type ServiceDiff = z.infer<typeof ServiceDiffSchema>;

/** What `pt diff old.json new.json --format json` prints. */
export const ReportDiffSchema = z.strictObject({
  summary: z.strictObject({
    changed: z.number().int(),
    added: z.number().int(),
    removed: z.number().int(),
    unchanged: z.number().int(),
    regressions: z.number().int().describe('Services that got worse, including new unhealthy services.'),
  }),
  services: z.array(ServiceDiffSchema),
});
export type ReportDiff = z.infer<typeof ReportDiffSchema>;

const costWorse = (before: ServiceReport, after: ServiceReport): boolean =>
  after.costTrend === 'spiking' && before.costTrend !== 'spiking';

const reasonsText = (s: ServiceReport): string =>
  s.reasons.length === 0 ? 'none' : s.reasons.map((r) => `${r.domain}+${r.points}`).join(', ');

function compare(before: ServiceReport, after: ServiceReport): FieldChange[] {
  const changes: FieldChange[] = [];
  const add = (field: FieldChange['field'], b: string | number | null, a: string | number | null, worse: boolean) => {
    if (b !== a) changes.push({ field, before: b, after: a, regression: worse });
  };
  add('team', before.team, after.team, false);
  add('health', before.health, after.health, HEALTH_RANK[after.health] > HEALTH_RANK[before.health]);
  add(
    'reliabilityScore',
    before.reliabilityScore,
    after.reliabilityScore,
    before.reliabilityScore !== null &&
      (after.reliabilityScore === null || after.reliabilityScore < before.reliabilityScore),
  );
  add(
    'governance',
    before.governance,
    after.governance,
    GOVERNANCE_RANK[after.governance] > GOVERNANCE_RANK[before.governance],
  );
  const [bs, as] = [before.scorecard, after.scorecard];
  if (bs !== undefined || as !== undefined) {
    // A level is lost when the old level is now the one to reach next, or no level is reached any more.
    const [oldLevel, newLevel] = [bs?.level ?? null, as?.level ?? null];
    const lostLevel = oldLevel !== null && (newLevel === null || as?.nextLevel === oldLevel);
    add('governanceLevel', oldLevel, newLevel, lostLevel);
    add(
      'governanceScore',
      bs?.score ?? null,
      as?.score ?? null,
      bs !== undefined && (as === undefined || as.score < bs.score),
    );
  }
  // A bill that grows is not by itself worse; going over budget is (it adds a cost reason, below).
  add('monthlyCost', before.monthlyCost, after.monthlyCost, false);
  add('costTrend', before.costTrend, after.costTrend, costWorse(before, after));
  add(
    'slosMet',
    `${before.slosMet}/${before.slosTotal}`,
    `${after.slosMet}/${after.slosTotal}`,
    after.slosTotal - after.slosMet > before.slosTotal - before.slosMet,
  );
  const points = (s: ServiceReport) => s.reasons.reduce((sum, r) => sum + r.points, 0);
  add('reasons', reasonsText(before), reasonsText(after), points(after) > points(before));
  return changes;
}

/**
 * Compares two reports service by service (matched by name): what changed, what is new, what is gone,
 * and which changes are regressions. Services keep the new report's order; removed ones come last.
 * A new service counts as a regression when it is degraded or critical.
 */
export function diffReports(before: Report, after: Report): ReportDiff {
  const old = new Map(before.services.map((s) => [s.name, s]));
  const seen = new Set<string>();
  const services: ServiceDiff[] = [];
  let unchanged = 0;
  for (const s of after.services) {
    seen.add(s.name);
    const prev = old.get(s.name);
    if (prev === undefined) {
      const regression = HEALTH_RANK[s.health] >= HEALTH_RANK.degraded;
      services.push({ name: s.name, team: s.team, status: 'added', health: s.health, regression, changes: [] });
      continue;
    }
    const changes = compare(prev, s);
    if (changes.length === 0) {
      unchanged++;
      continue;
    }
    services.push({
      name: s.name,
      team: s.team,
      status: 'changed',
      health: s.health,
      regression: changes.some((c) => c.regression),
      changes,
    });
  }
  for (const s of before.services) {
    if (!seen.has(s.name)) {
      services.push({
        name: s.name,
        team: s.team,
        status: 'removed',
        health: s.health,
        regression: false,
        changes: [],
      });
    }
  }
  const count = (status: ServiceDiff['status']) => services.filter((s) => s.status === status).length;
  return {
    summary: {
      changed: count('changed'),
      added: count('added'),
      removed: count('removed'),
      unchanged,
      regressions: services.filter((s) => s.regression).length,
    },
    services,
  };
}
