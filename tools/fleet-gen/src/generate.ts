import type { ServiceSpec } from '@pt/toolkit';
import { Random } from './random.js';

/** The largest fleet the generator makes. */
export const MAX_SERVICES = 1_000_000;

export interface FleetGenOptions {
  /** Number of services, 0..MAX_SERVICES. */
  readonly services: number;
  /** Same seed, same fleet, byte for byte. */
  readonly seed: number;
  /**
   * Start the fleet with the hand-made services that sit exactly on every rule boundary
   * (see `boundaryServices`). Default true; a fleet smaller than that list gets its first services.
   */
  readonly boundaries?: boolean;
}

const DOMAINS = [
  'api', 'auth', 'billing', 'cart', 'catalog', 'checkout', 'search', 'ledger', 'identity', 'inventory',
  'notify', 'orders', 'payments', 'pricing', 'profile', 'ranking', 'reports', 'shipping', 'storage', 'video',
] as const; // prettier-ignore
const ROLES = ['gateway', 'worker', 'web', 'sync', 'indexer', 'scheduler', 'db', 'cache', 'stream', 'batch'] as const;
const SLO_NAMES = ['availability', 'latency-p99', 'error-rate', 'freshness', 'throughput'] as const;
const TARGETS = [
  [99, 2],
  [99.5, 3],
  [99.9, 5],
  [99.95, 2],
  [99.99, 1],
] as const;
/** Cost history ends here: fixed, so output never depends on the clock. */
const LAST_MONTH = { year: 2026, month: 10 };

