import { roundHalfAwayFromZero } from '@pt/input';
import type { PlatformService } from '../health/service.js';
import type { Health, Report, ReportSummary, ServiceReport } from './schema.js';

/** The report schema version this release writes. */
export const REPORT_SCHEMA_VERSION = 1;

/** What the summary needs of one service: plain data, so that it can cross threads. */
export interface ServiceFigures {
  readonly health: Health;
  readonly breachesSlo: boolean;
  readonly overBudget: boolean;
  readonly governanceCompliant: boolean;
  readonly monthlyCost: number;
  readonly reliabilityScore: number | null;
}

/** The figures of an evaluated service. */
export function serviceFigures(s: PlatformService): ServiceFigures {
  return {
    health: s.health,
    breachesSlo: s.breachesSlo,
    overBudget: s.cost.overBudget,
    governanceCompliant: s.governanceVerdict.status === 'compliant',
    monthlyCost: s.cost.monthlyCost,
    reliabilityScore: s.reliabilityScore,
  };
}

/**
 * Fleet-wide figures, added up one service at a time (the whole fleet need not be in memory).
 * Add services in report order: the cost total is a floating-point sum.
 */
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
    this.addFigures(serviceFigures(s));
  }

  addFigures(s: ServiceFigures): void {
    this.#total++;
    this.#counts[s.health]++;
    if (s.breachesSlo) this.#sloBreaches++;
    if (s.overBudget) this.#overBudget++;
    if (s.governanceCompliant) this.#governanceCompliant++;
    this.#totalMonthlyCost += s.monthlyCost;
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

/** A service's report with its spend by month (`costHistory`, e.g. for sparklines), when it has cost entries. */
export function withCostHistory(
  report: ServiceReport,
  entries: readonly { readonly month: string; readonly amount: number }[],
): ServiceReport {
  return {
    ...report,
    ...(entries.length > 0
      ? { costHistory: entries.map((e) => ({ month: e.month, amount: roundHalfAwayFromZero(e.amount, 2) })) }
      : {}),
  };
}
