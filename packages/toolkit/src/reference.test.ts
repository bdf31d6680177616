/**
 * Differential test: an independent reference model of DESIGN §3 (health semantics) and §4
 * (report v1), written from the text of the design only, checked against the implementation on
 * thousands of random valid fleets (DESIGN §2) that lean hard on the thresholds of every rule.
 * Each fleet goes through the real front door: serialised to JSON and to YAML, parsed by
 * `parseFleet`, then reported by `PlatformToolkit`.
 */
import {
  type Arbitrary,
  array,
  assert,
  boolean,
  constant,
  constantFrom,
  double,
  integer,
  nat,
  oneof,
  property,
  record,
  stringMatching,
  tuple,
  uniqueArray,
} from 'fast-check';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { DEMO_FLEET, PlatformToolkit, parseFleet, renderJson, type Report } from './index.js';

// =============================================================================================
// Reference model, from DESIGN §2–§4 only.
// =============================================================================================

/** Fleet file v1 (§2), as plain data. `undefined` is treated as an absent key. */
interface SloIn {
  readonly name: string;
  readonly target: number;
  readonly current: number;
}
interface CostEntryIn {
  readonly month: string;
  readonly amount: number;
}
interface CostIn {
  readonly budgetMonthly?: number | undefined;
  readonly currency?: string | undefined;
  readonly entries?: readonly CostEntryIn[] | undefined;
}
interface ReliabilityIn {
  readonly uptimePct: number;
  readonly mttrMinutes: number;
  readonly incidents30d: number;
  readonly changeFailureRatePct: number;
}
interface GovernanceIn {
  readonly runbook?: boolean | undefined;
  readonly monitoring?: boolean | undefined;
  readonly ownership?: boolean | undefined;
  readonly documentation?: boolean | undefined;
  readonly incidentResponse?: boolean | undefined;
}
interface ServiceIn {
  readonly name: string;
  readonly team: string;
  readonly tier?: number | undefined;
  readonly slos?: readonly SloIn[] | undefined;
  readonly cost?: CostIn | undefined;
  readonly reliability?: ReliabilityIn | undefined;
  readonly governance?: GovernanceIn | undefined;
}
interface FleetIn {
  readonly apiVersion: 'pt/v1';
  readonly kind: 'Fleet';
  readonly services: readonly ServiceIn[];
}

type RefHealth = 'healthy' | 'degraded' | 'critical' | 'unknown';
type RefGovernanceStatus = 'compliant' | 'needs_review' | 'non_compliant';
type RefTrend = 'stable' | 'increasing' | 'decreasing' | 'spiking';
type RefDomain = 'slo' | 'reliability' | 'governance' | 'cost';

interface RefReason {
  domain: RefDomain;
  points: number;
}
interface RefService {
  name: string;
  team: string;
  health: RefHealth;
  reliabilityScore: number | null;
  governance: RefGovernanceStatus;
  monthlyCost: number;
  costTrend: RefTrend;
  slosMet: number;
  slosTotal: number;
  reasons: RefReason[];
  scorecard?: RefScorecard | undefined;
}
/** The default scorecard's entry (issue 7): the seed's five checks as bronze/silver/gold rules. */
interface RefScorecard {
  name: string;
  level: string | null;
  score: number;
  nextLevel: string | null;
  gap: string[];
  failed: string[];
  waived: string[];
  expiredWaivers: { rule: string; expires: string; reason: string }[];
}
interface RefSummary {
  totalServices: number;
  healthy: number;
  degraded: number;
  critical: number;
  unknown: number;
  sloBreaches: number;
  overBudget: number;
  governanceCompliant: number;
  totalMonthlyCost: number;
  avgReliabilityScore: number;
}
interface RefReport {
  schemaVersion: 1;
  summary: RefSummary;
  services: RefService[];
}
/** What the reference knows about a service beyond its report entry (for message checks). */
interface RefNotes {
  points: number;
  breachedSlos: string[];
  failedGovernanceMessages: string[];
  budgetRemainingPct: number[];
  latestCost: number;
  overBudget: boolean;
  averageCost: number;
  changePct: number | null;
}

/** §4 key orders. */
const REPORT_KEYS = ['schemaVersion', 'summary', 'services'];
const SUMMARY_KEYS = [
  'totalServices',
  'healthy',
  'degraded',
  'critical',
  'unknown',
  'sloBreaches',
  'overBudget',
  'governanceCompliant',
  'totalMonthlyCost',
  'avgReliabilityScore',
];
const SERVICE_KEYS = [
  'name',
  'team',
  'health',
  'reliabilityScore',
  'governance',
  'monthlyCost',
  'costTrend',
  'slosMet',
  'slosTotal',
  'reasons',
];

/**
 * Rounds to `decimals` places, half away from zero, on the shortest decimal representation of
 * `x` (what `String(x)` prints), so 1.005 → 1.01 and 2.675 → 2.68.
 */
function roundHalfAway(x: number, decimals: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  if (x < 0) return -roundHalfAway(-x, decimals);
  const [mantissa = '0', exponent = '0'] = x.toExponential().split('e');
  const digits = mantissa.replace('.', '');
  // digits d0 d1 d2 … stand for 0.d0d1d2… × 10^(exponent + 1).
  const keep = Number(exponent) + 1 + decimals;
  if (keep >= digits.length) return x;
  if (keep < 0) return 0;
  const roundUp = Number(digits.charAt(keep)) >= 5;
  const kept = BigInt(digits.slice(0, keep) || '0') + (roundUp ? 1n : 0n);
  return Number(`${kept}e-${decimals}`);
}
const round1 = (x: number) => roundHalfAway(x, 1);
const round2 = (x: number) => roundHalfAway(x, 2);

/** §3 SLO. */
function refSlo(slo: SloIn): { met: boolean; budgetRemainingPct: number } {
  const met = slo.current >= slo.target;
  const budgetRemainingPct =
    slo.target >= 100 ? 0 : round1((Math.max(0, 100 - slo.target - (100 - slo.current)) / (100 - slo.target)) * 100);
  return { met, budgetRemainingPct };
}

