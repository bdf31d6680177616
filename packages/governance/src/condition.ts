import { compilePattern, type Condition, type FactValue, type Facts } from './scorecard-schema.js';

/** A condition's outcome, with a reason a person can act on. */
export interface ConditionResult {
  readonly passed: boolean;
  readonly reason: string;
}

/** The fact's value, reading own properties only (a fact named `constructor` is just absent). */
function factOf(facts: Facts, name: string): FactValue | undefined {
  return Object.hasOwn(facts, name) ? facts[name] : undefined;
}

/** A value as JSON (`"a"`, `1`, `true`), or `absent`; booleans, by far the most common, without JSON.stringify. */
const show = (value: FactValue | undefined) =>
  value === undefined ? 'absent' : typeof value === 'boolean' ? (value ? 'true' : 'false') : JSON.stringify(value);

function numeric(facts: Facts, name: string, op: string, limit: number, test: (v: number) => boolean): ConditionResult {
  const value = factOf(facts, name);
  if (typeof value !== 'number') {
    return { passed: false, reason: `${name} is ${show(value)}, expected a number ${op} ${limit}` };
  }
  const passed = test(value);
  return { passed, reason: `${name} is ${value}, ${passed ? '' : 'expected '}${op} ${limit}` };
}

/**
 * Evaluates a condition over a service's facts. Absent facts fail every test but `absent` (and
 * `present: false`); a type mismatch fails (a string "1" is not the number 1). A `matches`
 * pattern runs on RE2JS (linear time in the value; it finds the pattern anywhere, like `RegExp.test`).
 */
export function evaluateCondition(condition: Condition, facts: Facts): ConditionResult {
  if ('all' in condition) {
    for (const c of condition.all) {
      const r = evaluateCondition(c, facts);
      if (!r.passed) return r;
    }
    return { passed: true, reason: `all ${condition.all.length} conditions hold` };
  }
  if ('any' in condition) {
    const results = condition.any.map((c) => evaluateCondition(c, facts));
    const hit = results.find((r) => r.passed);
    if (hit !== undefined) return hit;
    return { passed: false, reason: `none holds: ${results.map((r) => r.reason).join('; ')}` };
  }
  if ('not' in condition) {
    const r = evaluateCondition(condition.not, facts);
    return { passed: !r.passed, reason: `not (${r.reason})` };
  }
  const name = condition.fact;
  const value = factOf(facts, name);
  if ('present' in condition) {
    const passed = (value !== undefined) === condition.present;
    return { passed, reason: `${name} is ${value === undefined ? 'absent' : 'present'}` };
  }
  if ('absent' in condition) {
    const passed = (value === undefined) === condition.absent;
    return { passed, reason: `${name} is ${value === undefined ? 'absent' : 'present'}` };
  }
  if ('equals' in condition) {
    const passed = value === condition.equals;
    return {
      passed,
      reason: passed ? `${name} is ${show(value)}` : `${name} is ${show(value)}, expected ${show(condition.equals)}`,
    };
  }
  if ('in' in condition) {
    const passed = value !== undefined && condition.in.includes(value);
    const options = condition.in.map((v) => show(v)).join(', ');
    return { passed, reason: `${name} is ${show(value)}, ${passed ? 'one of' : 'expected one of'} ${options}` };
  }
  if ('gt' in condition) return numeric(facts, name, '>', condition.gt, (v) => v > condition.gt);
  if ('gte' in condition) return numeric(facts, name, '>=', condition.gte, (v) => v >= condition.gte);
  if ('lt' in condition) return numeric(facts, name, '<', condition.lt, (v) => v < condition.lt);
  if ('lte' in condition) return numeric(facts, name, '<=', condition.lte, (v) => v <= condition.lte);
  // `matches`: the only remaining operator.
  const pattern = condition.matches;
  if (typeof value !== 'string') {
    return { passed: false, reason: `${name} is ${show(value)}, expected a string matching /${pattern}/` };
  }
  const passed = compilePattern(pattern).test(value);
  return {
    passed,
    reason: `${name} is ${show(value)}, ${passed ? 'matches' : 'expected to match'} /${pattern}/`,
  };
}
