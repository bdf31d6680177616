import { roundHalfAwayFromZero } from '@pt/slo';
import type { PlatformService } from '../health/service.js';
import type { Report, ReportSummary } from './schema.js';

/** The report schema version this release writes. */
export const REPORT_SCHEMA_VERSION = 1;

/** Builds report v1 for services, in the order given. An empty list gives an all-zero summary. */
export function buildReport(services: readonly PlatformService[]): Report {
  const counts = { healthy: 0, degraded: 0, critical: 0, unknown: 0 };
  let sloBreaches = 0;
  let overBudget = 0;
  let governanceCompliant = 0;
  let totalMonthlyCost = 0;
  let scoreSum = 0;
  let scored = 0;
  for (const s of services) {
    counts[s.health]++;
    if (s.breachesSlo) sloBreaches++;
    if (s.cost.overBudget) overBudget++;
    if (s.governance.status === 'compliant') governanceCompliant++;
    totalMonthlyCost += s.cost.monthlyCost;
    if (s.reliabilityScore !== null) {
      scoreSum += s.reliabilityScore;
      scored++;
    }
  }
  const summary: ReportSummary = {
    totalServices: services.length,
    healthy: counts.healthy,
    degraded: counts.degraded,
    critical: counts.critical,
    unknown: counts.unknown,
    sloBreaches,
    overBudget,
    governanceCompliant,
    totalMonthlyCost: roundHalfAwayFromZero(totalMonthlyCost, 2),
    avgReliabilityScore: scored === 0 ? 0 : roundHalfAwayFromZero(scoreSum / scored, 1),
  };
  return { schemaVersion: REPORT_SCHEMA_VERSION, summary, services: services.map((s) => s.toReport()) };
}
