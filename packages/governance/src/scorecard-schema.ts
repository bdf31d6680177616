import { parseTimestamp, refineName } from '@pt/input';
import { RE2JS } from 're2js';
import * as z from 'zod';

/** The `apiVersion` of a scorecard file. */
export const SCORECARD_API_VERSION = 'pt/v1';
/** Longest `matches` pattern accepted (a size limit: the compiled program grows with the pattern). */
export const MAX_PATTERN_LENGTH = 200;
/** Fact names and rule ids: a letter, then letters, digits, `_`, `.`, `-` or `/`, up to 100 characters. */
export const FACT_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_./-]{0,99}$/;

/** A fact value: what a condition can test. */
export const FactValueSchema = z.union([z.string(), z.number().refine(Number.isFinite), z.boolean()], {
  error: 'must be a string, a finite number or a boolean',
});
export type FactValue = z.infer<typeof FactValueSchema>;

const factName = z.string().regex(FACT_NAME_PATTERN, 'must be a fact name (a letter, then [A-Za-z0-9_./-])');

/** Facts about a service: named strings, numbers and booleans (the fleet file's `facts:`). */
export const FactsSchema = z
  .record(factName, FactValueSchema)
  .describe('Facts about a service, e.g. lifecycle: production, tier: 1, owner: team-a.');
export type Facts = z.infer<typeof FactsSchema>;

/** Compiled `matches` patterns, by source (scorecards hold few; the cache is bounded all the same). */
const compiled = new Map<string, RE2JS>();
const MAX_COMPILED = 1000;

/**
 * A `matches` pattern compiled by RE2JS, a linear-time engine (RE2's syntax, no backtracking):
 * matching takes time linear in the value whatever the pattern, so `^((a)+)+$` cannot hang a run.
 * Throws the engine's syntax error for a pattern it does not support (see {@link patternProblem}).
 */
export function compilePattern(pattern: string): RE2JS {
  let re = compiled.get(pattern);
  if (re === undefined) {
    re = RE2JS.compile(pattern);
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(pattern, re);
  }
  return re;
}

/** How a refusal of the pattern engine starts: such a problem is a syntax error (`E_SYNTAX`, with a column). */
export const PATTERN_SYNTAX_PROBLEM = 'must be a regular expression in RE2 syntax';

/** Why a `matches` pattern is refused, or null when it is accepted. */
export function patternProblem(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return `must be at most ${MAX_PATTERN_LENGTH} characters`;
  try {
    compilePattern(pattern);
  } catch (error) {
    // e.g. "error parsing regexp: invalid or unsupported Perl syntax: `(?=`"
    const detail = error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : String(error);
    return `${PATTERN_SYNTAX_PROBLEM} (linear-time; no look-around or back-references): ${detail}`;
  }
  return null;
}

const pattern = z.string().superRefine((value, ctx) => {
  const problem = patternProblem(value);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, input: value, params: { complete: true } });
});

const fact = { fact: factName.describe('The fact this condition reads.') };

/** A condition on one fact, or a combination of conditions. */
export type Condition =
  | { fact: string; present: boolean }
  | { fact: string; absent: boolean }
  | { fact: string; equals: FactValue }
  | { fact: string; in: FactValue[] }
  | { fact: string; gt: number }
  | { fact: string; gte: number }
  | { fact: string; lt: number }
  | { fact: string; lte: number }
  | { fact: string; matches: string }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

/** The condition language: one operator per fact test; `all`/`any`/`not` combine. */
export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ ...fact, present: z.boolean() }),
    z.strictObject({ ...fact, absent: z.boolean() }),
    z.strictObject({ ...fact, equals: FactValueSchema }),
    z.strictObject({ ...fact, in: z.array(FactValueSchema).min(1) }),
    z.strictObject({ ...fact, gt: finite }),
    z.strictObject({ ...fact, gte: finite }),
    z.strictObject({ ...fact, lt: finite }),
    z.strictObject({ ...fact, lte: finite }),
    z.strictObject({ ...fact, matches: pattern }),
    z.strictObject({ all: z.array(ConditionSchema).min(1) }),
    z.strictObject({ any: z.array(ConditionSchema).min(1) }),
    z.strictObject({ not: ConditionSchema }),
  ]),
);

/** A rule id: unique in the scorecard. */
export const RuleIdSchema = factName;

/** One rule of a scorecard. */
export const RuleSchema = z.strictObject({
  id: RuleIdSchema,
  title: z.string().min(1),
  level: z.string().min(1).describe('The level this rule belongs to (one of the scorecard levels).'),
  weight: finite.pipe(z.number().positive()).default(1).describe('Relative weight; weights normalise to 100.'),
  condition: ConditionSchema,
  message: z
    .string()
    .min(1)
    .optional()
    .describe('Failure message; `{service}` is replaced by the service name. Default: "<service> fails <title>".'),
});
export type Rule = z.output<typeof RuleSchema>;