/** §3 Cost. */
function refCost(cost: CostIn | undefined): {
  latestCost: number;
  averageCost: number;
  changePct: number | null;
  trend: RefTrend;
  overBudget: boolean;
} {
  if (cost === undefined) return { latestCost: 0, averageCost: 0, changePct: null, trend: 'stable', overBudget: false };
  const entries = [...(cost.entries ?? [])].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  const latestCost = entries.at(-1)?.amount ?? 0;
  const averageCost = entries.length === 0 ? 0 : entries.reduce((sum, e) => sum + e.amount, 0) / entries.length;
  let trend: RefTrend = 'stable';
  let changePct: number | null = null;
  const prev = entries.at(-2)?.amount;
  if (entries.length >= 2 && prev !== undefined && prev !== 0) {
    const change = ((latestCost - prev) / prev) * 100;
    changePct = change;
    if (change > 20) trend = 'spiking';
    else if (change > 5) trend = 'increasing';
    else if (change < -5) trend = 'decreasing';
  }
  const budget = cost.budgetMonthly ?? 0;
  const overBudget = budget > 0 && latestCost > budget;
  return { latestCost, averageCost, changePct, trend, overBudget };
}

/** §3 Reliability score. */
function refReliabilityScore(r: ReliabilityIn | undefined): number | null {
  if (r === undefined) return null;
  const uptime =
    r.uptimePct >= 99.99 ? 40 : r.uptimePct >= 99.9 ? 35 : r.uptimePct >= 99.5 ? 25 : r.uptimePct >= 99.0 ? 15 : 5;
  const mttr =
    r.mttrMinutes <= 5 ? 25 : r.mttrMinutes <= 15 ? 20 : r.mttrMinutes <= 30 ? 15 : r.mttrMinutes <= 60 ? 10 : 5;
  const incidents = r.incidents30d === 0 ? 20 : r.incidents30d <= 2 ? 15 : r.incidents30d <= 5 ? 10 : 5;
  const cfr =
    r.changeFailureRatePct <= 5 ? 15 : r.changeFailureRatePct <= 15 ? 10 : r.changeFailureRatePct <= 30 ? 5 : 0;
  return uptime + mttr + incidents + cfr;
}

/** §3 Governance: the five checks in order, with their failing messages. */
const GOVERNANCE_CHECKS: readonly { flag: keyof GovernanceIn; message: (svc: string) => string }[] = [
  { flag: 'runbook', message: (svc) => `${svc} missing operational runbook` },
  { flag: 'monitoring', message: (svc) => `${svc} missing monitoring configuration` },
  { flag: 'ownership', message: (svc) => `${svc} has no designated owner` },
  { flag: 'documentation', message: (svc) => `${svc} lacks documentation` },
  { flag: 'incidentResponse', message: (svc) => `${svc} has no incident response plan` },
];
/** The default scorecard, written out: 20 points a check; bronze = ownership + runbook, silver adds monitoring + documentation, gold adds incident response. */
function refScorecard(g: GovernanceIn): RefScorecard {
  const ids = ['runbook', 'monitoring', 'ownership', 'documentation', 'incident_response'];
  const passed = GOVERNANCE_CHECKS.map((c) => g[c.flag] === true);
  const failed = ids.filter((_, i) => passed[i] !== true);
  const has = (id: string) => !failed.includes(id);
  const bronze = has('ownership') && has('runbook');
  const silver = bronze && has('monitoring') && has('documentation');
  const gold = silver && has('incident_response');
  const level = gold ? 'gold' : silver ? 'silver' : bronze ? 'bronze' : null;
  const nextLevel = gold ? null : silver ? 'gold' : bronze ? 'silver' : 'bronze';
  const upTo: Record<string, string[]> = {
    bronze: ['runbook', 'ownership'],
    silver: ['runbook', 'monitoring', 'ownership', 'documentation'],
    gold: ids,
  };
  const gap = nextLevel === null ? [] : failed.filter((id) => upTo[nextLevel]?.includes(id));
  return {
    name: 'default',
    level,
    score: 20 * passed.filter(Boolean).length,
    nextLevel,
    gap,
    failed,
    waived: [],
    expiredWaivers: [],
  };
}

function refGovernance(
  svc: string,
  g: GovernanceIn | undefined,
): { status: RefGovernanceStatus; failedMessages: string[] } {
  if (g === undefined) return { status: 'needs_review', failedMessages: [] };
  const failedMessages = GOVERNANCE_CHECKS.filter((c) => g[c.flag] !== true).map((c) => c.message(svc));
  const failed = failedMessages.length;
  const status = failed === 0 ? 'compliant' : failed <= 2 ? 'needs_review' : 'non_compliant';
  return { status, failedMessages };
}

/** §3 Service health and reasons, §4 report entry. */
function refService(s: ServiceIn): { entry: RefService; notes: RefNotes } {
  const slos = s.slos ?? [];
  const sloResults = slos.map(refSlo);
  const cost = refCost(s.cost);
  const score = refReliabilityScore(s.reliability);
  const governance = refGovernance(s.name, s.governance);
  const breachedSlos = slos.filter((_, i) => sloResults[i]?.met !== true).map((slo) => slo.name);

  const isUnknown =
    slos.length === 0 && s.cost === undefined && s.reliability === undefined && s.governance === undefined;
  const reasons: RefReason[] = [];
  if (!isUnknown) {
    if (breachedSlos.length > 0) reasons.push({ domain: 'slo', points: 2 });
    if (score !== null && score < 50) reasons.push({ domain: 'reliability', points: 2 });
    else if (score !== null && score < 70) reasons.push({ domain: 'reliability', points: 1 });
    const failed = governance.failedMessages.length;
    if (failed >= 3) reasons.push({ domain: 'governance', points: 2 });
    else if (failed >= 1) reasons.push({ domain: 'governance', points: 1 });
    if (cost.overBudget) reasons.push({ domain: 'cost', points: 1 });
  }
  const points = reasons.reduce((sum, r) => sum + r.points, 0);
  const health: RefHealth = isUnknown ? 'unknown' : points >= 4 ? 'critical' : points >= 2 ? 'degraded' : 'healthy';

  return {
    entry: {
      name: s.name,
      team: s.team,
      health,
      reliabilityScore: score,
      governance: governance.status,
      monthlyCost: round2(cost.latestCost),
      costTrend: cost.trend,
      slosMet: sloResults.filter((r) => r.met).length,
      slosTotal: slos.length,
      reasons,
      ...(s.governance === undefined ? {} : { scorecard: refScorecard(s.governance) }),
    },
    notes: {
      points,
      breachedSlos,
      failedGovernanceMessages: governance.failedMessages,
      budgetRemainingPct: sloResults.map((r) => r.budgetRemainingPct),
      latestCost: cost.latestCost,
      overBudget: cost.overBudget,
      averageCost: cost.averageCost,
      changePct: cost.changePct,
    },
  };
}

