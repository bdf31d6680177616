import type { CostProfile } from '@pt/cost';
import { describeGovernanceVerdict, type GovernanceVerdict } from '@pt/governance';
import { breachesSlo, describeSloBreaches, describeSloPages, describeSloTickets, type SloEvidence } from '@pt/slo';
import type { Health, Reason } from '../report/schema.js';

/** Points for any SLO not met. */
export const SLO_BREACH_POINTS = 2;
/** Points for a page alert firing on an objective whose budget is not exhausted (once per service). */
export const SLO_PAGE_POINTS = 1;
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
  /** False when there is no evidence of any kind (see {@link assessHealth}). */
  readonly hasData: boolean;
  readonly slos: SloEvidence;
  readonly reliabilityScore: number | null;
  readonly governance: GovernanceVerdict;
  readonly cost: CostProfile;
}

export interface HealthAssessment {
  readonly health: Health;
  readonly points: number;
  /** One per rule that fires, in the order slo (breach, page, ticket), reliability, governance, cost; points add up. */
  readonly reasons: readonly Reason[];
}

function sloReasons(slos: SloEvidence): Reason[] {
  const reasons: Reason[] = [];
  if (breachesSlo(slos)) {
    const noun = slos.breached.length + slos.exhausted.length === 1 ? 'SLO' : 'SLOs';
    reasons.push({
      domain: 'slo',
      points: SLO_BREACH_POINTS,
      message: `${noun} not met: ${describeSloBreaches(slos)}`,
    });
  }
  if (slos.paging.length > 0) {
    reasons.push({ domain: 'slo', points: SLO_PAGE_POINTS, message: describeSloPages(slos.paging) });
  }
  if (slos.ticketing.length > 0) {
    reasons.push({ domain: 'slo', points: 0, message: `ticket alert firing: ${describeSloTickets(slos.ticketing)}` });
  }
  return reasons;
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

/** The governance reason: failed non-waived rules (1 or 2 points); waived only → 0 points, listed. */
function governanceReason(governance: GovernanceVerdict): Reason | null {
  const message = describeGovernanceVerdict(governance);
  return message === null ? null : { domain: 'governance', points: governance.points, message };
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

/**
 * Applies the rules. A service with no evidence of any kind (no fleet section, no OpenSLO
 * objective with data, no events, no billing rows, no catalog facts) is `unknown`, with no points.
 */
export function assessHealth(inputs: HealthInputs): HealthAssessment {
  if (!inputs.hasData) return { health: 'unknown', points: 0, reasons: [] };
  const reasons = [
    ...sloReasons(inputs.slos),
    reliabilityReason(inputs.reliabilityScore),
    governanceReason(inputs.governance),
    costReason(inputs.cost),
  ].filter((r): r is Reason => r !== null);
  const points = reasons.reduce((sum, r) => sum + r.points, 0);
  return { health: healthFromPoints(points), points, reasons };
}
