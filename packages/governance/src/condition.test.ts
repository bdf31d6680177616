import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateCondition } from './condition.js';
import { ConditionSchema, patternProblem, type Condition, type Facts } from './scorecard-schema.js';

const facts: Facts = { runbook: true, monitoring: false, tier: 2, owner: 'team-a', lifecycle: 'production', cost: 0 };

describe('operators', () => {
  it.each<[string, Condition, boolean, string]>([
    ['present, fact there', { fact: 'owner', present: true }, true, 'owner is present'],
    ['present, fact missing', { fact: 'system', present: true }, false, 'system is absent'],
    ['present: false, fact missing', { fact: 'system', present: false }, true, 'system is absent'],
    ['present, false value counts as present', { fact: 'monitoring', present: true }, true, 'monitoring is present'],
    ['absent, fact missing', { fact: 'system', absent: true }, true, 'system is absent'],
    ['absent, fact there', { fact: 'owner', absent: true }, false, 'owner is present'],
    ['absent: false, fact there', { fact: 'owner', absent: false }, true, 'owner is present'],
    ['equals true', { fact: 'runbook', equals: true }, true, 'runbook is true'],
    ['equals true on false', { fact: 'monitoring', equals: true }, false, 'monitoring is false, expected true'],
    ['equals on absent', { fact: 'docs', equals: true }, false, 'docs is absent, expected true'],
    ['equals string', { fact: 'owner', equals: 'team-a' }, true, 'owner is "team-a"'],
    ['equals is strict about type', { fact: 'tier', equals: '2' }, false, 'tier is 2, expected "2"'],
    [
      'in, hit',
      { fact: 'lifecycle', in: ['production', 'beta'] },
      true,
      'lifecycle is "production", one of "production", "beta"',
    ],
    ['in, miss', { fact: 'lifecycle', in: ['beta'] }, false, 'lifecycle is "production", expected one of "beta"'],
    ['in, absent', { fact: 'system', in: ['x'] }, false, 'system is absent, expected one of "x"'],
    ['gt, 2 > 1', { fact: 'tier', gt: 1 }, true, 'tier is 2, > 1'],
    ['gt, 2 > 2', { fact: 'tier', gt: 2 }, false, 'tier is 2, expected > 2'],
    ['gte, 2 >= 2', { fact: 'tier', gte: 2 }, true, 'tier is 2, >= 2'],
    ['gte, 2 >= 3', { fact: 'tier', gte: 3 }, false, 'tier is 2, expected >= 3'],
    ['lt, 2 < 3', { fact: 'tier', lt: 3 }, true, 'tier is 2, < 3'],
    ['lt, 2 < 2', { fact: 'tier', lt: 2 }, false, 'tier is 2, expected < 2'],
    ['lte, 2 <= 2', { fact: 'tier', lte: 2 }, true, 'tier is 2, <= 2'],
    ['lte, 2 <= 1', { fact: 'tier', lte: 1 }, false, 'tier is 2, expected <= 1'],
    ['lte, 0 <= 0', { fact: 'cost', lte: 0 }, true, 'cost is 0, <= 0'],
    ['numeric on a string', { fact: 'owner', gt: 1 }, false, 'owner is "team-a", expected a number > 1'],
    ['numeric on absent', { fact: 'x', lte: 1 }, false, 'x is absent, expected a number <= 1'],
    ['matches', { fact: 'owner', matches: '^team-' }, true, 'owner is "team-a", matches /^team-/'],
    ['matches, miss', { fact: 'owner', matches: '^group:' }, false, 'owner is "team-a", expected to match /^group:/'],
    ['matches on a number', { fact: 'tier', matches: '2' }, false, 'tier is 2, expected a string matching /2/'],
  ])('%s', (_label, condition, passed, reason) => {
    expect(ConditionSchema.safeParse(condition).success).toBe(true);
    expect(evaluateCondition(condition, facts)).toEqual({ passed, reason });
  });

  it('reads own facts only: a fact named like an Object method is absent', () => {
    expect(evaluateCondition({ fact: 'constructor', present: true }, {}).passed).toBe(false);
    expect(evaluateCondition({ fact: 'toString', absent: true }, {}).passed).toBe(true);
  });

  it('finds a pattern anywhere in the value, as RegExp.test does', () => {
    expect(evaluateCondition({ fact: 'x', matches: 'a' }, { x: 'a'.repeat(1001) }).passed).toBe(true);
    expect(evaluateCondition({ fact: 'x', matches: '^team-' }, { x: 'my-team-a' }).passed).toBe(false);
  });
});