/** §4 report. */
function refReport(fleet: FleetIn): { report: RefReport; notes: RefNotes[] } {
  const evaluated = fleet.services.map(refService);
  const services = evaluated.map((e) => e.entry);
  const notes = evaluated.map((e) => e.notes);
  const count = (health: RefHealth) => services.filter((s) => s.health === health).length;
  const scores = services.flatMap((s) => (s.reliabilityScore === null ? [] : [s.reliabilityScore]));
  const summary: RefSummary = {
    totalServices: services.length,
    healthy: count('healthy'),
    degraded: count('degraded'),
    critical: count('critical'),
    unknown: count('unknown'),
    sloBreaches: services.filter((s) => s.slosMet < s.slosTotal).length,
    overBudget: notes.filter((n) => n.overBudget).length,
    governanceCompliant: services.filter((s) => s.governance === 'compliant').length,
    // The sum of the services' monthly cost (the latest month's spend), then rounded.
    totalMonthlyCost: round2(notes.reduce((sum, n) => sum + n.latestCost, 0)),
    avgReliabilityScore: scores.length === 0 ? 0 : round1(scores.reduce((a, b) => a + b, 0) / scores.length),
  };
  return { report: { schemaVersion: 1, summary, services }, notes };
}

// =============================================================================================
// Comparison of the implementation's report with the reference.
// =============================================================================================

/** The report with reason messages dropped (compared separately), keeping its own key order. */
function withoutMessages(report: Report): RefReport {
  return {
    ...report,
    summary: { ...report.summary },
    services: report.services.map((s) => ({
      ...s,
      reasons: s.reasons.map((r) => ({ domain: r.domain, points: r.points })),
    })),
  };
}

/** Problems with reason objects: keys, and the message contents DESIGN §3 asks for. */
function reasonProblems(actual: Report, notes: readonly RefNotes[]): string[] {
  const problems: string[] = [];
  actual.services.forEach((service, i) => {
    const note = notes[i];
    for (const reason of service.reasons) {
      const keys = Object.keys(reason).join(',');
      if (keys !== 'domain,points,message') problems.push(`${service.name}: reason keys ${keys}`);
      if (typeof reason.message !== 'string') problems.push(`${service.name}: reason message not a string`);
      const wanted =
        reason.domain === 'governance'
          ? (note?.failedGovernanceMessages ?? [])
          : reason.domain === 'slo'
            ? (note?.breachedSlos ?? [])
            : [];
      for (const text of wanted) {
        if (!reason.message.includes(text)) {
          problems.push(
            `${service.name}: ${reason.domain} message ${JSON.stringify(reason.message)} lacks ${JSON.stringify(text)}`,
          );
        }
      }
    }
  });
  return problems;
}

/**
 * What the report does not show but §3 defines, read from the public `PlatformService` objects:
 * points, each SLO's budgetRemainingPct, the exact change%, and the average cost (a mean, so
 * equal only up to summation order).
 */
function serviceView(toolkit: PlatformToolkit, notes: readonly RefNotes[]) {
  const actual = toolkit.services().map((service, i) => {
    const reference = notes[i]?.averageCost ?? Number.NaN;
    const close = Math.abs(service.cost.averageCost - reference) <= Math.max(1e-9, Math.abs(reference) * 1e-12);
    return {
      name: service.name,
      points: service.points,
      budgetRemainingPct: service.slos.evaluations.map((e) => e.budgetRemainingPct),
      changePct: service.cost.changePct,
      averageCost: close ? reference : service.cost.averageCost,
    };
  });
  const expected = notes.map((note, i) => ({
    name: toolkit.services()[i]?.name,
    points: note.points,
    budgetRemainingPct: note.budgetRemainingPct,
    changePct: note.changePct,
    averageCost: note.averageCost,
  }));
  return { actual, expected };
}

/** JSON text that also tells -0, NaN and ±Infinity apart (plain JSON writes 0 and null). */
const canonical = (value: unknown) =>
  JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? `<${Object.is(v, -0) ? '-0' : String(v)}>` : v,
  );

/**
 * Compares the implementation's report (and, given the toolkit, its services) with the
 * reference. Fast path: one JSON text comparison, which also checks key order; on any
 * difference, field-by-field assertions with readable diffs.
 */
function expectMatchesReference(
  actual: Report,
  reference: ReturnType<typeof refReport>,
  label: string,
  toolkit?: PlatformToolkit,
): void {
  const { report: expected, notes } = reference;
  const view = withoutMessages(actual);
  const problems = reasonProblems(actual, notes);
  const services = toolkit === undefined ? undefined : serviceView(toolkit, notes);
  const rendered = JSON.stringify(JSON.parse(renderJson(actual)));
  if (
    canonical(view) === canonical(expected) &&
    problems.length === 0 &&
    (services === undefined || canonical(services.actual) === canonical(services.expected)) &&
    rendered === JSON.stringify(actual)
  ) {
    return;
  }
  expect(Object.keys(actual), `${label}: report keys`).toEqual(REPORT_KEYS);
  expect(Object.keys(actual.summary), `${label}: summary keys`).toEqual(SUMMARY_KEYS);
  expect(view.summary, `${label}: summary`).toEqual(expected.summary);
  expect(view.services.length, `${label}: service count`).toBe(expected.services.length);
  view.services.forEach((service, i) => {
    const keys = service.scorecard === undefined ? SERVICE_KEYS : [...SERVICE_KEYS, 'scorecard'];
    expect(Object.keys(service), `${label}: services[${i}] keys`).toEqual(keys);
    expect(service, `${label}: services[${i}]`).toEqual(expected.services[i]);
  });
  expect(view, `${label}: report`).toEqual(expected);
  expect(problems, `${label}: reason messages`).toEqual([]);
  if (services !== undefined) {
    services.actual.forEach((service, i) => {
      expect(service, `${label}: PlatformService ${service.name}`).toEqual(services.expected[i]);
    });
  }
  expect(rendered, `${label}: renderJson`).toBe(JSON.stringify(actual));
}

