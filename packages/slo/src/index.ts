export { SloSchema, type Slo } from './schema.js';
export { budgetRemainingPct, evaluateSlo, isMet, summarizeSlos, type SloEvaluation, type SloSummary } from './slo.js';

// The fleet report's SLO section: its `sloDetails` entries and how the renderers print them.
export { SloDetailSchema, type SloDetail, type SloDetailsByService } from './report/schema.js';
// A service's SLO evidence for the health verdict: fleet SLOs plus OpenSLO objectives.
export {
  breachesSlo,
  describeSloBreaches,
  describeSloPages,
  describeSloTickets,
  noNegativeZero,
  sloEvidence,
  type SloEvidence,
} from './report/evidence.js';
export { SLO_DETAIL_HEAD, SLO_DETAIL_TITLES, sloBudgetBarsHtml, sloDetailRows } from './report/render.js';
