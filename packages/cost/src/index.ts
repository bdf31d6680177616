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

// Billing data (FOCUS): exact money, CSV splitting, allocation and the streaming aggregator.
export {
  AMOUNT_PATTERN,
  AMOUNT_SCALE,
  MAX_AMOUNT_UNITS,
  PICO_PER_UNIT,
  accumulate,
  accumulatorValue,
  amountToNumber,
  formatAmount,
  minorDigits,
  newAccumulator,
  numberToAmount,
  parseAmount,
  parseAmountInto,
  roundPico,
  toMinorUnits,
  type Accumulator,
  type ParseStatus,
  type ParsedAmount,
} from './billing/money.js';
export {
  FOCUS_COLUMNS,
  FOCUS_METRICS,
  REQUIRED_COLUMNS,
  isNullCell,
  normalizeColumnName,
  resolveColumns,
  utcDay,
  type ColumnIndex,
  type FocusColumn,
  type FocusMetric,
  type HeaderProblem,
} from './billing/focus.js';
export { CsvSplitter } from './billing/csv.js';
export {
  AllocationSchema,
  AnomalySettingsSchema,
  TagKeySchema,
  Allocator,
  BudgetSchema,
  BudgetsSchema,
  CostConfigSchema,
  PATTERN_FIELDS,
  globToRegExp,
  type Allocation,
  type AllocationInput,
  type AnomalySettings,
  type Budget,
  type Budgets,
  type CostConfig,
  type CostConfigInput,
  type PatternField,
  type Target,
} from './billing/allocation.js';
export {
  MAX_KEPT_ISSUES,
  cellKey,
  mergeCubes,
  sortCells,
  type CellTarget,
  type CostCube,
  type CubeCell,
  type CubeStats,
  type RowIssue,
} from './billing/cube.js';
export { FocusAggregator, FocusDataError, type AggregatorOptions } from './billing/aggregate.js';
export {
  GROUP_BY,
  NO_TEAM,
  UNALLOCATED,
  allocate,
  splitAmount,
  summarize,
  type AllocatedCell,
  type CostGroup,
  type CurrencySummary,
  type GroupBy,
  type SplitOptions,
} from './billing/split.js';
export {
  FORECAST_Z,
  MAX_ANOMALY_Z,
  MIN_ANOMALY_DAYS,
  billingTrend,
  budgetAlerts,
  dailySeries,
  dayRange,
  daysInMonth,
  detectAnomalies,
  forecastMonth,
  median,
  monthlyTotals,
  type Anomaly,
  type BudgetAlert,
  type DailySeries,
  type MonthForecast,
} from './billing/analysis.js';
export {
  cutCube,
  describeRange,
  inDayRange,
  parseDayRange,
  type DayRange,
  type RangeCut,
  type RangeInput,
  type RangeResult,
} from './billing/range.js';
export { allocationForTag, parseGrouping, tagKeyProblem, type Grouping } from './billing/tags.js';
export {
  FOCUS_SPEC_COLUMNS,
  FOCUS_VERSIONS,
  PRICING_COLUMNS,
  focusColumnsOf,
  inferFocusVersion,
  type FeatureLevel,
  type FocusColumnSpec,
  type FocusDataType,
  type FocusVersion,
} from './billing/focus-spec.js';
export {
  CONFORMANCE_RULES,
  FocusValidator,
  type ConformanceOptions,
  type ConformanceProblem,
  type ConformanceResult,
  type ConformanceRule,
} from './billing/validate.js';
export {
  analyzeBilling,
  checkBudgets,
  type BillingAnalysis,
  type BudgetCheck,
  type BillingInput,
  type BillingService,
  type ServiceBilling,
} from './billing/analyze.js';
export {
  cubeFromSqlRows,
  focusCubeSql,
  sqlIdentifier,
  sqlString,
  type CubeSqlInput,
  type CubeSqlRow,
} from './billing/sql.js';

// The cost configuration file (`--cost-config`), read with located problems.
export {
  defaultCostConfig,
  overrideCostConfig,
  parseCostConfig,
  type CostConfigOverrides,
  type CostConfigResult,
} from './config.js';

// The report's `billing` section: billing data applied to a fleet's services.
export {
  BillingAlertSchema,
  BillingLineSchema,
  BillingReportSchema,
  TOP_COST_LINES,
  type BillingAlert,
  type BillingLine,
  type BillingReport,
} from './report/schema.js';
export {
  applyBilling,
  withBilling,
  type CostFleet,
  type CostReport,
  type CostService,
  type FleetBilling,
} from './report/apply.js';

// Renderers: the billing section of `pt report --cost`, and `pt cost summary`.
export { renderBillingText, renderCostSummary } from './render.js';