/** YYYY-MM-DD, a real calendar date. */
export const DateSchema = z.string().refine((s) => isCalendarDate(s), 'must be a date YYYY-MM-DD');

/** Is `s` a calendar date written YYYY-MM-DD? */
export function isCalendarDate(s: string): boolean {
  return parseTimestamp(s, { forms: ['date'] }) !== null;
}

/**
 * A time-boxed exemption: the rule counts as passing for the service (or every service of the
 * team) up to and including the `expires` day.
 */
export const WaiverSchema = z
  .strictObject({
    rule: RuleIdSchema,
    service: z.string().min(1).superRefine(refineName).optional(),
    team: z.string().min(1).superRefine(refineName).optional(),
    reason: z.string().min(1),
    expires: DateSchema.describe('Last day the waiver counts (inclusive).'),
  })
  .refine((w) => (w.service === undefined) !== (w.team === undefined), {
    message: 'must name exactly one of service or team',
    params: { complete: true },
  });
export type Waiver = z.infer<typeof WaiverSchema>;

/** One value or a non-empty list of them (`type: service` or `type: [service, website]`). */
const oneOrMore = <T extends z.ZodType>(value: T, what: string) =>
  z.union([value, z.array(value).min(1)], { error: `must be ${what} or a non-empty list of them` });

/**
 * Which services a scorecard is for: every key given must hold (a list: any of its values).
 * `tier`, `type`, `lifecycle` and `team` read the facts of those names; `condition` is any
 * condition of the language. Absent: the scorecard applies to every service.
 */
export const AppliesToSchema = z
  .strictObject({
    tier: oneOrMore(
      z.number().int('must be a tier 1-3').min(1, 'must be a tier 1-3').max(3, 'must be a tier 1-3'),
      'a tier 1-3',
    ).optional(),
    type: oneOrMore(z.string().min(1), 'a non-empty string').optional(),
    lifecycle: oneOrMore(z.string().min(1), 'a non-empty string').optional(),
    team: oneOrMore(z.string().min(1), 'a non-empty string').optional(),
    condition: ConditionSchema.optional(),
  })
  .refine((a) => Object.values(a).some((v) => v !== undefined), {
    message: 'must name at least one of tier, type, lifecycle, team, condition',
    params: { complete: true },
  })
  .describe('Which services the scorecard scores; absent: every service.');
export type AppliesTo = z.infer<typeof AppliesToSchema>;

/** A scorecard file. */
export const ScorecardSchema = z
  .strictObject({
    apiVersion: z.literal(SCORECARD_API_VERSION),
    kind: z.literal('Scorecard'),
    name: z.string().min(1),
    appliesTo: AppliesToSchema.optional(),
    levels: z.array(z.string().min(1)).min(1).describe('Level names, lowest first; levels are cumulative.'),
    rules: z.array(RuleSchema).min(1),
    waivers: z.array(WaiverSchema).optional(),
  })
  .superRefine(checkReferences, { when: () => true });
export type Scorecard = z.output<typeof ScorecardSchema>;

const listOf = (value: unknown, key: string): unknown[] => {
  const list = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return Array.isArray(list) ? list : [];
};
const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

/**
 * Cross-references: unique levels and rule ids, rules on a declared level, waivers on a declared
 * rule. Runs even when other parts failed (the input is read defensively), so every problem shows.
 */
function checkReferences(card: unknown, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message, params: { complete: true } });
  const levels = new Set<string>();
  listOf(card, 'levels').forEach((level, i) => {
    if (typeof level !== 'string') return;
    if (levels.has(level)) issue(['levels', i], `duplicate level "${level}"`);
    levels.add(level);
  });
  const ids = new Set<string>();
  listOf(card, 'rules').forEach((rule, i) => {
    const id = field(rule, 'id');
    const level = field(rule, 'level');
    if (typeof id === 'string') {
      if (ids.has(id)) issue(['rules', i, 'id'], `duplicate rule id "${id}"`);
      ids.add(id);
    }
    if (typeof level === 'string' && levels.size > 0 && !levels.has(level)) {
      issue(['rules', i, 'level'], `unknown level "${level}"; levels are ${[...levels].join(', ')}`);
    }
  });
  listOf(card, 'waivers').forEach((waiver, i) => {
    const rule = field(waiver, 'rule');
    if (typeof rule === 'string' && !ids.has(rule)) issue(['waivers', i, 'rule'], `unknown rule "${rule}"`);
  });
}