/** Parses `fleet` written as JSON and as YAML, reports each, and compares with the reference. */
function checkFleet(fleet: FleetIn): void {
  const reference = refReport(fleet);
  const texts: [string, string][] = [
    [JSON.stringify(fleet, null, 2), 'fleet.json'],
    [dump(fleet), 'fleet.yaml'],
  ];
  for (const [text, filename] of texts) {
    const parsed = parseFleet(text, { filename });
    if (!parsed.ok) {
      throw new Error(`${filename} rejected: ${JSON.stringify(parsed.issues)}\n${text}`);
    }
    const toolkit = PlatformToolkit.fromFleet(parsed.fleet);
    expectMatchesReference(toolkit.report(), reference, filename, toolkit);
  }
}

// =============================================================================================
// Arbitraries: valid fleets (§2), weighted towards the thresholds of §3.
// =============================================================================================

const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);
/** The next double above `x` (x >= 0). */
function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  f64[0] = x;
  i64[0] = (i64[0] ?? 0n) + 1n;
  return f64[0];
}
/** The next double below `x` (x > 0). */
function nextDown(x: number): number {
  if (x <= Number.MIN_VALUE) return 0;
  f64[0] = x;
  i64[0] = (i64[0] ?? 0n) - 1n;
  return f64[0];
}
/** Each point with its neighbouring doubles and ±0.001, kept inside [min, max]. */
function around(points: readonly number[], min: number, max: number): number[] {
  const out = points.flatMap((p) => [p, nextUp(p), nextDown(p), p + 0.001, p - 0.001]);
  return [...new Set(out)].filter((x) => x >= min && x <= max && !Object.is(x, -0));
}
/** A double in [min, max], never -0 (JSON cannot tell -0 from 0). */
const doubleIn = (min: number, max: number) =>
  double({ min, max, noNaN: true, noDefaultInfinity: true }).map((x) => (x === 0 ? 0 : x));
const weighted = <T>(boundary: Arbitrary<T>, free: Arbitrary<T>, boundaryWeight = 3): Arbitrary<T> =>
  oneof({ arbitrary: boundary, weight: boundaryWeight }, { arbitrary: free, weight: 1 });

const pct = (...points: number[]) => weighted(constantFrom(...around([0, 100, ...points], 0, 100)), doubleIn(0, 100));

// --- names and teams ------------------------------------------------------------------------

const NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,62}$/;
const nameArb = weighted(
  constantFrom(
    'a',
    '0',
    'api-gateway',
    'payments',
    'null',
    'true',
    'no',
    'yes',
    'on',
    'off',
    'y',
    'n',
    '123',
    '007',
    '1.5',
    '1e5',
    '0x1f',
    '0o17',
    '1_000',
    'nan',
    'inf',
    'a.b_c-d',
    '9--',
    'a'.repeat(63),
    `z${'.'.repeat(62)}`,
  ),
  stringMatching(NAME_PATTERN),
  1,
);
const teamArb = constantFrom('platform', 'payments', 'storefront', 'data', 'Team Ω', 'x');

// --- SLOs -------------------------------------------------------------------------------------

const sloNameArb = weighted(
  constantFrom('availability', 'latency', 'errors', 'p99', 'x'),
  stringMatching(/^[a-z][a-z0-9_-]{0,11}$/),
  2,
);
const targetArb = weighted(
  constantFrom(
    ...around([99.9, 99.99, 100, 99.5, 99, 95, 50, 1, 0.001], Number.MIN_VALUE, 100),
    Number.MIN_VALUE,
    1e-7,
  ),
  double({ min: 0, max: 100, minExcluded: true, noNaN: true }),
);
/** `current` placed relative to the target: equal, a double either side, ±0.001, or anywhere. */
const sloNearTargetArb: Arbitrary<SloIn> = tuple(
  sloNameArb,
  targetArb,
  integer({ min: 0, max: 7 }),
  pct(99.9, 99.99),
).map(([name, target, mode, anywhere]) => {
  const candidates = [target, nextUp(target), nextDown(target), target + 0.001, target - 0.001, anywhere, 100, 0];
  const c = candidates[mode] ?? target;
  const current = c >= 0 && c <= 100 ? c : target;
  return { name, target, current: current === 0 ? 0 : current };
});
/**
 * Pairs whose budgetRemainingPct is a decimal half at one place (e.g. 4.35, 25.45): `toFixed(1)`
 * rounds these down, half away from zero rounds them up.
 */
const sloHalfBudgetArb: Arbitrary<SloIn> = tuple(
  sloNameArb,
  constantFrom<[number, number]>(
    [1, 5.3065],
    [1, 15.8005],
    [50, 62.725],
    [50, 78.325],
    [60, 65.14],
    [80, 86.39],
    [90, 95.765],
    [98, 99.497],
  ),
).map(([name, [target, current]]) => ({ name, target, current }));
const sloArb = weighted(sloNearTargetArb, sloHalfBudgetArb, 6);
const slosArb = uniqueArray(sloArb, { selector: (s) => s.name, maxLength: 4 });

// --- cost -------------------------------------------------------------------------------------

