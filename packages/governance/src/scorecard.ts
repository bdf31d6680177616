import { GOVERNANCE_CHECKS } from './checks.js';
import { evaluateCondition } from './condition.js';
import type { GovernanceFlags } from './schema.js';
import {
  PATTERN_SYNTAX_PROBLEM,
  ScorecardSchema,
  SCORECARD_API_VERSION,
  type Facts,
  type Rule,
  type Scorecard,
  type Waiver,
} from './scorecard-schema.js';
import { issueMessages, loadYamlDocuments, locatedIssues, type GovernanceIssue } from './yaml.js';

/** The facts the fleet file's `governance` flags give: only the flags that are written. */
export function governanceFlagFacts(flags: GovernanceFlags | undefined): Facts {
  const facts: Facts = {};
  if (flags === undefined) return facts;
  for (const { flag } of GOVERNANCE_CHECKS) {
    const value = flags[flag];
    if (value !== undefined) facts[flag] = value;
  }
  return facts;
}

const DEFAULT_LEVELS: Record<string, string> = {
  ownership: 'bronze',
  runbook: 'bronze',
  monitoring: 'silver',
  documentation: 'silver',
  incident_response: 'gold',
};

const TITLES: Record<string, string> = {
  runbook: 'Operational runbook',
  monitoring: 'Monitoring configured',
  ownership: 'Designated owner',
  documentation: 'Documentation',
  incident_response: 'Incident response plan',
};

/**
 * The built-in scorecard: the seed's five checks, in the seed's order and with its messages,
 * each weighing 1 (20 points). Levels: bronze = ownership + runbook, silver adds monitoring +
 * documentation, gold adds incident response.
 */
export const DEFAULT_SCORECARD: Scorecard = {
  apiVersion: SCORECARD_API_VERSION,
  kind: 'Scorecard',
  name: 'default',
  levels: ['bronze', 'silver', 'gold'],
  rules: GOVERNANCE_CHECKS.map(({ name, flag, failure }) => ({
    id: name,
    title: TITLES[name] ?? name,
    level: DEFAULT_LEVELS[name] ?? 'bronze',
    weight: 1,
    condition: { fact: flag, equals: true },
    message: failure('{service}'),
  })),
};

/** A scorecard file parsed, or every problem in it, located. */
export type ScorecardParseResult =
  | { readonly ok: true; readonly scorecard: Scorecard }
  | { readonly ok: false; readonly issues: readonly GovernanceIssue[] };

/** Parses a scorecard file (YAML; JSON is YAML too). Never throws for bad input. */
export function parseScorecard(text: string, filename = '<scorecard>'): ScorecardParseResult {
  const loaded = loadYamlDocuments(text, filename);
  if ('issue' in loaded) return { ok: false, issues: [loaded.issue] };
  if (loaded.documents.length !== 1) {
    const message = `expected one YAML document, found ${loaded.documents.length}`;
    return { ok: false, issues: [{ code: 'E_SCHEMA', file: filename, path: '', message }] };
  }
  const result = ScorecardSchema.safeParse(loaded.documents[0], { reportInput: true });
  if (result.success) return { ok: true, scorecard: result.data };
  // A pattern the engine refuses is a syntax error: located by line and column (`file:line:col`).
  const problems = result.error.issues
    .flatMap(issueMessages([0]))
    .map((p) =>
      p.path.at(-1) === 'matches' && p.message.startsWith(PATTERN_SYNTAX_PROBLEM)
        ? { ...p, code: 'E_SYNTAX' as const }
        : p,
    );
  return { ok: false, issues: locatedIssues(loaded, filename, problems, 1) };
}

/** One rule's outcome for one service. */
export interface RuleOutcome {
  readonly id: string;
  readonly title: string;
  readonly level: string;
  readonly weight: number;
  /** The condition held, or an active waiver covers the rule. */
  readonly passed: boolean;
  /** Passed only because of an active waiver. */
  readonly waived: boolean;
  /** Why the condition held or not, e.g. `tier is 3, expected <= 2`. */
  readonly reason: string;
  /** The failure message (`{service}` filled in); empty when passed. */
  readonly message: string;
}

/** A service's result on a scorecard. */
export interface ScorecardResult {
  readonly scorecard: string;
  readonly service: string;
  readonly team: string;
  readonly rules: readonly RuleOutcome[];
  /** Highest level whose rules, and every lower level's, all pass; null when the first fails. */
  readonly level: string | null;
  /** Weighted share of passing rules, 0–100, one decimal. */
  readonly score: number;
  /** The level above `level`, or null at the top. */
  readonly nextLevel: string | null;
  /** Rule ids to fix to reach `nextLevel` (failing rules of every level up to it). */
  readonly gap: readonly string[];
  /** Rule ids that failed (waived rules are not failed). */
  readonly failed: readonly string[];
  /** Rule ids passing only through a waiver. */
  readonly waived: readonly string[];
  /** Waivers for this service (or its team) whose day has passed. */
  readonly expiredWaivers: readonly Waiver[];
}

/** The service a scorecard is evaluated for. */
export interface ScoredService {
  readonly name: string;
  readonly team: string;
  readonly facts: Facts;
}

