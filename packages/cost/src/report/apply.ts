import type { Budget, CostConfig } from '../billing/allocation.js';
import { analyzeBilling, type BillingAnalysis } from '../billing/analyze.js';
import type { CostCube } from '../billing/cube.js';
import { minorDigits, roundPico } from '../billing/money.js';
import type { Cost } from '../schema.js';
import { TOP_COST_LINES, type BillingLine, type BillingReport } from './schema.js';

const round = (value: number, currency: string) => {
  const f = 10 ** minorDigits(currency);
  return Math.sign(value) * (Math.round(Math.abs(value) * f) / f);
};
const exact = (value: bigint, currency: string) =>
  Number(roundPico(value, minorDigits(currency))) / 10 ** minorDigits(currency);

/** What billing needs of a service: its name, team and cost section. */
export interface CostService {
  readonly name: string;
  readonly team: string;
  readonly cost?: Cost | undefined;
}

/** What billing needs of a fleet: its services and the budgets it sets (the fleet file's `budgets`). */
export interface CostFleet {
  readonly services: readonly CostService[];
  readonly budgets?:
    | {
        readonly teams?: Readonly<Record<string, Budget>> | undefined;
        readonly services?: Readonly<Record<string, Budget>> | undefined;
      }
    | undefined;
}

/** What the `billing` key is added to: report services, by name. */
export interface CostReport {
  readonly services: readonly { readonly name: string; readonly billing?: BillingReport | undefined }[];
}

/** A fleet with billing applied, and what the report adds per service. */
export interface FleetBilling<F extends CostFleet = CostFleet> {
  /** The fleet with each billed service's `cost.entries` replaced by its billing months. */
  readonly fleet: F;
  readonly analysis: BillingAnalysis;
  /** Service name → its `billing` report entry (services with billing data in their currency). */
  readonly byService: ReadonlyMap<string, BillingReport>;
}

/**
 * Applies billing data to a fleet: allocates the cube to the fleet's services (shared cost split
 * among them, other tagged names unallocated), replaces each billed service's `cost.entries`
 * with its billing months in its own currency (rounded to the minor unit; negative months are
 * 0), so that trend and over-budget follow the seed's rules, and prepares the `billing` entries.
 * Team budgets come from `config.budgets` (the fleet file's `budgets` merged in by the caller).
 */
export function applyBilling<F extends CostFleet>(fleet: F, cube: CostCube, config: CostConfig): FleetBilling<F> {
  const budgets = {
    ...config.budgets,
    teams: { ...(fleet.budgets?.teams ?? {}), ...config.budgets.teams },
    services: { ...(fleet.budgets?.services ?? {}), ...config.budgets.services },
  };
  const analysis = analyzeBilling({
    cube,
    config: { ...config, budgets },
    services: fleet.services.map((s) => ({
      name: s.name,
      team: s.team,
      ...(s.cost?.budgetMonthly === undefined ? {} : { budgetMonthly: s.cost.budgetMonthly }),
      ...(s.cost?.currency === undefined ? {} : { currency: s.cost.currency }),
    })),
  });
  const byService = new Map<string, BillingReport>();
  const services = fleet.services.map((spec) => {
    const currency = spec.cost?.currency ?? 'USD';
    const billed = analysis.services.find((b) => b.service === spec.name && b.currency === currency);
    if (billed === undefined || analysis.asOf === null) return spec;
    const f = billed.forecast;
    const thisMonth = analysis.cells.filter(
      (c) => c.service === spec.name && c.currency === currency && c.day.startsWith(f.month),
    );
    const sharedThisMonth = thisMonth.filter((c) => c.shared).reduce((a, c) => a + c.amount, 0n);
    byService.set(spec.name, {
      currency,
      month: f.month,
      asOf: analysis.asOf,
      monthToDate: exact(f.actual, currency),
      sharedMonthToDate: exact(sharedThisMonth, currency),
      forecast: {
        runRate: round(f.runRate, currency),
        linear: f.linear === null ? null : round(f.linear, currency),
        low: f.low === null ? null : round(f.low, currency),
        high: f.high === null ? null : round(f.high, currency),
      },
      trend: billed.trend,
      anomalies: billed.anomalies.map((a) => ({
        day: a.day,
        amount: round(a.amount, currency),
        median: round(a.median, currency),
        score: Math.round(a.score * 10) / 10,
      })),
      alerts: analysis.alerts
        .filter((a) => (a.scope === 'service' ? a.name === spec.name : a.name === spec.team))
        .map((a) => ({
          scope: a.scope,
          basis: a.basis,
          thresholdPct: a.thresholdPct,
          usedPct: a.usedPct,
          message: a.message,
        })),
      topLines: topLines(thisMonth, currency),
    });
    const entries = billed.months.map((m) => ({ month: m.month, amount: Math.max(0, exact(m.amount, currency)) }));
    return { ...spec, cost: { ...spec.cost, entries } };
  });
  return { fleet: { ...fleet, services }, analysis, byService };
}

/**
 * The largest cost lines of a service's month: its cells summed by ServiceName, ServiceCategory
 * and ChargeCategory (exactly, then rounded to the minor unit), largest first, ties by name.
 */
function topLines(
  cells: readonly { serviceName: string; serviceCategory: string; chargeCategory: string; amount: bigint }[],
  currency: string,
): BillingLine[] {
  const lines = new Map<
    string,
    { serviceName: string; serviceCategory: string; chargeCategory: string; sum: bigint }
  >();
  for (const c of cells) {
    const key = [c.serviceName, c.serviceCategory, c.chargeCategory].join('\u0001');
    const line = lines.get(key);
    if (line === undefined) lines.set(key, { ...c, sum: c.amount });
    else line.sum += c.amount;
  }
  return [...lines.values()]
    .sort(
      (a, b) =>
        (b.sum > a.sum ? 1 : b.sum < a.sum ? -1 : 0) ||
        a.serviceName.localeCompare(b.serviceName) ||
        a.serviceCategory.localeCompare(b.serviceCategory) ||
        a.chargeCategory.localeCompare(b.chargeCategory),
    )
    .slice(0, TOP_COST_LINES)
    .map((l) => ({
      serviceName: l.serviceName,
      serviceCategory: l.serviceCategory,
      chargeCategory: l.chargeCategory,
      amount: exact(l.sum, currency),
    }));
}

/** Adds the `billing` key to the report's services that have billing data (other keys unchanged). */
export function withBilling<R extends CostReport>(report: R, byService: ReadonlyMap<string, BillingReport>): R {
  return {
    ...report,
    services: report.services.map((s) => {
      const billing = byService.get(s.name);
      return billing === undefined ? s : { ...s, billing };
    }),
  };
}
