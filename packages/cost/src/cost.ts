import { DEFAULT_CURRENCY, type Cost, type CostEntry, type CostTrend } from './schema.js';

/** Change between the two latest months, in percent, above which spend is `spiking`. */
export const SPIKING_CHANGE_PCT = 20;
/** Change above which spend is `increasing` (and below whose negative it is `decreasing`). */
export const TREND_CHANGE_PCT = 5;

/** What follows from a cost section. */
export interface CostProfile {
  readonly currency: string;
  /** 0 means no budget is set. */
  readonly budgetMonthly: number;
  /** Entries ordered by month, oldest first. */
  readonly entries: readonly CostEntry[];
  /** Spend of the latest month; 0 without entries. */
  readonly latestCost: number;
  /** Mean monthly spend; 0 without entries. */
  readonly averageCost: number;
  /** `(latest - previous) / previous * 100`; null with fewer than two entries or a previous month of 0. */
  readonly changePct: number | null;
  readonly trend: CostTrend;
  /** `latestCost > budgetMonthly > 0`. */
  readonly overBudget: boolean;
  /** The figure a report shows per service: the latest month's spend. */
  readonly monthlyCost: number;
}

/** Entries ordered by month, oldest first (months are YYYY-MM, so text order is time order). */
export function sortEntries(entries: readonly CostEntry[]): CostEntry[] {
  return [...entries].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
}

/** Percent change between the two latest months, or null when it is undefined. */
export function changePct(sorted: readonly CostEntry[]): number | null {
  const latest = sorted.at(-1);
  const previous = sorted.at(-2);
  if (latest === undefined || previous === undefined || previous.amount === 0) return null;
  return ((latest.amount - previous.amount) / previous.amount) * 100;
}

/** Classifies a change: `> 20` spiking, `> 5` increasing, `< -5` decreasing, else stable. */
export function trendOf(change: number | null): CostTrend {
  if (change === null) return 'stable';
  if (change > SPIKING_CHANGE_PCT) return 'spiking';
  if (change > TREND_CHANGE_PCT) return 'increasing';
  if (change < -TREND_CHANGE_PCT) return 'decreasing';
  return 'stable';
}

/** Over budget only when a budget is set: `latest > budget > 0`. */
export function isOverBudget(latestCost: number, budgetMonthly: number): boolean {
  return latestCost > budgetMonthly && budgetMonthly > 0;
}

/** Builds the cost profile of a cost section (absent section: no spend, no budget). */
export function costProfile(cost: Cost | undefined): CostProfile {
  const entries = sortEntries(cost?.entries ?? []);
  const budgetMonthly = cost?.budgetMonthly ?? 0;
  const latestCost = entries.at(-1)?.amount ?? 0;
  let total = 0;
  for (const entry of entries) total += entry.amount;
  const averageCost = entries.length === 0 ? 0 : total / entries.length;
  const change = changePct(entries);
  return {
    currency: cost?.currency ?? DEFAULT_CURRENCY,
    budgetMonthly,
    entries,
    latestCost,
    averageCost,
    changePct: change,
    trend: trendOf(change),
    overBudget: isOverBudget(latestCost, budgetMonthly),
    monthlyCost: latestCost,
  };
}
