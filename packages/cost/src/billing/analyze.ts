import type { CostConfig } from './allocation.js';
import {
  billingTrend,
  budgetAlerts,
  dailySeries,
  dayRange,
  detectAnomalies,
  forecastMonth,
  monthlyTotals,
  type Anomaly,
  type BudgetAlert,
  type DailySeries,
  type MonthForecast,
} from './analysis.js';
import type { CostCube } from './cube.js';
import { amountToNumber } from './money.js';
import { allocate, type AllocatedCell } from './split.js';
import type { CostTrend } from '../schema.js';

/** What billing analysis knows of a fleet service. */
export interface BillingService {
  readonly name: string;
  readonly team: string;
  /** Monthly budget in `currency`; 0 or absent: none. */
  readonly budgetMonthly?: number;
  /** The service's currency (its cost section's; USD by default). */
  readonly currency?: string;
}

export interface BillingInput {
  readonly cube: CostCube;
  readonly config: CostConfig;
  /** Fleet services: shared cost goes to them, other tagged names become unallocated. */
  readonly services?: readonly BillingService[];
  /** The day forecasts and budgets look from (YYYY-MM-DD); default the last day with data. */
  readonly asOf?: string;
}

/** Billing figures of one service in one currency. */
export interface ServiceBilling {
  readonly service: string;
  readonly currency: string;
  /** Exact monthly totals, oldest first. */
  readonly months: readonly { month: string; amount: bigint }[];
  /** The part of all months that is shared cost. */
  readonly shared: bigint;
  readonly forecast: MonthForecast;
  readonly trend: CostTrend;
  readonly changePct: number | null;
  readonly anomalies: readonly Anomaly[];
}

/** Everything `pt cost` and `pt report --cost` show. */
export interface BillingAnalysis {
  readonly cube: CostCube;
  readonly cells: readonly AllocatedCell[];
  /** Last day with data (or the given asOf); null without data. */
  readonly asOf: string | null;
  /** Every day from the first with data to asOf. */
  readonly days: readonly string[];
  readonly series: readonly DailySeries[];
  readonly services: readonly ServiceBilling[];
  readonly anomalies: readonly Anomaly[];
  readonly alerts: readonly BudgetAlert[];
}

/**
 * Allocates the cube (shared cost split as configured), then per service and currency: monthly
 * totals, the seed's trend, the month-end forecast, anomalies, and budget alerts per service
 * and team. Pure: `asOf` defaults to the data's last day, never to a clock.
 */
export function analyzeBilling(input: BillingInput): BillingAnalysis {
  const { cube, config } = input;
  const fleet = input.services;
  const cells = allocate(cube, {
    method: config.allocation.split,
    ...(fleet === undefined ? {} : { services: fleet.map((s) => s.name) }),
  });
  let first: string | null = null;
  let last: string | null = null;
  for (const c of cells) {
    if (first === null || c.day < first) first = c.day;
    if (last === null || c.day > last) last = c.day;
  }
  const asOf = input.asOf ?? last;
  const days = first === null || asOf === null ? [] : dayRange(first, asOf);
  const series = dailySeries(asOf === null ? cells : cells.filter((c) => c.day <= asOf));
  const anomalies = detectAnomalies(series, days, config.anomalies);
  const services: ServiceBilling[] = [];
  const alerts: BudgetAlert[] = [];
  const sharedBy = new Map<string, bigint>();
  for (const c of cells) {
    if (c.shared && c.service !== null) {
      const k = `${c.currency}\u0001${c.service}`;
      sharedBy.set(k, (sharedBy.get(k) ?? 0n) + c.amount);
    }
  }
  if (asOf !== null) {
    for (const s of series) {
      if (s.service === null) continue;
      const service = s.service;
      const trend = billingTrend(s.daily);
      services.push({
        service,
        currency: s.currency,
        months: monthlyTotals(s.daily),
        shared: sharedBy.get(`${s.currency}\u0001${service}`) ?? 0n,
        forecast: forecastMonth(s.daily, asOf),
        trend: trend.trend,
        changePct: trend.changePct,
        anomalies: anomalies.filter((a) => a.service === service && a.currency === s.currency),
      });
    }
    const thresholds = config.budgets.thresholds;
    const byName = new Map((fleet ?? []).map((f) => [f.name, f]));
    const budgeted = new Set([...Object.keys(config.budgets.services), ...(fleet ?? []).map((f) => f.name)]);
    for (const name of [...budgeted].sort()) {
      const spec = byName.get(name);
      const budget =
        config.budgets.services[name] ??
        (spec?.budgetMonthly !== undefined && spec.budgetMonthly > 0
          ? { monthly: spec.budgetMonthly, currency: spec.currency ?? 'USD' }
          : undefined);
      if (budget === undefined) continue;
      const f = forecastMonth(
        series.find((s) => s.service === name && s.currency === budget.currency)?.daily ?? new Map(),
        asOf,
      );
      alerts.push(
        ...budgetAlerts({
          scope: 'service',
          name,
          currency: budget.currency,
          month: f.month,
          budget: budget.monthly,
          actual: amountToNumber(f.actual),
          forecast: f.runRate,
          thresholds,
        }),
      );
    }
    for (const [team, budget] of Object.entries(config.budgets.teams).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const members = new Set((fleet ?? []).filter((f) => f.team === team).map((f) => f.name));
      const daily = new Map<string, bigint>();
      for (const s of series) {
        if (s.service === null || !members.has(s.service) || s.currency !== budget.currency) continue;
        for (const [day, amount] of s.daily) daily.set(day, (daily.get(day) ?? 0n) + amount);
      }
      const f = forecastMonth(daily, asOf);
      alerts.push(
        ...budgetAlerts({
          scope: 'team',
          name: team,
          currency: budget.currency,
          month: f.month,
          budget: budget.monthly,
          actual: amountToNumber(f.actual),
          forecast: f.runRate,
          thresholds,
        }),
      );
    }
  }
  return { cube, cells, asOf, days, series, services, anomalies, alerts };
}

/** What `pt cost summary --fail-on over-budget` finds: the budgets there were, and those exceeded. */
export interface BudgetCheck {
  /** Budgets set for services and teams (cost configuration, else a fleet service's `budgetMonthly`). */
  readonly budgets: number;
  /** Budgets whose month-to-date cost is over them (cost > budget, as `overBudget` in a report). */
  readonly exceeded: readonly BudgetAlert[];
}

/**
 * Checks every budget against the month-to-date cost of the month of `asOf` (default: the last
 * day with data): over budget means cost > budget, whatever the alert thresholds of the
 * configuration (those decide which alerts a report shows, not what is over budget).
 */
export function checkBudgets(input: BillingInput): BudgetCheck {
  const { budgets } = input.config;
  const fleet = input.services ?? [];
  const named = new Set([
    ...Object.keys(budgets.services),
    ...fleet.filter((s) => s.budgetMonthly !== undefined && s.budgetMonthly > 0).map((s) => s.name),
  ]);
  const analysis = analyzeBilling({
    ...input,
    config: { ...input.config, budgets: { ...budgets, thresholds: [100] } },
  });
  return {
    budgets: named.size + Object.keys(budgets.teams).length,
    exceeded: analysis.alerts.filter((a) => a.basis === 'actual' && a.amount > a.budget),
  };
}
