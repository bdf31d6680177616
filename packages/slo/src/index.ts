export { SloSchema, type Slo } from './schema.js';
export { budgetRemainingPct, evaluateSlo, isMet, summarizeSlos, type SloEvaluation, type SloSummary } from './slo.js';
