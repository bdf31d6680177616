import type { CostProfile } from '@pt/cost';
import type { GovernanceResult } from '@pt/governance';
import type { SloSummary } from '@pt/slo';
import type { Health, Reason } from '../report/schema.js';

/** Points for any SLO not met. */
export const SLO_BREACH_POINTS = 2;
/** A reliability score below this adds 2 points. */
export const RELIABILITY_CRITICAL_BELOW = 50;
/** A reliability score below this (and not below the critical bound) adds 1 point. */
export const RELIABILITY_DEGRADED_BELOW = 70;
/** Failed governance checks from which 2 points (else 1 point from one failed check). */
export const GOVERNANCE_MANY_FAILURES = 3;
/** Points for being over budget. */
export const OVER_BUDGET_POINTS = 1;
/** Points from which a service is critical, and from which it is degraded. */
export const CRITICAL_FROM_POINTS = 4;
export const DEGRADED_FROM_POINTS = 2;

/** Everything the health rules read about a service. */
export interface HealthInputs {
  /** False when the service has no SLOs and no cost, reliability or governance section. */
  readonly hasData: boolean;
  readonly slos: SloSummary;
  readonly reliabilityScore: number | null;
  readonly governance: GovernanceResult;
  readonly cost: CostProfile;
}

export interface HealthAssessment {
  readonly health: Health;
  readonly points: number;
  /** At most one per domain, in the order slo, reliability, governance, cost; points add up. */
  readonly reasons: readonly Reason[];
}

const percent = (n: number) => `${n}%`;

function sloReason(slos: SloSummary): Reason | null {
  if (slos.breached.length === 0) return null;
  const list = slos.breached.map((b) => `${b.name} (${percent(b.current)} < ${percent(b.target)})`).join(', ');
  const noun = slos.breached.length === 1 ? 'SLO' : 'SLOs';
  return { domain: 'slo', points: SLO_BREACH_POINTS, message: `${noun} not met: ${list}` };
}

function reliabilityReason(score: number | null): Reason | null {
  if (score === null) return null;
  if (score < RELIABILITY_CRITICAL_BELOW) {
    return {
      domain: 'reliability',
      points: 2,
      message: `reliability score ${score} is below ${RELIABILITY_CRITICAL_BELOW}`,
    };
  }
  if (score < RELIABILITY_DEGRADED_BELOW) {
    return {
      domain: 'reliability',
      points: 1,
      message: `reliability score ${score} is below ${RELIABILITY_DEGRADED_BELOW}`,
    };
  }
  return null;
}

function governanceReason(governance: GovernanceResult): Reason | null {
  const failed = governance.failed.length;
  if (failed === 0) return null;
  const points = failed >= GOVERNANCE_MANY_FAILURES ? 2 : 1;
  const noun = failed === 1 ? 'governance check' : 'governance checks';
  const list = governance.failed.map((c) => c.message).join('; ');
  return { domain: 'governance', points, message: `${failed} ${noun} failed: ${list}` };
}

function costReason(cost: CostProfile): Reason | null {
  if (!cost.overBudget) return null;
  const month = cost.entries.at(-1)?.month ?? '';
  return {
    domain: 'cost',
    points: OVER_BUDGET_POINTS,
    message: `over budget: ${month} spend ${cost.latestCost} ${cost.currency} exceeds the monthly budget of ${cost.budgetMonthly} ${cost.currency}`,
  };
}

/** Health from points: 4 or more critical, 2 or more degraded, else healthy. */
export function healthFromPoints(points: number): Exclude<Health, 'unknown'> {
  if (points >= CRITICAL_FROM_POINTS) return 'critical';
  if (points >= DEGRADED_FROM_POINTS) return 'degraded';
  return 'healthy';
}

/** Applies the four rules. A service with no data at all is `unknown`, with no points. */
export function assessHealth(inputs: HealthInputs): HealthAssessment {
  if (!inputs.hasData) return { health: 'unknown', points: 0, reasons: [] };
  const reasons = [
    sloReason(inputs.slos),
    reliabilityReason(inputs.reliabilityScore),
    governanceReason(inputs.governance),
    costReason(inputs.cost),
  ].filter((r): r is Reason => r !== null);
  const points = reasons.reduce((sum, r) => sum + r.points, 0);
  return { health: healthFromPoints(points), points, reasons };
}
