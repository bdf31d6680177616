import { roundHalfAwayFromZero } from '@pt/slo';
import type { PlatformService } from '../health/service.js';
import type { Report, ReportSummary } from './schema.js';

/** The report schema version this release writes. */
export const REPORT_SCHEMA_VERSION = 1;

/** Fleet-wide figures, added up one service at a time (the whole fleet need not be in memory). */
export class SummaryTally {
  readonly #counts = { healthy: 0, degraded: 0, critical: 0, unknown: 0 };
  #sloBreaches = 0;
  #overBudget = 0;
  #governanceCompliant = 0;
  #totalMonthlyCost = 0;
  #scoreSum = 0;
  #scored = 0;
  #total = 0;

  add(s: PlatformService): void {
    this.#total++;
    this.#counts[s.health]++;
    if (s.breachesSlo) this.#sloBreaches++;
    if (s.cost.overBudget) this.#overBudget++;
    if (s.governance.status === 'compliant') this.#governanceCompliant++;
    this.#totalMonthlyCost += s.cost.monthlyCost;
    if (s.reliabilityScore !== null) {
      this.#scoreSum += s.reliabilityScore;
      this.#scored++;
    }
  }

  summary(): ReportSummary {
    return {
      totalServices: this.#total,
      healthy: this.#counts.healthy,
      degraded: this.#counts.degraded,
      critical: this.#counts.critical,
      unknown: this.#counts.unknown,
      sloBreaches: this.#sloBreaches,
      overBudget: this.#overBudget,
      governanceCompliant: this.#governanceCompliant,
      totalMonthlyCost: roundHalfAwayFromZero(this.#totalMonthlyCost, 2),
      avgReliabilityScore: this.#scored === 0 ? 0 : roundHalfAwayFromZero(this.#scoreSum / this.#scored, 1),
    };
  }
}

/** Builds report v1 for services, in the order given. An empty list gives an all-zero summary. */
export function buildReport(services: readonly PlatformService[]): Report {
  const tally = new SummaryTally();
  for (const s of services) tally.add(s);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    summary: tally.summary(),
    services: services.map((s) => s.toReport()),
  };
}
