import * as z from 'zod';
import type { GovernanceFlags } from './schema.js';
import { scorecardApplies } from './applies.js';
import type { Facts, Scorecard, Waiver } from './scorecard-schema.js';
import { DEFAULT_SCORECARD, evaluateScorecard, governanceFlagFacts, type ScorecardResult } from './scorecard.js';

/** What governance reads of a fleet file's service (a fleet file's service is one). */
export interface GovernedService {
  readonly name: string;
  readonly team: string;
  readonly tier?: number | undefined;
  /** The seed's flags: the highest-precedence facts. */
  readonly governance?: GovernanceFlags | undefined;
  /** The fleet file's `facts:`. */
  readonly facts?: Facts | undefined;
}

/** How services are scored on governance. Every field is optional: the default is the seed's checks. */
export interface GovernanceOptions {
  /** The scorecard; default {@link DEFAULT_SCORECARD} (the seed's five checks). */
  readonly scorecard?: Scorecard;
  /**
   * Several scorecards (names unique): a service is scored by every one whose `appliesTo` it
   * meets, and their failed rules all count. When given, `scorecard` is not read.
   */
  readonly scorecards?: readonly Scorecard[];
  /** Facts per service name, e.g. from a Backstage catalog (`catalogFacts`). */
  readonly catalogFacts?: ReadonlyMap<string, Facts>;
  /** Waivers besides those in the scorecard and the fleet file. */
  readonly waivers?: readonly Waiver[];
  /** Today (YYYY-MM-DD) for waivers; without it no waiver applies. Never read from a clock here. */
  readonly at?: string;
}

/**
 * A service's facts, lowest precedence first: `name`, `team`, `tier`; catalog facts; the fleet
 * file's `facts:`; the `governance` flags that are written.
 */
export function serviceFacts(spec: GovernedService, catalog?: Facts): Facts {
  const facts: Facts = { name: spec.name, team: spec.team };
  if (spec.tier !== undefined) facts['tier'] = spec.tier;
  if (catalog !== undefined) copyFacts(facts, catalog);
  if (spec.facts !== undefined) copyFacts(facts, spec.facts);
  copyFacts(facts, governanceFlagFacts(spec.governance));
  return facts;
}

/**
 * `Object.assign` as object spread does it: a `__proto__` key becomes a key, never the prototype.
 * (A loop, as spreading objects of many shapes is several times slower, measured on 100k services.)
 */
function copyFacts(target: Facts, source: Facts): void {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value === undefined) continue;
    if (key === '__proto__')
      Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
    else target[key] = value;
  }
}

/** Is there anything to score: a `governance` section, `facts:` or catalog facts for the service? */
export function hasGovernanceEvidence(spec: GovernedService, catalogFacts?: ReadonlyMap<string, Facts>): boolean {
  return spec.governance !== undefined || spec.facts !== undefined || catalogFacts?.get(spec.name) !== undefined;
}

/** The scorecards in effect: `scorecards`, else `[scorecard]`, else the default scorecard. */
export function scorecardsInEffect(options: GovernanceOptions): readonly Scorecard[] {
  return options.scorecards ?? [options.scorecard ?? DEFAULT_SCORECARD];
}

/**
 * The scorecard of one service, or null when there is nothing to score (no `governance`
 * section, no `facts:` and no catalog facts for it) or the scorecard's `appliesTo` excludes it.
 */
export function scoreService(
  spec: GovernedService,
  options: GovernanceOptions & { readonly fleetWaivers?: readonly Waiver[] } = {},
): ScorecardResult | null {
  const catalog = options.catalogFacts?.get(spec.name);
  if (!hasGovernanceEvidence(spec, options.catalogFacts)) return null;
  const scorecard = options.scorecard ?? DEFAULT_SCORECARD;
  const facts = serviceFacts(spec, catalog);
  if (!scorecardApplies(scorecard, facts).passed) return null;
  const waivers = [...(scorecard.waivers ?? []), ...(options.fleetWaivers ?? []), ...(options.waivers ?? [])];
  return evaluateScorecard(
    scorecard,
    { name: spec.name, team: spec.team, facts },
    { waivers, ...(options.at === undefined ? {} : { at: options.at }) },
  );
}

/**
 * A service scored by every scorecard in effect that applies to it ({@link scorecardsInEffect}),
 * in their order; empty when there is nothing to score or none applies.
 */
export function scoreServiceOnEach(
  spec: GovernedService,
  options: GovernanceOptions & { readonly fleetWaivers?: readonly Waiver[] } = {},
): ScorecardResult[] {
  return scorecardsInEffect(options)
    .map((scorecard) => scoreService(spec, { ...options, scorecard }))
    .filter((r): r is ScorecardResult => r !== null);
}

/** A service's scorecard in report v1 (`scorecard` key, present only when the service was scored). */
export const ServiceScorecardSchema = z.strictObject({
  name: z.string().describe('The scorecard.'),
  level: z.string().nullable().describe('Level reached; null when the lowest level fails.'),
  score: z.number().describe('Weighted share of passing rules, 0-100, 1 decimal.'),
  nextLevel: z.string().nullable(),
  gap: z.array(z.string()).describe('Rule ids to fix to reach nextLevel.'),
  failed: z.array(z.string()),
  waived: z.array(z.string()),
  expiredWaivers: z.array(z.strictObject({ rule: z.string(), expires: z.string(), reason: z.string() })),
});
export type ServiceScorecard = z.infer<typeof ServiceScorecardSchema>;

/** A scorecard result as it appears in the report. */
export function toServiceScorecard(result: ScorecardResult): ServiceScorecard {
  return {
    name: result.scorecard,
    level: result.level,
    score: result.score,
    nextLevel: result.nextLevel,
    gap: [...result.gap],
    failed: [...result.failed],
    waived: [...result.waived],
    expiredWaivers: result.expiredWaivers.map((w) => ({ rule: w.rule, expires: w.expires, reason: w.reason })),
  };
}
