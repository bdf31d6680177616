/**
 * `@pt/slo/openslo`: OpenSLO v1 loading, SLI data, error budgets, burn-rate alerts and
 * Prometheus rules. A second entry point so that code needing only the fleet-file SLO functions
 * (`@pt/slo`) does not load any of this.
 */
// Durations and calendar windows.
export {
  durationMs,
  formatDurationHuman,
  formatDurationShort,
  isFixedUnit,
  parseDuration,
  type Duration,
  type DurationUnit,
} from './duration.js';
export {
  calendarWindowAt,
  isValidTimeZone,
  parseWallTime,
  wallTimeAt,
  wallTimeToUtc,
  zoneOffsetMs,
  type TimeRange,
  type WallTime,
} from './calendar.js';

// OpenSLO v1.
export {
  AlertConditionSchema,
  AlertNotificationTargetSchema,
  AlertPolicySchema,
  DataSourceSchema,
  KIND_SCHEMAS,
  OPENSLO_API_VERSION,
  OPENSLO_KINDS,
  ServiceSchema,
  SliSchema,
  SloObjectSchema,
  type MetricSource,
  type OpenSloKind,
} from './openslo/schema.js';
export {
  formatOpenSloIssue,
  loadOpenSlo,
  type OpenSloCatalog,
  type OpenSloFile,
  type OpenSloIssue,
  type OpenSloLoadResult,
} from './openslo/load.js';
export type {
  AlertConditionDefinition,
  AlertPolicyDefinition,
  BudgetingMethod,
  Indicator,
  Objective,
  SloDefinition,
  SloWindow,
} from './openslo/model.js';

// SLI data and error budgets.
export {
  formatSliDataIssue,
  parseSliData,
  parseTimestamp,
  sliSeries,
  type ParseSliOptions,
  type SliDataIssue,
  type SliDataResult,
  type SliSeries,
} from './sli-data.js';
export {
  allowedDowntimeMs,
  burnRate,
  burnRateOver,
  countEvents,
  errorRatio,
  evaluateBudget,
  indexSeries,
  windowAt,
  type BudgetEvaluation,
  type BudgetInput,
  type BudgetOptions,
  type EventCounts,
  type SliIndex,
} from './budget.js';

// Burn-rate alerting.
export {
  STANDARD_ALERT_WINDOWS,
  STANDARD_PERIOD_MS,
  alertTimeline,
  burnFactor,
  burnRateAlerts,
  detectionTimeMs,
  evaluateAlerts,
  longestAlertWindowMs,
  resetTimeMs,
  type AlertEvaluation,
  type AlertOptions,
  type AlertState,
  type AlertWindowSpec,
  type AlertsAt,
  type BurnRateAlert,
  type FiringSpan,
} from './alerts.js';

// Prometheus rules.
export {
  errorRatioExpr,
  eventsExpr,
  prometheusRules,
  renderPrometheusOperatorRule,
  renderPrometheusRules,
  sliQueries,
  type AlertingRule,
  type SliQueries,
  type PrometheusRuleFile,
  type RecordingRule,
  type RuleOptions,
  type RuleResult,
} from './rules.js';

// Reading an SLI from Prometheus range answers (the fetching is the caller's).
export {
  MAX_POINTS_PER_QUERY,
  chunks,
  eventsPerInterval,
  planSliQueries,
  sliLookbackMs,
  sliSeriesFromAnswers,
  toSeries,
  type PromSamples,
  type SliQueryPlan,
  type SliRange,
} from './prometheus/samples.js';

// SLOs evaluated for the report's `sloDetails` and the `pt slo` commands.
export {
  evaluateSloSources,
  sloAlertTimeline,
  sloBudgets,
  sloDetail,
  sloDetailsFromSeries,
  sloNameOfDataFile,
  type EvaluateSloOptions,
  type SliDataFile,
  type SloBudget,
  type SloSources,
  type SloSourcesResult,
} from './report/evaluate.js';
// `pt slo budget|status --fail-on`: which objectives fail the check.
export { SLO_FAIL_ON, budgetsFailing, type SloFailOn } from './report/fail-on.js';
