import type { Health, Report, ServiceReport } from './schema.js';

/** How risky a health state is, most risky highest. `unknown` (nothing measured) is a blind spot. */
const RISK_RANK: Readonly<Record<Health, number>> = { critical: 3, degraded: 2, unknown: 1, healthy: 0 };

/** How many risks the human formats show by default. */
export const DEFAULT_TOP_RISKS = 5;

/** One line per risk for text formats: what is wrong, by domain, and flags no rule scores. */
export function riskSummary(risk: Risk): string {
  const s = risk.service;
  const parts: string[] = [...new Set(s.reasons.filter((r) => r.points > 0).map((r) => r.domain))];
  if (s.costTrend === 'spiking') {
    const cost = parts.indexOf('cost');
    if (cost === -1) parts.push('cost spiking');
    else parts[cost] = 'cost (spiking)';
  }
  if (s.health === 'unknown') parts.push('nothing measured');
  return `${s.health}, ${risk.points} point${risk.points === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

/** A service worth looking at first, and why. */
export interface Risk {
  readonly service: ServiceReport;
  readonly points: number;
  /** The reasons' messages, then flags no rule scores, e.g. `cost spiking (no health points)`. */
  readonly why: readonly string[];
}

/** A service's health points: the sum of its reasons' points. */
export const pointsOf = (s: ServiceReport): number => s.reasons.reduce((sum, r) => sum + r.points, 0);

/** A service is a risk when it is not healthy, or its cost is spiking even though health is fine. */
export function isRisk(s: ServiceReport): boolean {
  // A reason worth 0 points (a ticket alert, a waived rule) is information, not a risk.
  return s.health !== 'healthy' || s.costTrend === 'spiking' || s.reasons.some((r) => r.points > 0);
}

/** What orders risks: enough of a service to rank it without the rest (the streamed report keeps only these). */
export interface RiskKey {
  readonly health: Health;
  readonly points: number;
  readonly score: number | null;
  readonly name: string;
}

/** Worst first: by health, then points (more first), then reliability score (lower first; none last), then name. */
export function riskOrder(a: RiskKey, b: RiskKey): number {
  return (
    RISK_RANK[b.health] - RISK_RANK[a.health] ||
    b.points - a.points ||
    (a.score ?? Infinity) - (b.score ?? Infinity) ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}

/**
 * The `limit` worst services: by health (critical, degraded, unknown, healthy), then points (more
 * first), then reliability score (lower first; none last), then name. A spiking cost is flagged
 * even when health is fine.
 */
export function topRisks(report: Pick<Report, 'services'>, limit: number = DEFAULT_TOP_RISKS): Risk[] {
  const candidates = report.services.filter(isRisk).map((service) => ({
    service,
    points: pointsOf(service),
    health: service.health,
    score: service.reliabilityScore,
    name: service.name,
  }));
  candidates.sort(riskOrder);
  return candidates.slice(0, Math.max(0, limit)).map(({ service, points }) => {
    const why = service.reasons.map((r) => r.message);
    if (service.costTrend === 'spiking') why.push('cost spiking: more than 20% over the previous month');
    if (service.health === 'unknown') why.push('nothing measured: no SLOs, cost, reliability or governance data');
    return { service, points, why };
  });
}