export interface EvaluateOptions {
  /** Waivers to apply (from the scorecard file, the fleet file, or both). */
  readonly waivers?: readonly Waiver[];
  /**
   * Today, YYYY-MM-DD. A waiver counts while `at <= expires` (its expiry day included) and is
   * expired from the day after. Without `at`, no waiver applies and none is reported expired.
   */
  readonly at?: string;
}

/** Rounds to one decimal, halves away from zero. */
function round1(x: number): number {
  return (Math.sign(x) * Math.round(Math.abs(x) * 10)) / 10;
}

const covers = (w: Waiver, service: ScoredService) =>
  w.service === undefined ? w.team === service.team : w.service === service.name;

/** Is this waiver in force on day `at` (YYYY-MM-DD)? The expiry day itself still counts. */
export function waiverActive(waiver: Waiver, at: string): boolean {
  return at <= waiver.expires;
}

function failureMessage(rule: Rule, service: string, reason: string): string {
  return rule.message === undefined
    ? `${service} fails ${rule.title}: ${reason}`
    : rule.message.replaceAll('{service}', service);
}

/** Evaluates every rule of a scorecard for one service: level, score, next-level gap. */
export function evaluateScorecard(
  scorecard: Scorecard,
  service: ScoredService,
  options: EvaluateOptions = {},
): ScorecardResult {
  const mine = (options.waivers ?? []).filter((w) => covers(w, service));
  const { at } = options;
  const active = at === undefined ? [] : mine.filter((w) => waiverActive(w, at));
  const expiredWaivers = at === undefined ? [] : mine.filter((w) => !waiverActive(w, at));
  const rules: RuleOutcome[] = scorecard.rules.map((rule) => {
    const result = evaluateCondition(rule.condition, service.facts);
    const waived = !result.passed && active.some((w) => w.rule === rule.id);
    const passed = result.passed || waived;
    return {
      id: rule.id,
      title: rule.title,
      level: rule.level,
      weight: rule.weight,
      passed,
      waived,
      reason: result.reason,
      message: passed ? '' : failureMessage(rule, service.name, result.reason),
    };
  });
  const rank = new Map(scorecard.levels.map((level, i) => [level, i]));
  const levelOf = (r: RuleOutcome) => rank.get(r.level) ?? 0;
  const failing = rules.filter((r) => !r.passed);
  const lowestFailing = Math.min(scorecard.levels.length, ...failing.map(levelOf));
  const reached = lowestFailing - 1;
  const nextIndex = reached + 1 < scorecard.levels.length ? reached + 1 : -1;
  const total = rules.reduce((a, r) => a + r.weight, 0);
  const passedWeight = rules.filter((r) => r.passed).reduce((a, r) => a + r.weight, 0);
  return {
    scorecard: scorecard.name,
    service: service.name,
    team: service.team,
    rules,
    level: reached < 0 ? null : (scorecard.levels[reached] ?? null),
    score: total === 0 ? 0 : round1((passedWeight / total) * 100),
    nextLevel: nextIndex < 0 ? null : (scorecard.levels[nextIndex] ?? null),
    gap: nextIndex < 0 ? [] : failing.filter((r) => levelOf(r) <= nextIndex).map((r) => r.id),
    failed: failing.map((r) => r.id),
    waived: rules.filter((r) => r.waived).map((r) => r.id),
    expiredWaivers,
  };
}

/** How a group of services did on a scorecard. */
export interface ScorecardRollup {
  readonly services: number;
  /** Services per level reached, lowest level first, then `none`. */
  readonly levels: Readonly<Record<string, number>>;
  /** Mean score, one decimal; 0 for no services. */
  readonly averageScore: number;
  /** Rules that failed at least once, most failures first (ties in scorecard order). */
  readonly mostFailed: readonly { readonly rule: string; readonly failed: number }[];
}

/** The label of services that reached no level. */
export const NO_LEVEL = 'none';

/** Rolls scorecard results up: level distribution, average score, most-failed rules. */
export function rollUp(scorecard: Scorecard, results: readonly ScorecardResult[]): ScorecardRollup {
  const levels: Record<string, number> = {};
  for (const level of scorecard.levels) levels[level] = 0;
  levels[NO_LEVEL] = 0;
  const failures = new Map(scorecard.rules.map((r) => [r.id, 0]));
  let sum = 0;
  for (const r of results) {
    const level = r.level ?? NO_LEVEL;
    levels[level] = (levels[level] ?? 0) + 1;
    sum += r.score;
    for (const id of r.failed) failures.set(id, (failures.get(id) ?? 0) + 1);
  }
  const mostFailed = [...failures]
    .map(([rule, failed], order) => ({ rule, failed, order }))
    .filter((f) => f.failed > 0)
    .sort((a, b) => b.failed - a.failed || a.order - b.order)
    .map(({ rule, failed }) => ({ rule, failed }));
  return {
    services: results.length,
    levels,
    averageScore: results.length === 0 ? 0 : round1(sum / results.length),
    mostFailed,
  };
}

/** One roll-up per team, teams in order of first appearance. */
export function rollUpByTeam(
  scorecard: Scorecard,
  results: readonly ScorecardResult[],
): { readonly team: string; readonly rollup: ScorecardRollup }[] {
  const teams = new Map<string, ScorecardResult[]>();
  for (const r of results) {
    const list = teams.get(r.team);
    if (list === undefined) teams.set(r.team, [r]);
    else list.push(r);
  }
  return [...teams].map(([team, list]) => ({ team, rollup: rollUp(scorecard, list) }));
}
