export {
  GovernanceCheckNameSchema,
  GovernanceSchema,
  GovernanceStatusSchema,
  type GovernanceCheckName,
  type GovernanceFlags,
  type GovernanceStatus,
} from './schema.js';
export {
  GOVERNANCE_CHECKS,
  NON_COMPLIANT_FAILURES,
  evaluateGovernance,
  governanceStatus,
  runGovernanceChecks,
  type GovernanceCheck,
  type GovernanceResult,
} from './checks.js';
