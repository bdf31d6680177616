export { ReliabilitySchema, type ReliabilityMetrics } from './schema.js';
export {
  CHANGE_FAILURE_RATE_TABLE,
  INCIDENTS_TABLE,
  MTTR_TABLE,
  UPTIME_TABLE,
  pointsFor,
  reliabilityScore,
  scoreBreakdown,
  type ScoreBreakdown,
  type ScoringTable,
  type Tier,
} from './score.js';

// Delivery and incident events.
export {
  ChangeEventSchema,
  DeploymentEventSchema,
  DeploymentStatusSchema,
  EventSchema,
  IncidentEventSchema,
  TimestampSchema,
  type ChangeEvent,
  type DeliveryEvent,
  type DeploymentEvent,
  type DeploymentStatus,
  type EventType,
  type IncidentEvent,
} from './events/schema.js';
export {
  CSV_COLUMNS,
  formatEventIssue,
  parseEvents,
  type EventFormat,
  type EventIssue,
  type EventParseResult,
  type ParseEventsOptions,
} from './events/parse.js';
export { formatTimestamp, parseDuration, parseTimestamp, windowEndingAt, type TimeWindow } from './events/time.js';

// DORA metrics, levels and reliability derived from events.
export {
  DAY_MS,
  DORA_2024,
  DeploymentFrequencyBucketSchema,
  DoraLevelSchema,
  MONTH_MS,
  WEEK_MS,
  frequencyBucket,
  isBelowLevel,
  levelFor,
  worstLevel,
  type DeploymentFrequencyBucket,
  type DoraLevel,
  type LevelTier,
} from './dora/levels.js';
export {
  doraByGroup,
  doraMetrics,
  incidentCauses,
  type ChangeFailureRate,
  type DeploymentFrequency,
  type DoraByGroup,
  type DoraDataNotes,
  type DoraGroup,
  type DoraMetrics,
  type LeadTime,
  type ReworkRate,
  type FailedDeploymentRecoveryTime,
  type TimeToRestore,
} from './dora/metrics.js';
export { coveredLength, median, mergeIntervals, percentile, type Interval } from './dora/stats.js';
export { deriveReliability, incidentDowntime, type DerivedReliability } from './dora/derive.js';

// `pt dora`: the report per service or team and its renderers; the report's per-service `dora` key.
export {
  DoraGroupReportSchema,
  DoraReportSchema,
  buildDoraReport,
  groupsBelow,
  type DoraFleet,
  type DoraGrouping,
  type DoraGroupReport,
  type DoraReport,
  type DoraReportOptions,
} from './dora/report.js';
export { formatHours, renderDoraJson, renderDoraMarkdown, renderDoraTable } from './dora/render.js';
export { ServiceDoraSchema, serviceDora, type ServiceDora } from './dora/service-dora.js';
export {
  DEFAULT_REPORT_TREND,
  ServiceDoraTrendSchema,
  lastPeriods,
  serviceTrend,
  trendCell,
  type ServiceDoraTrend,
} from './dora/service-trend.js';
// The fleet report's DORA section: its rows, as the table and Markdown renderers print them.
export { DORA_DETAIL_HEAD, DORA_DETAIL_TITLES, doraDetailRows } from './dora/report-rows.js';

// Importers: events from git history, forge and incident-tool exports (the CLI does the I/O).
export {
  gitEvents,
  type GitCommit,
  type GitDeployment,
  type GitServiceMap,
  type ImportResult,
  type SkippedRecord,
} from './import/git.js';
export { describeSkipped, formatEventsJsonl } from './import/jsonl.js';

// `pt dora --every week|month`: the metrics per period, and their renderers (sparklines).
export {
  DEFAULT_TREND_PERIODS,
  DoraTrendReportSchema,
  TrendEverySchema,
  addMonths,
  buildDoraTrend,
  periodsStart,
  trendPeriods,
  type DoraTrendGroup,
  type DoraTrendPeriod,
  type DoraTrendReport,
  type TrendEvery,
} from './dora/trend.js';
export {
  SPARK_GAP,
  renderDoraTrendJson,
  renderDoraTrendMarkdown,
  renderDoraTrendTable,
  sparkline,
} from './dora/trend-render.js';
export { flattenRecords, jsonDocuments, type JsonDocuments } from './import/documents.js';
export { githubEvents, type GitHubImportOptions, type SourceRecord } from './import/github.js';
export {
  OPSGENIE_DEPLOYMENT_FIELD,
  OPSGENIE_SERVICE_FIELD,
  PAGERDUTY_DEPLOYMENT_FIELD,
  fieldAt,
  opsgenieEvents,
  pagerdutyEvents,
  type IncidentImportOptions,
} from './import/incidents.js';
