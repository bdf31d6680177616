/**
 * @pt/toolkit — the facade over the four domain packages. It adds the fleet file (schema,
 * YAML/JSON parser with located errors), the health rules that combine the domains, the fleet
 * report and its renderers. It holds no domain rule of its own beyond that composition.
 */

// Fleet file: schema, types, parsing and validation.
export {
  FLEET_API_VERSION,
  FleetSchema,
  SERVICE_NAME_PATTERN,
  ServiceSpecSchema,
  type Fleet,
  type ServiceSpec,
} from './fleet/schema.js';
export {
  parseFleet,
  validateFleet,
  type FleetFormat,
  type FleetParseResult,
  type ParseFleetOptions,
} from './fleet/parse.js';
export { FleetJsonSplitter, type FleetJsonSink } from './fleet/json-split.js';
export { formatIssue, formatPath, type DocumentPath, type InputIssue } from '@pt/input';

// Services, health and the facade.
export { PlatformService, type ServiceOptions } from './health/service.js';
export {
  CRITICAL_FROM_POINTS,
  DEGRADED_FROM_POINTS,
  GOVERNANCE_MANY_FAILURES,
  OVER_BUDGET_POINTS,
  RELIABILITY_CRITICAL_BELOW,
  RELIABILITY_DEGRADED_BELOW,
  SLO_BREACH_POINTS,
  assessHealth,
  healthFromPoints,
  type HealthAssessment,
  type HealthInputs,
} from './health/rules.js';
export { PlatformToolkit, type ReportOptions } from './toolkit.js';

// Report v1 and its renderers.
export {
  HealthSchema,
  ReasonDomainSchema,
  ReasonSchema,
  ReportSchema,
  ReportSummarySchema,
  ServiceReportSchema,
  type Health,
  type Reason,
  type ReasonDomain,
  type Report,
  type ReportSummary,
  type ServiceReport,
} from './report/schema.js';
export {
  REPORT_SCHEMA_VERSION,
  SummaryTally,
  buildReport,
  serviceFigures,
  type ServiceFigures,
} from './report/build.js';
export {
  evaluateServiceBatch,
  reportFromFleetSource,
  type FleetSource,
  type NotStreamed,
  type ServiceBatch,
  type ServiceBatchEvaluator,
  type ServiceBatchInput,
  type ServiceBatchOptions,
  type StreamReportOptions,
  type StreamedReport,
} from './report/stream.js';
export { parseReport, type ReportParseResult } from './report/parse.js';
export {
  FieldChangeSchema,
  GOVERNANCE_RANK,
  HEALTH_RANK,
  ReportDiffSchema,
  ServiceDiffSchema,
  diffReports,
  type FieldChange,
  type ReportDiff,
  type ServiceDiff,
} from './report/diff.js';
export { renderDiffMarkdown, renderDiffText } from './render/diff.js';
export { DEFAULT_TOP_RISKS, riskSummary, topRisks, type Risk } from './report/risks.js';
export { escapeHtml, renderHtml, type HtmlOptions } from './render/html.js';
export { JSON_SCHEMA_SUBJECTS, jsonSchemaFor, type JsonSchemaSubject } from './schema/json-schema.js';
export { renderJson, renderJsonParts } from './render/json.js';
export { renderTable, type TableOptions } from './render/table.js';
export { escapeMarkdown, renderMarkdown, type MarkdownOptions } from './render/markdown.js';

// Governance scorecards, waivers and the Backstage catalog (domain logic in @pt/governance).
export {
  DEFAULT_SCORECARD,
  NO_LEVEL,
  catalogFacts,
  importServices,
  isCalendarDate,
  parseCatalog,
  parseScorecard,
  type CatalogEntity,
  type CatalogParseResult,
  type Facts,
  type GovernanceIssue,
  type Scorecard,
  type ScorecardParseResult,
  type ScorecardResult,
  type ScorecardRollup,
  type Waiver,
} from '@pt/governance';
export {
  ServiceScorecardSchema,
  scoreService,
  serviceFacts,
  toServiceScorecard,
  type GovernanceOptions,
  type ServiceScorecard,
} from './governance/scorecard.js';
export { governanceCheck, renderGovernanceCheck, type GovernanceCheck } from './governance/check.js';
export { catalogFleet, renderFleetYaml } from './governance/catalog.js';

// The report's SLO details (the evaluation itself is `@pt/toolkit/slo`, loaded only when needed).
export { SloDetailSchema, type SloDetail } from './slo/schema.js';
export type { SloDetailsByService } from './slo/evaluate.js';

// The seed's demo fleet, and errors.
export { DEMO_FLEET } from './demo.js';
export { ERROR_CODES, PtError, isPtError, type ErrorCode } from './errors.js';

// Reliability from delivery and incident events, and DORA metrics (`pt dora`, `pt report --events`).
export {
  formatEventIssue,
  formatTimestamp,
  parseDuration,
  parseEvents,
  parseTimestamp,
  windowEndingAt,
  type DeliveryEvent,
  type EventFormat,
  type EventIssue,
  type TimeWindow,
} from '@pt/reliability';
export { ServiceDoraSchema, type ServiceDora } from './reliability/schema.js';
export { toolkitWithEvents, type EventsToolkit, type UnmatchedEvents } from './reliability/apply.js';
export {
  DoraGroupReportSchema,
  DoraReportSchema,
  buildDoraReport,
  type DoraGrouping,
  type DoraGroupReport,
  type DoraReport,
  type DoraReportOptions,
} from './reliability/dora-report.js';
export { formatHours, renderDoraJson, renderDoraMarkdown, renderDoraTable } from './reliability/dora-render.js';

// Billing data (FOCUS) applied to a fleet: the `billing` report key, cost config, renderers.
export { BillingAlertSchema, BillingReportSchema, type BillingAlert, type BillingReport } from './billing/schema.js';
export { applyBilling, withBilling, type FleetBilling } from './billing/apply.js';
export { defaultCostConfig, parseCostConfig, type CostConfigResult } from './billing/config.js';
export { renderBillingText, renderCostSummary } from './billing/render.js';
export {
  FocusAggregator,
  FocusDataError,
  GROUP_BY,
  allocate,
  analyzeBilling,
  cubeFromSqlRows,
  focusCubeSql,
  formatAmount,
  mergeCubes,
  minorDigits,
  resolveColumns,
  sqlString,
  summarize,
  type AggregatorOptions,
  type BillingAnalysis,
  type CostConfig,
  type CostCube,
  type CubeSqlRow,
  type CurrencySummary,
  type GroupBy,
} from '@pt/cost';