const amountArb = weighted(
  constantFrom(
    0,
    0.005,
    0.015,
    0.045,
    0.125,
    1.005,
    1.255,
    2.675,
    8.345,
    1234.565,
    4500,
    3500,
    1e-7,
    9999999.995,
    // The largest amounts the fleet file accepts (larger ones are refused: sums must stay finite).
    999999999999999.9,
    1e15,
    Number.MIN_VALUE,
  ),
  oneof(
    doubleIn(0, 1e7),
    // Exactly half-way at 2 decimals in decimal notation (k.dd5), over many magnitudes.
    tuple(integer({ min: 0, max: 12 }), doubleIn(0, 1), integer({ min: 0, max: 99 })).map(([digits, f, cents]) =>
      Number(`${Math.floor(f * 10 ** digits)}.${String(cents).padStart(2, '0')}5`),
    ),
  ),
  1,
);
/** [previous month, latest month] amounts, around the ±5 % and 20 % change boundaries. */
const pairArb: Arbitrary<[number, number]> = oneof(
  constantFrom<[number, number]>(
    [100, 105],
    [100, 120],
    [100, 95],
    [100, 105.00000000000001],
    [100, 120.00000000000001],
    [100, 94.99999999999999],
    [100, 104.99999999999999],
    [100, 119.99999999999999],
    [100, 95.00000000000001],
    [100, 105.001],
    [100, 120.001],
    [100, 94.999],
    [100, 100],
    [100, 0],
    [0, 100],
    [0, 0],
    [3, 3.15],
    [3, 3.6],
    [3, 2.85],
    [1.1, 1.155],
    [10, 10.5],
    [0.7, 0.735],
    [0.1, 0.12],
    [0.3, 0.315],
    [7, 8.4],
  ),
  tuple(
    constantFrom(0.1, 0.3, 1, 3, 7, 10, 33.33, 1e-3, 2.675, 1e6, 4200, Number.MIN_VALUE),
    constantFrom(
      1.05,
      1.2,
      0.95,
      1,
      0,
      nextUp(1.05),
      nextDown(1.05),
      nextUp(1.2),
      nextDown(1.2),
      nextUp(0.95),
      nextDown(0.95),
    ),
  ).map(([prev, factor]): [number, number] => [prev, prev * factor]),
  tuple(amountArb, amountArb),
);
const MONTH_BASE_YEAR = 1999;
const monthText = (index: number) =>
  `${MONTH_BASE_YEAR + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

const costArb: Arbitrary<CostIn> = oneof(
  { arbitrary: constant({}), weight: 1 },
  {
    weight: 6,
    arbitrary: tuple(
      integer({ min: 0, max: 6 }), // number of entries
      integer({ min: 0, max: 1100 }), // first month
      array(integer({ min: 1, max: 13 }), { minLength: 6, maxLength: 6 }), // gaps between months
      pairArb,
      array(amountArb, { minLength: 6, maxLength: 6 }), // older amounts
      array(nat(), { minLength: 6, maxLength: 6 }), // shuffle keys: file order does not matter
      integer({ min: 0, max: 7 }), // budget choice
      amountArb,
      constantFrom(undefined, 'USD', 'EUR', 'JPY'),
      boolean(), // write `entries: []` when there are none
    ).map(([n, first, gaps, [prev, latest], older, keys, budgetMode, anyBudget, currency, emptyList]) => {
      const months: number[] = [];
      let m = first;
      for (let i = 0; i < n; i++) {
        months.push(m);
        m += gaps[i] ?? 1;
      }
      const entries = months.map((month, i) => ({
        month: monthText(month),
        amount: i === n - 1 ? latest : i === n - 2 ? prev : (older[i] ?? 0),
        key: keys[i] ?? 0,
      }));
      entries.sort((a, b) => a.key - b.key);
      const latestCost = n === 0 ? 0 : latest;
      const budgets = [
        undefined,
        0,
        latestCost,
        nextUp(latestCost),
        nextDown(latestCost),
        latestCost + 0.01,
        Math.max(0, latestCost - 0.01),
        anyBudget,
      ];
      const chosen = budgets[budgetMode];
      // Past 10^15 the fleet file refuses a budget (parse.test.ts); the differential covers accepted fleets.
      const budgetMonthly = chosen !== undefined && Number.isFinite(chosen) && chosen <= 1e15 ? chosen : undefined;
      const cost: {
        budgetMonthly?: number;
        currency?: string;
        entries?: CostEntryIn[];
      } = {};
      if (budgetMonthly !== undefined) cost.budgetMonthly = budgetMonthly;
      if (currency !== undefined) cost.currency = currency;
      if (n > 0 || emptyList) cost.entries = entries.map(({ month, amount }) => ({ month, amount }));
      return cost;
    }),
  },
);

// --- reliability and governance ----------------------------------------------------------------

const reliabilityArb: Arbitrary<ReliabilityIn> = record({
  uptimePct: pct(99.99, 99.9, 99.5, 99.0),
  mttrMinutes: weighted(constantFrom(...around([0, 5, 15, 30, 60], 0, Infinity)), doubleIn(0, 1e5)),
  incidents30d: weighted(constantFrom(0, 1, 2, 3, 5, 6, 7), nat(1000)),
  changeFailureRatePct: pct(5, 15, 30),
});

const governanceArb: Arbitrary<GovernanceIn> = oneof(
  constant({}),
  constant({ runbook: true, monitoring: true, ownership: true, documentation: true, incidentResponse: true }),
  record(
    {
      runbook: boolean(),
      monitoring: boolean(),
      ownership: boolean(),
      documentation: boolean(),
      incidentResponse: boolean(),
    },
    { requiredKeys: [] },
  ),
);

// --- services and fleets --------------------------------------------------------------------

const measuredServiceArb: Arbitrary<ServiceIn> = record(
  {
    name: nameArb,
    team: teamArb,
    tier: integer({ min: 1, max: 3 }),
    slos: slosArb,
    cost: costArb,
    reliability: reliabilityArb,
    governance: governanceArb,
  },
  { requiredKeys: ['name', 'team'] },
);
/** No data at all: `unknown` (an empty `slos` list counts as no SLOs). */
const unknownServiceArb: Arbitrary<ServiceIn> = record(
  { name: nameArb, team: teamArb, tier: integer({ min: 1, max: 3 }), slos: constant([]) },
  { requiredKeys: ['name', 'team'] },
);
const serviceArb = weighted(measuredServiceArb, unknownServiceArb, 6);

const fleetArb: Arbitrary<FleetIn> = uniqueArray(serviceArb, {
  selector: (s) => s.name,
  maxLength: 12,
  size: 'medium',
}).map((services) => ({ apiVersion: 'pt/v1' as const, kind: 'Fleet' as const, services }));

// =============================================================================================
// Tests
// =============================================================================================

const fleetOf = (...services: ServiceIn[]): FleetIn => ({ apiVersion: 'pt/v1', kind: 'Fleet', services });

describe('reference model: rounding half away from zero on the shortest decimal', () => {
  it.each([
    [1.005, 2, 1.01],
    [2.675, 2, 2.68],
    [0.125, 2, 0.13],
    [0.005, 2, 0.01],
    [0.0049, 2, 0],
    [1234.565, 2, 1234.57],
    [8.345, 2, 8.35],
    [72.45, 1, 72.5],
    [72.449, 1, 72.4],
    [0.05, 1, 0.1],
    [1e-7, 2, 0],
    [1e21, 2, 1e21],
    [-1.005, 2, -1.01],
    [4500, 2, 4500],
  ])('round(%s, %s) = %s', (x, decimals, want) => {
    expect(roundHalfAway(x, decimals)).toBe(want);
  });
});

describe('the seed demo (DESIGN §4)', () => {
  const report = PlatformToolkit.fromFleet(DEMO_FLEET).report();
  const reference = refReport(DEMO_FLEET);

  it.each([
    ['api-gateway', 'healthy', 85, 0],
    ['payments', 'critical', 60, 5],
  ] as const)('%s is %s with score %s and %s points', (name, health, score, points) => {
    const i = DEMO_FLEET.services.findIndex((s) => s.name === name);
    for (const entry of [report.services[i], reference.report.services[i]]) {
      expect(entry).toMatchObject({ name, health, reliabilityScore: score });
      expect(entry?.reasons.reduce((sum, r) => sum + r.points, 0)).toBe(points);
    }
  });

  it('matches the reference field by field', () => {
    expectMatchesReference(report, reference, 'demo');
    expect(reference.report.summary).toMatchObject({ totalMonthlyCost: 8000, avgReliabilityScore: 72.5 });
  });

  it('round-trips through JSON and YAML', () => {
    checkFleet(DEMO_FLEET);
  });
});

describe('hand-written boundary rows (DESIGN §3)', () => {
  const costService = (prev: number, latest: number, budgetMonthly?: number): ServiceIn => ({
    name: 'svc',
    team: 't',
    cost: {
      ...(budgetMonthly === undefined ? {} : { budgetMonthly }),
      // Deliberately out of order: the file order does not matter.
      entries: [
        { month: '2024-02', amount: latest },
        { month: '2024-01', amount: prev },
      ],
    },
  });
  const rel = (uptimePct: number, mttrMinutes: number, incidents30d: number, changeFailureRatePct: number) => ({
    name: 'svc',
    team: 't',
    reliability: { uptimePct, mttrMinutes, incidents30d, changeFailureRatePct },
  });

  it.each<[string, ServiceIn, Partial<RefService>]>([
    ['+5% exactly is stable', costService(100, 105), { costTrend: 'stable', monthlyCost: 105 }],
    ['+20% exactly is increasing', costService(100, 120), { costTrend: 'increasing' }],
    ['just over +20% is spiking', costService(100, 120.00000000000001), { costTrend: 'spiking' }],
    ['-5% exactly is stable', costService(100, 95), { costTrend: 'stable' }],
    ['just under -5% is decreasing', costService(100, 94.99999999999999), { costTrend: 'decreasing' }],
    // (latest - prev) / prev * 100, not (latest / prev - 1) * 100: the two differ at these points.
    ['1.1 → 1.155 is +4.999999999999994%: stable', costService(1.1, 1.155), { costTrend: 'stable' }],
    ['7 → 8.4 is +20.000000000000004%: spiking', costService(7, 8.4), { costTrend: 'spiking' }],
    ['3 → 2.85 is -4.9999999999999964%: stable', costService(3, 2.85), { costTrend: 'stable' }],
    ['previous 0 is stable', costService(0, 100), { costTrend: 'stable' }],
    ['latest == budget is not over', costService(1, 50, 50), { health: 'healthy', reasons: [] }],
    [
      'latest just over budget is over (+1)',
      costService(1, 50.01, 50),
      { health: 'healthy', reasons: [{ domain: 'cost', points: 1 }] },
    ],
    ['budget 0 is no budget', costService(1, 50, 0), { reasons: [] }],
    ['monthlyCost 1.005 rounds to 1.01', costService(1, 1.005), { monthlyCost: 1.01 }],
    ['cost: {} is a section: healthy', { name: 'svc', team: 't', cost: {} }, { health: 'healthy', monthlyCost: 0 }],
    ['no sections: unknown', { name: 'svc', team: 't' }, { health: 'unknown', reasons: [] }],
    ['slos: [] only: unknown', { name: 'svc', team: 't', slos: [] }, { health: 'unknown' }],
    [
      'governance: {} is five failures: non_compliant, +2, degraded',
      { name: 'svc', team: 't', governance: {} },
      { governance: 'non_compliant', health: 'degraded', reasons: [{ domain: 'governance', points: 2 }] },
    ],
    ['score 100 at every boundary', rel(99.99, 5, 0, 5), { reliabilityScore: 100 }],
    ['score one step down at each boundary', rel(99.9, 15, 2, 15), { reliabilityScore: 80 }],
    ['score 70 is not < 70: no points', rel(99.9, 30, 5, 15), { reliabilityScore: 70, health: 'healthy', reasons: [] }],
    [
      'score 50 is not < 50: +1',
      rel(99.0, 30, 5, 15),
      { reliabilityScore: 50, health: 'healthy', reasons: [{ domain: 'reliability', points: 1 }] },
    ],
    [
      'score 45 < 50: +2, degraded',
      rel(99.0, 30, 5, 30),
      { reliabilityScore: 45, health: 'degraded', reasons: [{ domain: 'reliability', points: 2 }] },
    ],
    ['score floor 15', rel(98.99, 60.001, 6, 30.001), { reliabilityScore: 15 }],
    [
      'current == target is met',
      { name: 'svc', team: 't', slos: [{ name: 'a', target: 99.9, current: 99.9 }] },
      { slosMet: 1, slosTotal: 1, health: 'healthy' },
    ],
    [
      'current just below target is a breach',
      { name: 'svc', team: 't', slos: [{ name: 'a', target: 99.9, current: nextDown(99.9) }] },
      { slosMet: 0, health: 'degraded', reasons: [{ domain: 'slo', points: 2 }] },
    ],
  ])('%s', (_label, service, want) => {
    const fleet = fleetOf(service);
    const reference = refReport(fleet).report.services[0];
    expect(reference).toMatchObject(want);
    checkFleet(fleet);
  });

  it('budgetRemainingPct (reference model rows; the property compares it with PlatformService)', () => {
    expect(refSlo({ name: 'a', target: 99.9, current: 99.95 }).budgetRemainingPct).toBe(50);
    expect(refSlo({ name: 'a', target: 100, current: 100 }).budgetRemainingPct).toBe(0);
    expect(refSlo({ name: 'a', target: 99, current: 98 }).budgetRemainingPct).toBe(0);
    expect(refSlo({ name: 'a', target: 90, current: 100 }).budgetRemainingPct).toBe(100);
  });

  it('totalMonthlyCost is the rounded sum, avgReliabilityScore the rounded mean', () => {
    const tiny = { entries: [{ month: '2024-01', amount: 0.005 }] };
    const fleet = fleetOf(
      { ...rel(99.99, 5, 0, 5), name: 'a', cost: tiny },
      { ...rel(99.9, 5, 0, 5), name: 'b', cost: tiny },
      { ...rel(99.9, 5, 0, 5), name: 'c' },
    );
    expect(refReport(fleet).report.summary).toMatchObject({ totalMonthlyCost: 0.01, avgReliabilityScore: 96.7 });
    checkFleet(fleet);
  });
});

describe('differential: implementation vs reference on random valid fleets', () => {
  it('generates only fleets that are valid per DESIGN §2 (checks the generator, not the code)', () => {
    const unique = (values: readonly string[]) => new Set(values).size === values.length;
    const percent = (x: number) => Number.isFinite(x) && x >= 0 && x <= 100;
    assert(
      property(fleetArb, (fleet) => {
        expect(fleet.services.length).toBeLessThanOrEqual(12);
        expect(unique(fleet.services.map((s) => s.name))).toBe(true);
        for (const s of fleet.services) {
          expect(s.name).toMatch(NAME_PATTERN);
          expect(s.team.length).toBeGreaterThan(0);
          if (s.tier !== undefined) expect([1, 2, 3]).toContain(s.tier);
          const slos = s.slos ?? [];
          expect(unique(slos.map((slo) => slo.name))).toBe(true);
          for (const slo of slos) {
            expect(slo.target > 0 && slo.target <= 100 && percent(slo.current)).toBe(true);
          }
          const entries = s.cost?.entries ?? [];
          expect(unique(entries.map((e) => e.month))).toBe(true);
          for (const e of entries) {
            expect(e.month).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
            expect(Number.isFinite(e.amount) && e.amount >= 0 && !Object.is(e.amount, -0)).toBe(true);
          }
          const budget = s.cost?.budgetMonthly ?? 0;
          expect(Number.isFinite(budget) && budget >= 0).toBe(true);
          const r = s.reliability;
          if (r !== undefined) {
            expect(percent(r.uptimePct) && percent(r.changeFailureRatePct)).toBe(true);
            expect(Number.isFinite(r.mttrMinutes) && r.mttrMinutes >= 0).toBe(true);
            expect(Number.isInteger(r.incidents30d) && r.incidents30d >= 0).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('agrees on every field for 2000 fleets, via JSON and YAML', () => {
    assert(property(fleetArb, checkFleet), { numRuns: 2000 });
  }, 120_000);
});

// =============================================================================================
// Richer evidence (the one-verdict issue), written from the issue text: OpenSLO objectives with
// data are SLOs (exhausted = not met, +2 with the fleet's breaches; a page alert firing on an
// objective not exhausted +1 once per service; a ticket alert 0 points; no data counts in
// neither); the scorecard in effect (default: the five checks) decides governance from its
// failed, non-waived rules; an expired waiver counts as none; unknown = no evidence at all.
// =============================================================================================

type AlertIn = 'firing' | 'ok' | 'insufficient_data';
interface ObjectiveIn {
  readonly status: 'ok' | 'exhausted' | 'no_data';
  readonly page: AlertIn;
  readonly ticket: AlertIn;
}
interface WaiverIn {
  readonly rule: string;
  readonly expiresInDays: number;
}
interface EvidenceServiceIn {
  readonly service: ServiceIn;
  readonly objectives: readonly ObjectiveIn[];
  readonly waivers: readonly WaiverIn[];
}

const RULE_OF_FLAG: Record<keyof GovernanceIn, string> = {
  runbook: 'runbook',
  monitoring: 'monitoring',
  ownership: 'ownership',
  documentation: 'documentation',
  incidentResponse: 'incident_response',
};
const AT = '2026-11-28';
const dayOffset = (days: number) =>
  new Date(Date.parse(`${AT}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

