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
