import { changePct, trendOf } from '../cost.js';
import type { CostTrend } from '../schema.js';
import type { AnomalySettings } from './allocation.js';
import { amountToNumber } from './money.js';
import type { AllocatedCell } from './split.js';

/** Daily cost of one service (or of unallocated cost: service null) in one currency. */
export interface DailySeries {
  readonly currency: string;
  readonly service: string | null;
  /** Day (YYYY-MM-DD) → exact pico-units. Days without rows are absent (0). */
  readonly daily: ReadonlyMap<string, bigint>;
}

/** Daily series of every (currency, service), services in name order, unallocated last. */
export function dailySeries(cells: readonly AllocatedCell[]): DailySeries[] {
  const map = new Map<string, { currency: string; service: string | null; daily: Map<string, bigint> }>();
  for (const c of cells) {
    const key = `${c.currency}\u0001${c.service ?? '\u0002'}`;
    let s = map.get(key);
    if (s === undefined) map.set(key, (s = { currency: c.currency, service: c.service, daily: new Map() }));
    s.daily.set(c.day, (s.daily.get(c.day) ?? 0n) + c.amount);
  }
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
}

/** Monthly totals of a daily series, oldest first. */
export function monthlyTotals(daily: ReadonlyMap<string, bigint>): { month: string; amount: bigint }[] {
  const months = new Map<string, bigint>();
  for (const [day, amount] of daily) months.set(day.slice(0, 7), (months.get(day.slice(0, 7)) ?? 0n) + amount);
  return [...months.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, amount]) => ({ month, amount }));
}

/** The seed's trend rule on billing months (the two latest months of the series). */
export function billingTrend(daily: ReadonlyMap<string, bigint>): { changePct: number | null; trend: CostTrend } {
  const entries = monthlyTotals(daily).map((m) => ({ month: m.month, amount: amountToNumber(m.amount) }));
  const change = changePct(entries);
  return { changePct: change, trend: trendOf(change) };
}

