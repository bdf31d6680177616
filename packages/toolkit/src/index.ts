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
/** The one sanitizer of human-facing text (controls, bidi and zero-width characters escaped). */
export { printable } from '@pt/input';
/** The one check of names used as keys (look-alikes refused), and the wording of a value. */
export { describeValue, nameProblem } from '@pt/input';
// The one `--at` of every command: a date, an ISO 8601 time with an offset, or epoch seconds.
export { EVALUATION_TIME_EXPECTED, parseEvaluationTime } from '@pt/input';
// Reading any other YAML or JSON input the same way (the CLI's project config file): loaders, schema wording, locating.
export { loadJson, loadYaml, locateInJson, locateInYaml, locatedIssues, messagesOf } from '@pt/input';

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
export { PlatformToolkit, type ReportOptions, type ToolkitOptions } from './toolkit.js';

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
export {
  escapeHtml,
  HtmlPageWriter,
  htmlBatchParts,
  htmlPartsOf,
  htmlServiceParts,
  renderHtml,
  type HtmlChunks,
  type HtmlOptions,
  type HtmlBatchParts,
  type HtmlPageEnd,
  type HtmlServiceParts,
} from './render/html.js';
// Report history: the rows a report gives to the store, transitions and trends read back (`pt history`).
export {
  byRun,
  groupByService,
  healthTransitions,
  historyRecord,
  historyView,
  nearestRun,
  renderHistoryJson,
  renderHistoryMarkdown,
  renderHistoryTable,
  reportFromHistory,
  serviceRow,
  serviceTrends,
  rangeSparkline,
  sinceMs,
  transitionLine,
  type HistoryView,
  type ReasonRow,
  type RunInfo,
  type RunMeta,
  type RunRecord,
  type ServicePoint,
  type ServiceRow,
  type ServiceTrend,
  type SummaryPoint,
  type Transition,
} from './history/history.js';

export { JSON_SCHEMA_SUBJECTS, jsonSchemaFor, type JsonSchemaSubject } from './schema/json-schema.js';
export { renderJson, renderJsonParts } from './render/json.js';
export { renderTable, type TableOptions } from './render/table.js';
export { escapeMarkdown, renderMarkdown, type MarkdownOptions } from './render/markdown.js';
export {
  StreamedTextReport,
  memorySpool,
  servicePieces,
  textBatch,
  type ServicePieces,
  type TextBatch,
  type TextRenderOptions,
  type TextSpool,
  type TextSpools,
} from './render/stream-text.js';

// Governance scorecards, waivers, the Backstage catalog, `pt governance check` and `import-catalog` (all in @pt/governance).
export {
  DEFAULT_SCORECARD,
  NO_LEVEL,
  ServiceScorecardSchema,
  catalogFacts,
  catalogFleet,
  describeAppliesTo,
  failBelowProblem,
  filterEntities,
  governanceCheck,
  importServices,
  isCalendarDate,
  parseCatalog,
  parseScorecard,
  renderFleetYaml,
  renderGovernanceCheck,
  scoreService,
  scoreServiceOnEach,
  scorecardApplies,
  serviceFacts,
  toServiceScorecard,
  type CatalogEntity,
  type CatalogFilter,
  type CatalogParseResult,
  type FailBelowResult,
  type Facts,
  type GovernanceCheckReport as GovernanceCheck,
  type GovernanceIssue,
  type GovernanceOptions,
  type Scorecard,
  type ScorecardParseResult,
  type ScorecardCheck,
  type ScorecardResult,
  type ScorecardRollup,
  type ServiceScorecard,
  type Waiver,
} from '@pt/governance';

// The report's SLO details, owned by @pt/slo (the evaluation is `@pt/toolkit/slo`, loaded only when needed).
export { SloDetailSchema, type SloDetail, type SloDetailsByService } from '@pt/slo';

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
export {
  DoraGroupReportSchema,
  DoraReportSchema,
  ServiceDoraSchema,
  buildDoraReport,
  DoraLevelSchema,
  groupsBelow,
  formatHours,
  renderDoraJson,
  renderDoraMarkdown,
  renderDoraTable,
  type DoraGrouping,
  type DoraGroupReport,
  type DoraLevel,
  type DoraReport,
  type DoraReportOptions,
  type ServiceDora,
} from '@pt/reliability';
// `pt dora --every week|month`: the metrics per period.
export {
  DEFAULT_TREND_PERIODS,
  DoraTrendReportSchema,
  buildDoraTrend,
  periodsStart,
  renderDoraTrendJson,
  renderDoraTrendMarkdown,
  renderDoraTrendTable,
  sparkline,
  trendPeriods,
  type DoraTrendReport,
  type TrendEvery,
} from '@pt/reliability';
// `pt dora import`: events from git history (the CLI runs git), GitHub, PagerDuty and Opsgenie JSON.
export {
  describeSkipped,
  formatEventsJsonl,
  flattenRecords,
  gitEvents,
  githubEvents,
  jsonDocuments,
  opsgenieEvents,
  pagerdutyEvents,
  OPSGENIE_DEPLOYMENT_FIELD,
  OPSGENIE_SERVICE_FIELD,
  PAGERDUTY_DEPLOYMENT_FIELD,
  type GitHubImportOptions,
  type IncidentImportOptions,
  type SourceRecord,
  type GitCommit,
  type GitDeployment,
  type GitServiceMap,
  type SkippedRecord,
} from '@pt/reliability';
export { DEFAULT_REPORT_TREND, ServiceDoraTrendSchema, trendCell, type ServiceDoraTrend } from '@pt/reliability';
export {
  toolkitWithEvents,
  type EventsToolkit,
  type EventsTrend,
  type UnmatchedEvents,
} from './reliability/apply.js';

// Billing data (FOCUS) applied to a fleet: the `billing` report key, cost config, renderers
// (all in @pt/cost; the cost configuration's JSON is read with the fleet's loader).
export {
  BillingAlertSchema,
  BillingReportSchema,
  CONFORMANCE_RULES,
  FOCUS_VERSIONS,
  FocusAggregator,
  FocusDataError,
  FocusValidator,
  GROUP_BY,
  MAX_ANOMALY_Z,
  allocationForTag,
  cutCube,
  describeRange,
  parseDayRange,
  parseGrouping,
  tagKeyProblem,
  allocate,
  analyzeBilling,
  checkBudgets,
  parseCostConfig,
  applyBilling,
  cubeFromSqlRows,
  defaultCostConfig,
  focusCubeSql,
  formatAmount,
  mergeCubes,
  minorDigits,
  overrideCostConfig,
  renderBillingText,
  renderCostSummary,
  resolveColumns,
  sqlString,
  summarize,
  withBilling,
  type AggregatorOptions,
  type BillingAlert,
  type BillingAnalysis,
  type BillingReport,
  type BudgetCheck,
  type CostConfig,
  type CostConfigOverrides,
  type ConformanceProblem,
  type ConformanceResult,
  type ConformanceRule,
  type CostConfigResult,
  type CostCube,
  type CubeSqlRow,
  type CurrencySummary,
  type DayRange,
  type FleetBilling,
  type FocusVersion,
  type GroupBy,
  type Grouping,
  type RangeCut,
} from '@pt/cost';
