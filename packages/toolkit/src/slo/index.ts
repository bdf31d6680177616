/**
 * @pt/toolkit/slo — SLOs from OpenSLO v1 files and SLI data, re-exported from @pt/slo, which
 * owns them: evaluation for the report's `sloDetails` and the `pt slo` commands, and the
 * arithmetic of reading an SLI from Prometheus answers (the CLI does the fetching). A separate
 * entry point so that loading the facade does not load OpenSLO parsing.
 */
export { SloDetailSchema, type SloDetail, type SloDetailsByService } from '@pt/slo';
/** The one sanitizer of human-facing text, for the SLO commands' tables and server messages. */
export { printable, printableExcerpt } from '@pt/input';
export { EVALUATION_TIME_EXPECTED, parseEvaluationTime } from '@pt/input';
export {
  alertTimeline,
  burnRateAlerts,
  detectionTimeMs,
  durationMs,
  evaluateAlerts,
  evaluateBudget,
  evaluateSloSources,
  formatDurationHuman,
  formatOpenSloIssue,
  formatSliDataIssue,
  indexSeries,
  loadOpenSlo,
  parseSliData,
  parseTimestamp,
  planSliQueries,
  prometheusRules,
  renderPrometheusOperatorRule,
  renderPrometheusRules,
  resetTimeMs,
  sliLookbackMs,
  sliQueries,
  sliSeries,
  sliSeriesFromAnswers,
  sloAlertTimeline,
  sloBudgets,
  SLO_FAIL_ON,
  budgetsFailing,
  sloDetail,
  sloDetailsFromSeries,
  sloNameOfDataFile,
  type AlertsAt,
  type BudgetEvaluation,
  type EvaluateSloOptions,
  type FiringSpan,
  type OpenSloFile,
  type OpenSloIssue,
  type SliDataFile,
  type SliQueries,
  type SliQueryPlan,
  type SliSeries,
  type SloBudget,
  type SloFailOn,
  type SloDefinition,
  type SloSources,
  type SloSourcesResult,
} from '@pt/slo/openslo';