describe('combinators', () => {
  const yes: Condition = { fact: 'runbook', equals: true };
  const no: Condition = { fact: 'monitoring', equals: true };
  it.each<[string, Condition, boolean, string]>([
    ['all, both hold', { all: [yes, yes] }, true, 'all 2 conditions hold'],
    ['all, the second fails: its reason', { all: [yes, no] }, false, 'monitoring is false, expected true'],
    ['any, one holds: its reason', { any: [no, yes] }, true, 'runbook is true'],
    [
      'any, none holds',
      { any: [no, { fact: 'tier', gt: 5 }] },
      false,
      'none holds: monitoring is false, expected true; tier is 2, expected > 5',
    ],
    ['not of a failing condition', { not: no }, true, 'not (monitoring is false, expected true)'],
    ['not of a holding condition', { not: yes }, false, 'not (runbook is true)'],
    ['nested', { all: [yes, { any: [no, { not: no }] }] }, true, 'all 2 conditions hold'],
  ])('%s', (_label, condition, passed, reason) => {
    expect(evaluateCondition(condition, facts)).toEqual({ passed, reason });
  });

  const leaf = fc.constantFrom<Condition>(yes, no, { fact: 'tier', gte: 2 }, { fact: 'x', present: true });
  const tree = fc.letrec<{ c: Condition }>((tie) => ({
    c: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
      fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
      tie('c').map((not) => ({ not })),
    ),
  })).c;
  const holds = (c: Condition) => evaluateCondition(c, facts).passed;

  it('follows boolean logic: all = every, any = some, not = negation, De Morgan', () => {
    fc.assert(
      fc.property(fc.array(tree, { minLength: 1, maxLength: 4 }), (cs) => {
        expect(holds({ all: cs })).toBe(cs.every(holds));
        expect(holds({ any: cs })).toBe(cs.some(holds));
        expect(holds({ not: { all: cs } })).toBe(holds({ any: cs.map((not) => ({ not })) }));
        expect(holds({ not: { not: cs[0] as Condition } })).toBe(holds(cs[0] as Condition));
      }),
    );
  });
});

describe('ConditionSchema', () => {
  it.each([
    [{ fact: 'a', present: true }, true],
    [{ fact: 'a', equals: 'x' }, true],
    [{ fact: 'a', in: [1, 'x', true] }, true],
    [{ fact: 'a', in: [] }, false],
    [{ fact: 'a', gte: Number.NaN }, false],
    [{ fact: 'a', gte: '3' }, false],
    [{ fact: 'a' }, false],
    [{ fact: 'a', equals: 1, gt: 0 }, false],
    [{ fact: '1a', present: true }, false],
    [{ all: [] }, false],
    [{ all: [{ fact: 'a', present: true }], any: [] }, false],
    [{ not: { fact: 'a', present: true } }, true],
    // Nested quantifiers are fine on a linear-time engine; look-around and back-references are not RE2.
    [{ fact: 'a', matches: '(a+)+$' }, true],
    [{ fact: 'a', matches: '(a|aa)*b' }, true],
    [{ fact: 'a', matches: '(\\w+\\s?)*$' }, true],
    [{ fact: 'a', matches: '([a-z]{2,})+' }, true],
    [{ fact: 'a', matches: '(x)\\1' }, false],
    [{ fact: 'a', matches: '(?=a)a' }, false],
    [{ fact: 'a', matches: '(?<!a)b' }, false],
    [{ fact: 'a', matches: 'a{1001}' }, false],
    [{ fact: 'a', matches: '[' }, false],
    [{ fact: 'a', matches: 'a'.repeat(201) }, false],
    [{ fact: 'a', matches: '^(prod|staging)$' }, true],
    [{ fact: 'a', matches: '^team-[a-z]+$' }, true],
  ])('%j valid: %s', (input, valid) => {
    expect(ConditionSchema.safeParse(input).success).toBe(valid);
  });

  it('explains a refused pattern', () => {
    expect(patternProblem('(a+)+')).toBeNull();
    expect(patternProblem('a(?=b)')).toBe(
      'must be a regular expression in RE2 syntax (linear-time; no look-around or back-references): invalid or unsupported Perl syntax: `(?=`',
    );
    expect(patternProblem('a'.repeat(201))).toBe('must be at most 200 characters');
    expect(patternProblem('^ok$')).toBeNull();
  });
});

// Issue 22, item 2: patterns that hang a backtracking engine. Each used to pass the old heuristic
// guard and not end on a 30-character value; on RE2JS each ends (vitest's timeout catches a hang).
describe('matches cannot hang (issue 22 item 2)', () => {
  const value = `${'a'.repeat(29)}!`;
  it.each([
    ['^((a)+)+$', value, false],
    ['^(?:(?:a)+)+$', value, false],
    ['^((\\w)+\\s?)+$', value, false],
    ['^.*.*.*.*.*.*.*.*b$', value, false],
    ['^((a)+)+$', 'a'.repeat(30), true],
    ['^((\\w)+\\s?)+$', 'ab cd ef gh ij kl mn op qr stu', true],
    ['^.*.*.*.*.*.*.*.*b$', `${'a'.repeat(29)}b`, true],
    ['^(([a-z0-9]+)-?)+$', `${'team-'.repeat(7)}a1b2c!`, false],
  ])('/%s/ on %j: %s', (pattern, fact, expected) => {
    expect(ConditionSchema.safeParse({ fact: 'f', matches: pattern }).success).toBe(true);
    expect(evaluateCondition({ fact: 'f', matches: pattern }, { f: fact }).passed).toBe(expected);
  });

  it('tests values of any length (no input cap)', () => {
    expect(evaluateCondition({ fact: 'f', matches: 'x$' }, { f: `${'a'.repeat(100_000)}x` }).passed).toBe(true);
  });
});
