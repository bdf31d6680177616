export {
  CostEntrySchema,
  CostSchema,
  CostTrendSchema,
  DEFAULT_CURRENCY,
  duplicateMonthIndexes,
  type Cost,
  type CostEntry,
  type CostTrend,
} from './schema.js';
export {
  SPIKING_CHANGE_PCT,
  TREND_CHANGE_PCT,
  changePct,
  costProfile,
  isOverBudget,
  sortEntries,
  trendOf,
  type CostProfile,
} from './cost.js';