interface RefVerdict {
  readonly health: string;
  readonly points: number;
  readonly slosMet: number;
  readonly slosTotal: number;
  readonly breach: boolean;
  readonly governance: string;
  readonly pointsByDomain: Record<string, number>;
}

function refVerdict({ service, objectives, waivers }: EvidenceServiceIn): RefVerdict {
  const fleetSlos = service.slos ?? [];
  const measured = objectives.filter((o) => o.status !== 'no_data');
  const slosTotal = fleetSlos.length + measured.length;
  const slosMet =
    fleetSlos.filter((s) => s.current >= s.target).length + measured.filter((o) => o.status === 'ok').length;
  const breach = fleetSlos.some((s) => s.current < s.target) || objectives.some((o) => o.status === 'exhausted');
  const pages = objectives.some((o) => o.status === 'ok' && o.page === 'firing');
  const score = refReliabilityScore(service.reliability);
  const reliabilityPoints = score === null ? 0 : score < 50 ? 2 : score < 70 ? 1 : 0;
  let governance = 'needs_review';
  let governancePoints = 0;
  if (service.governance !== undefined) {
    const g = service.governance;
    const waived = new Set(waivers.filter((w) => w.expiresInDays >= 0).map((w) => w.rule));
    const failed = (Object.keys(RULE_OF_FLAG) as (keyof GovernanceIn)[]).filter(
      (flag) => g[flag] !== true && !waived.has(RULE_OF_FLAG[flag]),
    ).length;
    governance = failed === 0 ? 'compliant' : failed >= 3 ? 'non_compliant' : 'needs_review';
    governancePoints = failed >= 3 ? 2 : failed >= 1 ? 1 : 0;
  }
  const hasEvidence =
    slosTotal > 0 ||
    service.cost !== undefined ||
    service.reliability !== undefined ||
    service.governance !== undefined;
  const slo = (breach ? 2 : 0) + (pages ? 1 : 0);
  const pointsByDomain = { slo, reliability: reliabilityPoints, governance: governancePoints, cost: 0 };
  const points = slo + reliabilityPoints + governancePoints;
  if (!hasEvidence) {
    return {
      health: 'unknown',
      points: 0,
      slosMet,
      slosTotal,
      breach,
      governance,
      pointsByDomain: { slo: 0, reliability: 0, governance: 0, cost: 0 },
    };
  }
  const health = points >= 4 ? 'critical' : points >= 2 ? 'degraded' : 'healthy';
  return { health, points, slosMet, slosTotal, breach, governance, pointsByDomain };
}

