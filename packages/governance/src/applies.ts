import { evaluateCondition, type ConditionResult } from './condition.js';
import type { AppliesTo, Condition, Facts, FactValue, Scorecard } from './scorecard-schema.js';

const SELECTORS = ['tier', 'type', 'lifecycle', 'team'] as const;

const listOf = (value: FactValue | readonly FactValue[]): FactValue[] =>
  typeof value === 'object' ? [...value] : [value];

/**
 * `appliesTo` as one condition of the language: `tier`, `type`, `lifecycle` and `team` test the
 * facts of those names (`in` the values given), `condition` as written, all of them required.
 */
export function appliesToCondition(appliesTo: AppliesTo): Condition {
  const tests: Condition[] = [];
  for (const key of SELECTORS) {
    const value = appliesTo[key];
    if (value !== undefined) tests.push({ fact: key, in: listOf(value) });
  }
  if (appliesTo.condition !== undefined) tests.push(appliesTo.condition);
  return tests.length === 1 && tests[0] !== undefined ? tests[0] : { all: tests };
}

/**
 * Does the scorecard apply to a service with these facts? Without `appliesTo` it applies to
 * every service. The reason says why not (e.g. `lifecycle is "experimental", expected one of "production"`).
 */
export function scorecardApplies(scorecard: Scorecard, facts: Facts): ConditionResult {
  if (scorecard.appliesTo === undefined) return { passed: true, reason: 'applies to every service' };
  return evaluateCondition(appliesToCondition(scorecard.appliesTo), facts);
}

const show = (value: FactValue) => (typeof value === 'string' ? value : String(value));

/** `appliesTo` in a few words: `tier 1, 2; type service`, with `condition` for a condition; `every service` without. */
export function describeAppliesTo(appliesTo: AppliesTo | undefined): string {
  if (appliesTo === undefined) return 'every service';
  const parts: string[] = [];
  for (const key of SELECTORS) {
    const value = appliesTo[key];
    if (value !== undefined) parts.push(`${key} ${listOf(value).map(show).join(', ')}`);
  }
  if (appliesTo.condition !== undefined) parts.push(`condition ${JSON.stringify(appliesTo.condition)}`);
  return parts.join('; ');
}
