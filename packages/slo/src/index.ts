export { SloSchema, type Slo } from './schema.js';
export { budgetRemainingPct, evaluateSlo, isMet, summarizeSlos, type SloEvaluation, type SloSummary } from './slo.js';

// The fleet report's SLO section: its `sloDetails` entries and how the renderers print them.
export { SloDetailSchema, type SloDetail, type SloDetailsByService } from './report/schema.js';
export { SLO_DETAIL_HEAD, sloBudgetBarsHtml, sloDetailRows } from './report/render.js';
