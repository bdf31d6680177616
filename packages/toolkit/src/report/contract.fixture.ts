/**
 * Report v1 key order, written out from the report v1 contract (root README) rather than read from the
 * schema, so that tests catch a schema that drifts from it. Shared by the toolkit's tests.
 */
export const SUMMARY_KEYS = [
  'totalServices',
  'healthy',
  'degraded',
  'critical',
  'unknown',
  'sloBreaches',
  'overBudget',
  'governanceCompliant',
  'totalMonthlyCost',
  'avgReliabilityScore',
];
export const SERVICE_KEYS = [
  'name',
  'team',
  'health',
  'reliabilityScore',
  'governance',
  'monthlyCost',
  'costTrend',
  'slosMet',
  'slosTotal',
  'reasons',
];
/** A service scored on a governance scorecard carries one more key, last (issue 7). */
export const SCORED_SERVICE_KEYS = [...SERVICE_KEYS, 'scorecard'];
