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
export {
  AppliesToSchema,
  ConditionSchema,
  DateSchema,
  FACT_NAME_PATTERN,
  FactValueSchema,
  FactsSchema,
  MAX_PATTERN_LENGTH,
  PATTERN_SYNTAX_PROBLEM,
  RuleIdSchema,
  RuleSchema,
  SCORECARD_API_VERSION,
  ScorecardSchema,
  WaiverSchema,
  compilePattern,
  isCalendarDate,
  patternProblem,
  type AppliesTo,
  type Condition,
  type FactValue,
  type Facts,
  type Rule,
  type Scorecard,
  type Waiver,
} from './scorecard-schema.js';
export { evaluateCondition, type ConditionResult } from './condition.js';
// Which services a scorecard scores (`appliesTo`).
export { appliesToCondition, describeAppliesTo, scorecardApplies } from './applies.js';
export {
  DEFAULT_SCORECARD,
  NO_LEVEL,
  evaluateScorecard,
  governanceFlagFacts,
  parseScorecard,
  rollUp,
  rollUpByTeam,
  waiverActive,
  type EvaluateOptions,
  type RuleOutcome,
  type ScoredService,
  type ScorecardParseResult,
  type ScorecardResult,
  type ScorecardRollup,
} from './scorecard.js';
export {
  CatalogEntitySchema,
  DOCUMENTATION_ANNOTATION,
  INCIDENT_ANNOTATIONS,
  MONITORING_ANNOTATION_PREFIXES,
  SERVICE_KINDS,
  catalogFacts,
  entityFacts,
  filterEntities,
  importServices,
  ownerName,
  parseCatalog,
  serviceNameOf,
  type CatalogEntity,
  type CatalogFilter,
  type CatalogParseResult,
  type ImportedService,
} from './catalog.js';
export { formatDocumentPath, type GovernanceIssue } from './yaml.js';

// A fleet file's service scored: its facts, its scorecard and the report's `scorecard` key.
export {
  ServiceScorecardSchema,
  hasGovernanceEvidence,
  scoreService,
  scoreServiceOnEach,
  scorecardsInEffect,
  serviceFacts,
  toServiceScorecard,
  type GovernanceOptions,
  type GovernedService,
  type ServiceScorecard,
} from './service.js';
// The governance verdict of a service from the results of every scorecard that applies to it.
export {
  describeGovernanceVerdict,
  governanceVerdict,
  type ExpiredWaiverNote,
  type GovernanceVerdict,
  type VerdictRule,
} from './verdict.js';
// The fleet report's scorecard rows (table and Markdown): failed and waived rules per service.
export { SCORECARD_DETAIL_TITLES, scorecardDetailRows } from './report-rows.js';
// `pt governance check`: fleet and team roll-ups of scored services, and their rendering.
export {
  failBelowProblem,
  governanceCheck,
  isBelowLevel,
  renderGovernanceCheck,
  type BelowLevel,
  type CheckedService,
  type FailBelowResult,
  type GovernanceCheckOptions,
  type GovernanceCheckReport,
  type ScorecardCheck,
} from './fleet-check.js';
// The report's rows of every scorecard per service (several scorecards given), for every format.
export { SCORECARD_ROWS_HEAD, SCORECARD_ROWS_TITLES, scorecardRows } from './render.js';
// `pt governance import-catalog`: a fleet file from a Backstage catalog, as YAML.
export { IMPORTED_FLEET_API_VERSION, catalogFleet, renderFleetYaml, type ImportedFleet } from './import-fleet.js';