/** Days in the month of a YYYY-MM-DD day. */
export function daysInMonth(day: string): number {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** z of the two-sided 95% interval (normal approximation). */
export const FORECAST_Z = 1.96;

/** Month-end forecast of one series. Amounts are currency units (estimates are not money sums). */
export interface MonthForecast {
  /** YYYY-MM of `asOf`. */
  readonly month: string;
  readonly daysInMonth: number;
  /** Days 1..asOf of the month (days without cost count as 0). */
  readonly daysObserved: number;
  /** Exact cost of days 1..asOf, pico-units. */
  readonly actual: bigint;
  /** `actual / daysObserved * daysInMonth`. */
  readonly runRate: number;
  /** actual + the least-squares line of daily cost extended to month end; null with fewer than 2 days. */
  readonly linear: number | null;
  /** 95% prediction interval of `linear` (normal approximation); null with fewer than 3 days. */
  readonly low: number | null;
  readonly high: number | null;
}

/**
 * Forecasts the month of `asOf` (YYYY-MM-DD, the last day with data, passed in: no clock).
 * Linear: fit y = a + b·t on days t = 1..n, forecast = actual + Σ_{t=n+1..D} (a + b·t); the
 * variance of that sum is m·s² + s²·(m²/n + (Σ(t − t̄))²/Sxx) with m = D − n remaining days and
 * s² the residual variance (n − 2 degrees of freedom).
 */
export function forecastMonth(daily: ReadonlyMap<string, bigint>, asOf: string): MonthForecast {
  const month = asOf.slice(0, 7);
  const D = daysInMonth(asOf);
  const n = Number(asOf.slice(8, 10));
  const ys: number[] = [];
  let actual = 0n;
  for (let t = 1; t <= n; t++) {
    const amount = daily.get(`${month}-${String(t).padStart(2, '0')}`) ?? 0n;
    actual += amount;
    ys.push(amountToNumber(amount));
  }
  const actualUnits = amountToNumber(actual);
  const runRate = (actualUnits / n) * D;
  if (n < 2)
    return {
      month,
      daysInMonth: D,
      daysObserved: n,
      actual,
      runRate,
      linear: n === D ? actualUnits : null,
      low: null,
      high: null,
    };
  const tMean = (n + 1) / 2;
  const yMean = actualUnits / n;
  let sxx = 0;
  let sxy = 0;
  ys.forEach((y, i) => {
    const dt = i + 1 - tMean;
    sxx += dt * dt;
    sxy += dt * (y - yMean);
  });
  const b = sxy / sxx;
  const a = yMean - b * tMean;
  const m = D - n;
  let future = 0;
  let centred = 0;
  for (let t = n + 1; t <= D; t++) {
    future += a + b * t;
    centred += t - tMean;
  }
  const linear = actualUnits + future;
  if (n < 3) return { month, daysInMonth: D, daysObserved: n, actual, runRate, linear, low: null, high: null };
  let ssr = 0;
  ys.forEach((y, i) => {
    const r = y - (a + b * (i + 1));
    ssr += r * r;
  });
  const s2 = ssr / (n - 2);
  const variance = m * s2 + s2 * ((m * m) / n + (centred * centred) / sxx);
  const half = FORECAST_Z * Math.sqrt(variance);
  return { month, daysInMonth: D, daysObserved: n, actual, runRate, linear, low: linear - half, high: linear + half };
}

/** Every day from `first` to `last` (YYYY-MM-DD), inclusive. */
export function dayRange(first: string, last: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/** The median of numbers (sorted copy). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length === 0 ? 0 : s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** Fewest days a series needs before anomalies are looked for. */
export const MIN_ANOMALY_DAYS = 7;

/** One anomalous day of one service's cost. */
export interface Anomaly {
  readonly currency: string;
  readonly service: string | null;
  readonly day: string;
  /** Cost of the day, currency units. */
  readonly amount: number;
  /** Median daily cost of the series. */
  readonly median: number;
  /** Robust z-score (0.6745·(x − median)/MAD; with MAD 0: (x − median)/(1.2533·mean absolute deviation)). */
  readonly score: number;
  readonly direction: 'spike' | 'drop';
  /** |z| was past {@link MAX_ANOMALY_Z} (a flat or sparse series, whose spread is near 0): shown as that cap. */
  readonly capped: boolean;
  /** Days of the series with any cost (of `days`): few of them make the median and MAD near 0. */
  readonly activeDays: number;
}

/**
 * Largest |z| reported. On a sparse or almost flat series (cost on a few days, 0 on the others) the median and
 * MAD are 0 or tiny and z grows without meaning (`z 4061.4`); past this it only says "far out".
 */
export const MAX_ANOMALY_Z = 100;

/**
 * Robust z-score anomalies (Iglewicz & Hoaglin's modified z-score) on each series' daily cost
 * over `days` (missing days are 0): a day is anomalous when |z| ≥ threshold and the cost is at
 * least `minCost` away from the median (so cents do not alert).
 */
export function detectAnomalies(
  series: readonly DailySeries[],
  days: readonly string[],
  settings: AnomalySettings,
): Anomaly[] {
  const found: Anomaly[] = [];
  if (days.length < MIN_ANOMALY_DAYS) return found;
  for (const s of series) {
    const xs = days.map((d) => amountToNumber(s.daily.get(d) ?? 0n));
    const med = median(xs);
    const deviations = xs.map((x) => Math.abs(x - med));
    const mad = median(deviations);
    const meanAd = deviations.reduce((a, b) => a + b, 0) / deviations.length;
    const activeDays = xs.filter((x) => x !== 0).length;
    xs.forEach((x, i) => {
      const dev = x - med;
      if (Math.abs(dev) < settings.minCost || dev === 0) return;
      const raw =
        mad > 0
          ? (0.6745 * dev) / mad
          : meanAd > 0
            ? dev / (1.253314 * meanAd)
            : Number.POSITIVE_INFINITY * Math.sign(dev);
      if (Math.abs(raw) < settings.threshold) return;
      const capped = Math.abs(raw) > MAX_ANOMALY_Z;
      const score = capped ? MAX_ANOMALY_Z * Math.sign(raw) : raw;
      found.push({
        currency: s.currency,
        service: s.service,
        day: days[i] ?? '',
        amount: x,
        median: med,
        score,
        direction: dev > 0 ? 'spike' : 'drop',
        capped,
        activeDays,
      });
    });
  }
  return found;
}

/** A budget threshold crossed, by month-to-date cost or by forecast. */
export interface BudgetAlert {
  readonly scope: 'service' | 'team';
  readonly name: string;
  readonly currency: string;
  readonly month: string;
  /** `actual`: month-to-date cost crossed it; `forecast`: the month-end forecast will. */
  readonly basis: 'actual' | 'forecast';
  /** The highest threshold crossed, percent. */
  readonly thresholdPct: number;
  /** Cost (or forecast) as percent of the budget, 1 decimal. */
  readonly usedPct: number;
  readonly amount: number;
  readonly budget: number;
  readonly message: string;
}

const money = (units: number, currency: string) =>
  `${units.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;

/**
 * Budget alerts of one budget: the highest threshold the month-to-date cost crossed, and the
 * highest the month-end forecast crosses when that is higher. Thresholds are percent (50/80/100).
 */
export function budgetAlerts(input: {
  readonly scope: 'service' | 'team';
  readonly name: string;
  readonly currency: string;
  readonly month: string;
  readonly budget: number;
  readonly actual: number;
  readonly forecast: number;
  readonly thresholds: readonly number[];
}): BudgetAlert[] {
  const { budget } = input;
  if (!(budget > 0)) return [];
  const sorted = [...input.thresholds].sort((a, b) => b - a);
  const crossed = (amount: number) => sorted.find((t) => (amount / budget) * 100 >= t);
  const alerts: BudgetAlert[] = [];
  const make = (basis: 'actual' | 'forecast', amount: number, thresholdPct: number): BudgetAlert => {
    const usedPct = Math.round((amount / budget) * 1000) / 10;
    const what = basis === 'actual' ? `${input.month} cost so far` : `${input.month} forecast`;
    return {
      scope: input.scope,
      name: input.name,
      currency: input.currency,
      month: input.month,
      basis,
      thresholdPct,
      usedPct,
      amount,
      budget,
      message: `${input.scope} ${input.name}: ${what} ${money(amount, input.currency)} is ${usedPct}% of the ${money(budget, input.currency)} budget (≥ ${thresholdPct}%)`,
    };
  };
  const a = crossed(input.actual);
  if (a !== undefined) alerts.push(make('actual', input.actual, a));
  const f = crossed(input.forecast);
  if (f !== undefined && (a === undefined || f > a)) alerts.push(make('forecast', input.forecast, f));
  return alerts;
}
