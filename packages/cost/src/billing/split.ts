import type { CostCube, CubeCell } from './cube.js';

/** A cube cell after allocation: shared cost now belongs to services. */
export interface AllocatedCell {
  readonly currency: string;
  /** The service, or null for unallocated cost (and for shared cost with no service to take it). */
  readonly service: string | null;
  readonly day: string;
  readonly serviceCategory: string;
  readonly chargeCategory: string;
  readonly serviceName: string;
  /** Exact amount in pico-units. */
  readonly amount: bigint;
  /** True when this amount is a share of shared cost. */
  readonly shared: boolean;
}

/**
 * Splits `amount` into integer parts by `weights` (largest remainder: the parts add up to
 * `amount` exactly; ties go to the earlier weight). All weights 0 → even split.
 */
export function splitAmount(amount: bigint, weights: readonly bigint[]): bigint[] {
  const n = weights.length;
  if (n === 0) return [];
  const w = weights.map((x) => (x > 0n ? x : 0n));
  let total = w.reduce((a, b) => a + b, 0n);
  if (total === 0n) {
    w.fill(1n);
    total = BigInt(n);
  }
  const magnitude = amount < 0n ? -amount : amount;
  const parts = w.map((x) => (magnitude * x) / total);
  let rest = magnitude - parts.reduce((a, b) => a + b, 0n);
  const order = w
    .map((x, i) => ({ i, r: (magnitude * x) % total }))
    .sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of order) {
    if (rest === 0n) break;
    parts[i] = (parts[i] ?? 0n) + 1n;
    rest--;
  }
  return amount < 0n ? parts.map((p) => -p) : parts;
}

export interface SplitOptions {
  readonly method: 'proportional' | 'even';
  /**
   * The services that take shared cost (e.g. the fleet's). Default: the services with direct
   * cost in the same currency anywhere in the cube. When given, cost tagged for a service not
   * in this list is unallocated (it cannot be charged to anyone we know).
   */
  readonly services?: readonly string[];
}

/**
 * Allocates a cube: service cells stay, unallocated cells stay unallocated, and each shared
 * cell is split across services — by their direct cost in the same currency on the same day
 * (`proportional`; negative direct cost counts as 0; none at all → even) or evenly. The split is
 * exact to the pico-unit, so totals are conserved.
 */
export function allocate(cube: CostCube, options: SplitOptions): AllocatedCell[] {
  const direct = new Map<string, Map<string, bigint>>(); // currency|day → service → amount
  const servicesByCurrency = new Map<string, Set<string>>();
  const out: AllocatedCell[] = [];
  const known = options.services === undefined ? undefined : new Set(options.services);
  for (const c of cube.cells) {
    if (c.target === 'shared') continue;
    const service = c.service !== null && known !== undefined && !known.has(c.service) ? null : c.service;
    out.push({ ...base(c), service, amount: c.amount, shared: false });
    if (service === null) continue;
    const key = `${c.currency}|${c.day}`;
    let m = direct.get(key);
    if (m === undefined) direct.set(key, (m = new Map<string, bigint>()));
    m.set(service, (m.get(service) ?? 0n) + c.amount);
    let s = servicesByCurrency.get(c.currency);
    if (s === undefined) servicesByCurrency.set(c.currency, (s = new Set()));
    s.add(service);
  }
  const takersOf = new Map<string, string[]>();
  for (const c of cube.cells) {
    if (c.target !== 'shared') continue;
    let takers = takersOf.get(c.currency);
    if (takers === undefined) {
      takers = [...(options.services ?? servicesByCurrency.get(c.currency) ?? [])].sort();
      takersOf.set(c.currency, takers);
    }
    if (takers.length === 0) {
      out.push({ ...base(c), service: null, amount: c.amount, shared: true });
      continue;
    }
    const day = direct.get(`${c.currency}|${c.day}`);
    const weights = takers.map((s) => (options.method === 'even' ? 1n : (day?.get(s) ?? 0n)));
    const parts = splitAmount(c.amount, weights);
    takers.forEach((service, i) => {
      const amount = parts[i] ?? 0n;
      if (amount !== 0n) out.push({ ...base(c), service, amount, shared: true });
    });
  }
  return out;
}

function base(c: CubeCell) {
  return {
    currency: c.currency,
    day: c.day,
    serviceCategory: c.serviceCategory,
    chargeCategory: c.chargeCategory,
    serviceName: c.serviceName,
  };
}

/** What to group allocated cost by. */
export const GROUP_BY = ['service', 'team', 'month', 'day', 'category', 'charge-category', 'service-name'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/** Label of cost that no rule allocated, in groupings by service or team. */
export const UNALLOCATED = '(unallocated)';
/** Label of a service with no team, in groupings by team. */
export const NO_TEAM = '(no team)';

/** One line of a cost summary. */
export interface CostGroup {
  readonly key: string;
  /** Exact total in pico-units. */
  readonly amount: bigint;
  /** The part of `amount` that is shared cost. */
  readonly shared: bigint;
}

/** The cost of one currency, grouped. Never mixes currencies. */
export interface CurrencySummary {
  readonly currency: string;
  readonly total: bigint;
  readonly unallocated: bigint;
  readonly shared: bigint;
  /** Groups ordered by amount, largest first (then by key). */
  readonly groups: readonly CostGroup[];
}

/** Groups allocated cost by a dimension, per currency (currencies in code order). */
export function summarize(
  cells: readonly AllocatedCell[],
  by: GroupBy,
  teamOf: (service: string) => string | undefined = () => undefined,
): CurrencySummary[] {
  const perCurrency = new Map<
    string,
    { total: bigint; unallocated: bigint; shared: bigint; groups: Map<string, { amount: bigint; shared: bigint }> }
  >();
  for (const c of cells) {
    let s = perCurrency.get(c.currency);
    if (s === undefined)
      perCurrency.set(c.currency, (s = { total: 0n, unallocated: 0n, shared: 0n, groups: new Map() }));
    s.total += c.amount;
    if (c.service === null) s.unallocated += c.amount;
    if (c.shared) s.shared += c.amount;
    const key = groupKey(c, by, teamOf);
    const g = s.groups.get(key) ?? { amount: 0n, shared: 0n };
    g.amount += c.amount;
    if (c.shared) g.shared += c.amount;
    s.groups.set(key, g);
  }
  return [...perCurrency.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, s]) => ({
      currency,
      total: s.total,
      unallocated: s.unallocated,
      shared: s.shared,
      groups: [...s.groups.entries()]
        .map(([key, g]) => ({ key, amount: g.amount, shared: g.shared }))
        .sort((a, b) =>
          by === 'month' || by === 'day'
            ? a.key < b.key
              ? -1
              : 1
            : a.amount === b.amount
              ? a.key < b.key
                ? -1
                : 1
              : a.amount > b.amount
                ? -1
                : 1,
        ),
    }));
}

function groupKey(c: AllocatedCell, by: GroupBy, teamOf: (service: string) => string | undefined): string {
  switch (by) {
    case 'service':
      return c.service ?? UNALLOCATED;
    case 'team':
      return c.service === null ? UNALLOCATED : (teamOf(c.service) ?? NO_TEAM);
    case 'month':
      return c.day.slice(0, 7);
    case 'day':
      return c.day;
    case 'category':
      return c.serviceCategory || '(none)';
    case 'charge-category':
      return c.chargeCategory || '(none)';
    case 'service-name':
      return c.serviceName || '(none)';
  }
}
