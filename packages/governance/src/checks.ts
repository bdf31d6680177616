import type { GovernanceCheckName, GovernanceFlags, GovernanceStatus } from './schema.js';

/** One check's outcome. `message` is empty when it passed. */
export interface GovernanceCheck {
  readonly name: GovernanceCheckName;
  readonly passed: boolean;
  readonly message: string;
}

interface CheckDefinition {
  readonly name: GovernanceCheckName;
  readonly flag: keyof GovernanceFlags;
  readonly failure: (service: string) => string;
}

/** The five checks, in order, with the flag each reads and its failure message. */
export const GOVERNANCE_CHECKS: readonly CheckDefinition[] = [
  { name: 'runbook', flag: 'runbook', failure: (s) => `${s} missing operational runbook` },
  { name: 'monitoring', flag: 'monitoring', failure: (s) => `${s} missing monitoring configuration` },
  { name: 'ownership', flag: 'ownership', failure: (s) => `${s} has no designated owner` },
  { name: 'documentation', flag: 'documentation', failure: (s) => `${s} lacks documentation` },
  { name: 'incident_response', flag: 'incidentResponse', failure: (s) => `${s} has no incident response plan` },
];

/** Failed checks from which a service is `non_compliant`. */
export const NON_COMPLIANT_FAILURES = 3;

/** Runs the five checks for a service; an absent flag fails its check. */
export function runGovernanceChecks(service: string, flags: GovernanceFlags): GovernanceCheck[] {
  return GOVERNANCE_CHECKS.map(({ name, flag, failure }) => {
    const passed = flags[flag] === true;
    return { name, passed, message: passed ? '' : failure(service) };
  });
}

/**
 * Status from the checks: none ran → `needs_review`; none failed → `compliant`;
 * 1–2 failed → `needs_review`; 3 or more → `non_compliant`.
 */
export function governanceStatus(checks: readonly GovernanceCheck[]): GovernanceStatus {
  if (checks.length === 0) return 'needs_review';
  const failed = checks.filter((c) => !c.passed).length;
  if (failed === 0) return 'compliant';
  if (failed >= NON_COMPLIANT_FAILURES) return 'non_compliant';
  return 'needs_review';
}

/** Governance of one service. */
export interface GovernanceResult {
  readonly checks: readonly GovernanceCheck[];
  readonly failed: readonly GovernanceCheck[];
  readonly status: GovernanceStatus;
}

/** Evaluates a service's governance section; an absent section runs no checks. */
export function evaluateGovernance(service: string, flags: GovernanceFlags | undefined): GovernanceResult {
  const checks = flags === undefined ? [] : runGovernanceChecks(service, flags);
  return { checks, failed: checks.filter((c) => !c.passed), status: governanceStatus(checks) };
}