const alertArb: Arbitrary<AlertIn> = constantFrom('firing', 'ok', 'insufficient_data');
const objectiveArb: Arbitrary<ObjectiveIn> = record({
  status: constantFrom('ok', 'exhausted', 'no_data'),
  page: alertArb,
  ticket: alertArb,
});
const waiverArb: Arbitrary<WaiverIn> = record({
  rule: constantFrom(...Object.values(RULE_OF_FLAG)),
  expiresInDays: integer({ min: -3, max: 3 }),
});
const evidenceServiceArb: Arbitrary<EvidenceServiceIn> = record({
  service: record(
    { name: nameArb, team: teamArb, slos: slosArb, reliability: reliabilityArb, governance: governanceArb },
    { requiredKeys: ['name', 'team'] },
  ),
  objectives: array(objectiveArb, { maxLength: 4 }),
  waivers: array(waiverArb, { maxLength: 3 }),
});

function detailOf(service: string, o: ObjectiveIn, i: number) {
  return {
    slo: `${service}-objective-${i}`,
    target: 99,
    budgetingMethod: 'Occurrences' as const,
    window: '30d rolling',
    windowStart: '2026-10-29T00:00:00.000Z',
    windowEnd: '2026-11-28T00:00:00.000Z',
    at: '2026-11-28T00:00:00.000Z',
    status: o.status,
    sli: o.status === 'no_data' ? null : o.status === 'exhausted' ? 98 : 99.5,
    budgetRemainingPct: o.status === 'exhausted' ? -100 : o.status === 'ok' ? 50 : 100,
    burnRate: o.status === 'no_data' ? null : 1,
    currentBurnRate: null,
    timeToExhaustion: null,
    page: o.page,
    ticket: o.ticket,
    ...(o.page === 'firing' ? { pageBurnFactor: 14.4 } : {}),
    ...(o.status === 'no_data' ? {} : { source: 'sli.csv' }),
  };
}

