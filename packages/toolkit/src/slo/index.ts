/**
 * @pt/toolkit/slo — SLOs from OpenSLO v1 files and SLI data: evaluation for the report's
 * `sloDetails` and the `pt slo` commands, plus the @pt/slo functions the CLI needs. A separate
 * entry point so that loading the facade does not load OpenSLO parsing.
 */
export { SloDetailSchema, type SloDetail } from './schema.js';
export {
  evaluateSloSources,
  sloAlertTimeline,
  sloBudgets,
  sloDetail,
  sloNameOfDataFile,
  type EvaluateSloOptions,
  type SliDataFile,
  type SloBudget,
  type SloDetailsByService,
  type SloSources,
  type SloSourcesResult,
} from './evaluate.js';
export {
  alertTimeline,
  burnRateAlerts,
  detectionTimeMs,
  durationMs,
  evaluateAlerts,
  evaluateBudget,
  formatDurationHuman,
  formatOpenSloIssue,
  formatSliDataIssue,
  indexSeries,
  loadOpenSlo,
  parseSliData,
  parseTimestamp,
  prometheusRules,
  renderPrometheusRules,
  resetTimeMs,
  sliQueries,
  sliSeries,
  type AlertsAt,
  type BudgetEvaluation,
  type FiringSpan,
  type OpenSloFile,
  type OpenSloIssue,
  type SloDefinition,
  type SliQueries,
  type SliSeries,
} from '@pt/slo/openslo';