const round = (x: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
};
const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** `YYYY-MM`, `back` months before the fixed last month. */
function monthKey(back: number): string {
  const index = LAST_MONTH.year * 12 + (LAST_MONTH.month - 1) - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const entries = (amounts: readonly number[]) =>
  amounts.map((amount, i) => ({ month: monthKey(amounts.length - 1 - i), amount }));

const ALL_GOOD = { runbook: true, monitoring: true, ownership: true, documentation: true, incidentResponse: true };
const GOOD_RELIABILITY = { uptimePct: 99.95, mttrMinutes: 10, incidents30d: 1, changeFailureRatePct: 10 };

/**
 * Services placed exactly on (and just beside) every threshold of the health rules in DESIGN.md §3:
 * SLO met at equality, each reliability bucket edge, trend edges at +20/+5/-5 %, a previous month of 0,
 * budget equal to and just under the latest cost, 0..5 failed governance checks, empty sections and a
 * service with no data at all.
 */
export function boundaryServices(): ServiceSpec[] {
  const out: ServiceSpec[] = [];
  const add = (name: string, spec: Omit<ServiceSpec, 'name' | 'team'>) =>
    out.push({ name: `edge-${name}`, team: 'team-edges', ...spec });

  add('slo-equal', { slos: [{ name: 'availability', target: 99.9, current: 99.9 }] });
  add('slo-below', { slos: [{ name: 'availability', target: 99.9, current: 99.89 }] });
  add('slo-100', { slos: [{ name: 'availability', target: 100, current: 100 }] });
  add('slo-empty', { slos: [] });
  for (const uptimePct of [99.99, 99.98, 99.9, 99.89, 99.5, 99.49, 99, 98.99]) {
    add(`uptime-${uptimePct}`, { reliability: { ...GOOD_RELIABILITY, uptimePct } });
  }
  for (const mttrMinutes of [5, 5.5, 15, 16, 30, 31, 60, 61]) {
    add(`mttr-${mttrMinutes}`, { reliability: { ...GOOD_RELIABILITY, mttrMinutes } });
  }
  for (const incidents30d of [0, 2, 3, 5, 6]) {
    add(`incidents-${incidents30d}`, { reliability: { ...GOOD_RELIABILITY, incidents30d } });
  }
  for (const changeFailureRatePct of [5, 5.1, 15, 15.1, 30, 30.1]) {
    add(`cfr-${changeFailureRatePct}`, { reliability: { ...GOOD_RELIABILITY, changeFailureRatePct } });
  }
  // Score exactly 50 and 70 (the health thresholds): 25+10+10+5 and 35+15+15+5.
  add('score-50', { reliability: { uptimePct: 99.5, mttrMinutes: 45, incidents30d: 4, changeFailureRatePct: 20 } });
  add('score-70', { reliability: { uptimePct: 99.9, mttrMinutes: 30, incidents30d: 2, changeFailureRatePct: 20 } });
  for (const [label, latest] of [
    ['up-20', 120],
    ['up-20.5', 120.5],
    ['up-5', 105],
    ['up-5.5', 105.5],
    ['down-5', 95],
    ['down-5.5', 94.5],
  ] as const) {
    add(`trend-${label}`, { cost: { entries: entries([100, latest]) } });
  }
  add('trend-from-zero', { cost: { entries: entries([0, 500]) } });
  add('trend-one-month', { cost: { entries: entries([500]) } });
  add('budget-equal', { cost: { budgetMonthly: 1000, entries: entries([900, 1000]) } });
  add('budget-over', { cost: { budgetMonthly: 1000, entries: entries([900, 1000.01]) } });
  add('budget-zero', { cost: { budgetMonthly: 0, entries: entries([900, 100000]) } });
  add('cost-empty', { cost: {} });
  const checks = Object.keys(ALL_GOOD) as (keyof typeof ALL_GOOD)[];
  for (let failed = 0; failed <= checks.length; failed++) {
    const flags = Object.fromEntries(checks.map((c, i) => [c, i >= failed]));
    add(`governance-fail-${failed}`, { governance: flags });
  }
  add('governance-empty', { governance: {} });
  // Points 2, 3, 4: degraded/critical edges from combined rules.
  add('points-3', {
    slos: [{ name: 'availability', target: 99.9, current: 99 }],
    governance: { ...ALL_GOOD, runbook: false },
  });
  add('points-4', {
    slos: [{ name: 'availability', target: 99.9, current: 99 }],
    reliability: { uptimePct: 98, mttrMinutes: 120, incidents30d: 9, changeFailureRatePct: 40 },
  });
  add('no-data', {});
  return out;
}

/** A random, plausible service: most are healthy, a tail is not, a few say nothing. */
function randomService(random: Random, index: number, teams: readonly string[]): ServiceSpec {
  const name = `${random.pick(DOMAINS)}-${random.pick(ROLES)}-${index.toString(36)}`;
  const spec: ServiceSpec = { name, team: random.pick(teams) };
  if (random.chance(0.03)) return spec; // nothing measurable: `unknown`
  const tier = random.weighted([
    [1, 15],
    [2, 35],
    [3, 40],
    [0, 10],
  ] as const);
  if (tier !== 0) spec.tier = tier;

  const sloCount = random.weighted([
    [0, 10],
    [1, 35],
    [2, 35],
    [3, 15],
    [4, 5],
  ] as const);
  if (sloCount > 0) {
    spec.slos = SLO_NAMES.slice(0, sloCount).map((sloName) => {
      const target = random.weighted(TARGETS);
      const slack = 100 - target;
      const current = random.chance(0.88)
        ? target + slack * random.next() // met
        : target - slack * random.logNormal(0.5, 1); // breached, by a skewed margin
      return { name: sloName, target, current: round(clamp(current, 0, 100), 3) };
    });
  }

  if (random.chance(0.8)) {
    const months = random.int(0, 12);
    const base = random.logNormal(2500, 1.2);
    const growth = random.normal() * 0.04;
    const amounts: number[] = [];
    for (let m = 0; m < months; m++) {
      const spike = random.chance(0.04) ? 1.3 + random.next() : 1;
      amounts.push(round(Math.max(0, base * (1 + growth) ** m * (1 + random.normal() * 0.05) * spike), 2));
    }
    const cost: NonNullable<ServiceSpec['cost']> = { entries: entries(amounts) };
    if (random.chance(0.7)) cost.budgetMonthly = Math.round(base * (0.9 + random.next() * 0.6));
    const currency = random.weighted([
      ['USD', 85],
      ['EUR', 10],
      ['GBP', 5],
    ] as const);
    if (currency !== 'USD') cost.currency = currency;
    spec.cost = cost;
  }

  if (random.chance(0.75)) {
    spec.reliability = {
      uptimePct: round(clamp(100 - random.logNormal(0.08, 1.3), 90, 100), 3),
      mttrMinutes: round(random.logNormal(18, 0.9), 1),
      incidents30d: Math.min(40, Math.floor(random.logNormal(1.2, 1))),
      changeFailureRatePct: round(clamp(random.logNormal(8, 0.8), 0, 100), 1),
    };
  }

  if (random.chance(0.85)) {
    const governance: NonNullable<ServiceSpec['governance']> = {};
    for (const check of Object.keys(ALL_GOOD) as (keyof typeof ALL_GOOD)[]) {
      const roll = random.next();
      if (roll < 0.82) governance[check] = true;
      else if (roll < 0.95) governance[check] = false;
      // else: absent, which counts as false
    }
    spec.governance = governance;
  }
  return spec;
}

/** Team names: about one team per 25 services. */
export function teamNames(services: number): string[] {
  const count = Math.max(1, Math.round(services / 25));
  return Array.from({ length: count }, (_, i) =>
    i < DOMAINS.length ? `team-${DOMAINS[i]}` : `team-${DOMAINS[i % DOMAINS.length]}-${Math.floor(i / DOMAINS.length)}`,
  );
}

/** The services of a synthetic fleet, one at a time (a million need not be held at once). */
export function* generateServices(options: FleetGenOptions): Generator<ServiceSpec> {
  const { services, seed, boundaries = true } = options;
  if (!Number.isInteger(services) || services < 0 || services > MAX_SERVICES) {
    throw new RangeError(`services must be an integer from 0 to ${MAX_SERVICES}; got ${services}`);
  }
  const fixed = boundaries ? boundaryServices().slice(0, services) : [];
  yield* fixed;
  const random = new Random(seed);
  const teams = teamNames(services);
  for (let i = fixed.length; i < services; i++) yield randomService(random, i, teams);
}