function checkEvidence(services: readonly EvidenceServiceIn[]): void {
  const fleet = {
    apiVersion: 'pt/v1' as const,
    kind: 'Fleet' as const,
    services: services.map((s) => s.service),
    waivers: services.flatMap((s) =>
      s.waivers.map((w) => ({
        service: s.service.name,
        rule: w.rule,
        expires: dayOffset(w.expiresInDays),
        reason: 'r',
      })),
    ),
  };
  const sloDetails = new Map(
    services.map((s) => [s.service.name, s.objectives.map((o, i) => detailOf(s.service.name, o, i))]),
  );
  const report = PlatformToolkit.fromFleet(fleet as never, { at: AT, sloDetails }).report();
  const refs = services.map(refVerdict);
  report.services.forEach((actual, i) => {
    const ref = refs[i]!;
    const byDomain: Record<string, number> = { slo: 0, reliability: 0, governance: 0, cost: 0 };
    for (const r of actual.reasons) byDomain[r.domain] = (byDomain[r.domain] ?? 0) + r.points;
    expect({
      health: actual.health,
      points: actual.reasons.reduce((a, r) => a + r.points, 0),
      slosMet: actual.slosMet,
      slosTotal: actual.slosTotal,
      governance: actual.governance,
      pointsByDomain: byDomain,
    }).toEqual({
      health: ref.health,
      points: ref.points,
      slosMet: ref.slosMet,
      slosTotal: ref.slosTotal,
      governance: ref.governance,
      pointsByDomain: ref.pointsByDomain,
    });
    // At most one page point per service; a ticket alert alone adds a reason worth nothing.
    expect(actual.reasons.filter((r) => r.domain === 'slo' && r.points === 1).length).toBeLessThanOrEqual(1);
  });
  expect(report.summary.sloBreaches).toBe(refs.filter((r) => r.breach).length);
  expect(report.summary.governanceCompliant).toBe(refs.filter((r) => r.governance === 'compliant').length);
}

describe('reference model: OpenSLO objectives and waivers feed the verdict (one-verdict issue)', () => {
  it('agrees with the reference on 1000 random fleets with objectives and waivers', () => {
    assert(
      property(uniqueArray(evidenceServiceArb, { selector: (s) => s.service.name, maxLength: 8 }), (services) =>
        checkEvidence(services),
      ),
      { numRuns: 1000 },
    );
  }, 120_000);

  it.each<[string, EvidenceServiceIn, Partial<RefVerdict>]>([
    [
      'only an objective without data: unknown',
      {
        service: { name: 'a', team: 't' },
        objectives: [{ status: 'no_data', page: 'insufficient_data', ticket: 'insufficient_data' }],
        waivers: [],
      },
      { health: 'unknown', slosTotal: 0 },
    ],
    [
      'an exhausted objective and a paging one: +3, degraded',
      {
        service: { name: 'a', team: 't' },
        objectives: [
          { status: 'exhausted', page: 'firing', ticket: 'firing' },
          { status: 'ok', page: 'firing', ticket: 'firing' },
          { status: 'ok', page: 'firing', ticket: 'ok' },
        ],
        waivers: [],
      },
      { health: 'degraded', points: 3, slosMet: 2, slosTotal: 3, breach: true },
    ],
    [
      'a waiver on the only failed check: compliant, 0 points; expired yesterday: needs_review, +1',
      {
        service: {
          name: 'a',
          team: 't',
          governance: { runbook: true, monitoring: true, ownership: true, incidentResponse: true },
        },
        objectives: [],
        waivers: [{ rule: 'documentation', expiresInDays: 0 }],
      },
      { health: 'healthy', points: 0, governance: 'compliant' },
    ],
  ])('%s', (_label, service, expected) => {
    expect(refVerdict(service)).toMatchObject(expected);
    checkEvidence([service]);
    if (service.waivers.length > 0) {
      const expired = { ...service, waivers: service.waivers.map((w) => ({ ...w, expiresInDays: -1 })) };
      expect(refVerdict(expired)).toMatchObject({ governance: 'needs_review', points: 1 });
      checkEvidence([expired]);
    }
  });
});
