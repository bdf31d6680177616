import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateGovernance } from './checks.js';
import type { GovernanceFlags } from './schema.js';
import {
  DEFAULT_SCORECARD,
  evaluateScorecard,
  governanceFlagFacts,
  parseScorecard,
  rollUp,
  rollUpByTeam,
  waiverActive,
  type ScorecardResult,
} from './scorecard.js';
import { ScorecardSchema, type Facts, type Scorecard, type Waiver } from './scorecard-schema.js';

const FLAGS = ['runbook', 'monitoring', 'ownership', 'documentation', 'incidentResponse'] as const;
const flagsArb = fc.record(
  Object.fromEntries(FLAGS.map((f) => [f, fc.boolean()])) as Record<(typeof FLAGS)[number], fc.Arbitrary<boolean>>,
  { requiredKeys: [] },
);

const svc = (facts: Facts, name = 'payments', team = 'payments') => ({ name, team, facts });

describe('the default scorecard is the seed', () => {
  it('fails the same checks with the same messages, in the same order, for every flag combination', () => {
    fc.assert(
      fc.property(flagsArb, (flags: GovernanceFlags) => {
        const seed = evaluateGovernance('payments', flags);
        const card = evaluateScorecard(DEFAULT_SCORECARD, svc(governanceFlagFacts(flags)));
        expect(card.failed).toEqual(seed.failed.map((c) => c.name));
        expect(card.rules.filter((r) => !r.passed).map((r) => r.message)).toEqual(seed.failed.map((c) => c.message));
        expect(card.rules.map((r) => r.id)).toEqual(seed.checks.map((c) => c.name));
      }),
      { numRuns: 200 },
    );
  });

  it('is a valid scorecard', () => {
    expect(ScorecardSchema.parse(DEFAULT_SCORECARD)).toEqual(DEFAULT_SCORECARD);
  });

  it.each<[string, GovernanceFlags, string | null, number, string | null, string[]]>([
    [
      'all five',
      { runbook: true, monitoring: true, ownership: true, documentation: true, incidentResponse: true },
      'gold',
      100,
      null,
      [],
    ],
    [
      'the seed payments (no docs, no incident response)',
      { runbook: true, monitoring: true, ownership: true },
      'bronze',
      60,
      'silver',
      ['documentation'],
    ],
    [
      'checkout (runbook, ownership)',
      { runbook: true, ownership: true },
      'bronze',
      40,
      'silver',
      ['monitoring', 'documentation'],
    ],
    [
      'all but incident response',
      { runbook: true, monitoring: true, ownership: true, documentation: true },
      'silver',
      80,
      'gold',
      ['incident_response'],
    ],
    [
      'no owner: no level, whatever else passes',
      { runbook: true, monitoring: true, documentation: true, incidentResponse: true },
      null,
      80,
      'bronze',
      ['ownership'],
    ],
    ['nothing', {}, null, 0, 'bronze', ['runbook', 'ownership']],
  ])('%s → %s, %s', (_label, flags, level, score, next, gap) => {
    const r = evaluateScorecard(DEFAULT_SCORECARD, svc(governanceFlagFacts(flags)));
    expect([r.level, r.score, r.nextLevel, r.gap]).toEqual([level, score, next, gap]);
  });
});

const card = (rules: { id: string; level: string; weight?: number; fact?: string }[]): Scorecard =>
  ScorecardSchema.parse({
    apiVersion: 'pt/v1',
    kind: 'Scorecard',
    name: 'test',
    levels: ['bronze', 'silver', 'gold'],
    rules: rules.map((r) => ({
      id: r.id,
      title: r.id,
      level: r.level,
      ...(r.weight === undefined ? {} : { weight: r.weight }),
      condition: { fact: r.fact ?? r.id, equals: true },
    })),
  });

describe('levels are cumulative', () => {
  const sc = card([
    { id: 'b1', level: 'bronze' },
    { id: 's1', level: 'silver' },
    { id: 'g1', level: 'gold' },
  ]);
  it.each<[string, Facts, string | null, string | null, string[]]>([
    ['all pass', { b1: true, s1: true, g1: true }, 'gold', null, []],
    ['gold passes but silver fails: bronze', { b1: true, g1: true }, 'bronze', 'silver', ['s1']],
    ['only gold passes: none', { g1: true }, null, 'bronze', ['b1']],
    ['bronze and silver', { b1: true, s1: true }, 'silver', 'gold', ['g1']],
    ['nothing', {}, null, 'bronze', ['b1']],
  ])('%s', (_label, facts, level, next, gap) => {
    const r = evaluateScorecard(sc, svc(facts));
    expect([r.level, r.nextLevel, r.gap]).toEqual([level, next, gap]);
  });

  it('a level without rules is reached once every lower level passes', () => {
    const sparse = card([
      { id: 'b1', level: 'bronze' },
      { id: 'g1', level: 'gold' },
    ]);
    expect(evaluateScorecard(sparse, svc({ b1: true })).level).toBe('silver');
    expect(evaluateScorecard(sparse, svc({ b1: true })).gap).toEqual(['g1']);
  });

  it('the gap to the next level includes failing rules of lower levels too (never empty below the top)', () => {
    fc.assert(
      fc.property(fc.record({ b1: fc.boolean(), s1: fc.boolean(), g1: fc.boolean() }), (facts) => {
        const r = evaluateScorecard(sc, svc(facts));
        if (r.nextLevel !== null) expect(r.gap.length).toBeGreaterThan(0);
        // Fixing the gap reaches the next level.
        const fixed = { ...facts, ...Object.fromEntries(r.gap.map((id) => [id, true])) };
        if (r.nextLevel !== null) {
          const after = evaluateScorecard(sc, svc(fixed)).level;
          expect(sc.levels.indexOf(after ?? '')).toBeGreaterThanOrEqual(sc.levels.indexOf(r.nextLevel));
        }
      }),
    );
  });
});

describe('weights normalise to 100', () => {
  it.each<[string, { id: string; level: string; weight?: number }[], Facts, number]>([
    [
      'equal weights, 1 of 3',
      [
        { id: 'a', level: 'bronze' },
        { id: 'b', level: 'bronze' },
        { id: 'c', level: 'bronze' },
      ],
      { a: true },
      33.3,
    ],
    [
      'equal weights, 2 of 3',
      [
        { id: 'a', level: 'bronze' },
        { id: 'b', level: 'bronze' },
        { id: 'c', level: 'bronze' },
      ],
      { a: true, b: true },
      66.7,
    ],
    [
      '3:1, the heavy one passes',
      [
        { id: 'a', level: 'bronze', weight: 3 },
        { id: 'b', level: 'bronze', weight: 1 },
      ],
      { a: true },
      75,
    ],
    [
      '3:1, the light one passes',
      [
        { id: 'a', level: 'bronze', weight: 3 },
        { id: 'b', level: 'bronze', weight: 1 },
      ],
      { b: true },
      25,
    ],
    [
      'fractional weights 0.5 and 1.5',
      [
        { id: 'a', level: 'bronze', weight: 0.5 },
        { id: 'b', level: 'gold', weight: 1.5 },
      ],
      { a: true },
      25,
    ],
    [
      'big weights 1000:3000',
      [
        { id: 'a', level: 'bronze', weight: 1000 },
        { id: 'b', level: 'bronze', weight: 3000 },
      ],
      { b: true },
      75,
    ],
  ])('%s → %s', (_label, rules, facts, score) => {
    expect(evaluateScorecard(card(rules), svc(facts)).score).toBe(score);
  });

  it('scaling every weight leaves the score unchanged; all pass = 100, none = 0', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 100 }), fc.boolean()), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 2, max: 50 }),
        (spec, k) => {
          const rules = spec.map(([w], i) => ({ id: `r${i}`, level: 'bronze', weight: w }));
          const facts = Object.fromEntries(spec.map(([, p], i) => [`r${i}`, p]));
          const a = evaluateScorecard(card(rules), svc(facts)).score;
          const b = evaluateScorecard(card(rules.map((r) => ({ ...r, weight: r.weight * k }))), svc(facts)).score;
          expect(a).toBe(b);
          expect(a).toBeGreaterThanOrEqual(0);
          expect(a).toBeLessThanOrEqual(100);
          const all = Object.fromEntries(spec.map((_, i) => [`r${i}`, true]));
          expect(evaluateScorecard(card(rules), svc(all)).score).toBe(100);
          expect(evaluateScorecard(card(rules), svc({})).score).toBe(0);
        },
      ),
    );
  });
});

describe('waivers', () => {
  const waiver: Waiver = {
    rule: 'documentation',
    service: 'payments',
    reason: 'docs migration',
    expires: '2026-03-15',
  };
  const flags = { runbook: true, monitoring: true, ownership: true, incidentResponse: true };
  const run = (at: string | undefined, waivers: readonly Waiver[] = [waiver], team = 'payments') =>
    evaluateScorecard(DEFAULT_SCORECARD, svc(governanceFlagFacts(flags), 'payments', team), {
      waivers,
      ...(at === undefined ? {} : { at }),
    });

  it.each<[string, string, boolean]>([
    ['D-1', '2026-03-14', true],
    ['D (the expiry day counts)', '2026-03-15', true],
    ['D+1', '2026-03-16', false],
    ['a year before', '2025-03-15', true],
    ['next month', '2026-04-01', false],
  ])('expiring on D: on %s it counts = %s', (_label, at, counts) => {
    expect(waiverActive(waiver, at)).toBe(counts);
    const r = run(at);
    expect(r.waived).toEqual(counts ? ['documentation'] : []);
    expect(r.failed).toEqual(counts ? [] : ['documentation']);
    expect(r.level).toBe(counts ? 'gold' : 'bronze');
    expect(r.score).toBe(counts ? 100 : 80);
    expect(r.expiredWaivers).toEqual(counts ? [] : [waiver]);
    const outcome = r.rules.find((x) => x.id === 'documentation');
    expect(outcome?.passed).toBe(counts);
    expect(outcome?.message).toBe(counts ? '' : 'payments lacks documentation');
  });

  it('applies to every service of a team', () => {
    const teamWaiver: Waiver = { rule: 'documentation', team: 'payments', reason: 'x', expires: '2026-03-15' };
    expect(run('2026-03-01', [teamWaiver]).waived).toEqual(['documentation']);
    expect(run('2026-03-01', [teamWaiver], 'other').waived).toEqual([]);
  });

  it('without a date, no waiver applies and none is reported expired', () => {
    expect(run(undefined).waived).toEqual([]);
    expect(run(undefined).expiredWaivers).toEqual([]);
  });

  it('does not mark a passing rule as waived', () => {
    const passing: Waiver = { ...waiver, rule: 'runbook' };
    expect(run('2026-01-01', [passing]).waived).toEqual([]);
  });
});

describe('roll-ups', () => {
  const results: ScorecardResult[] = [
    [
      'a',
      'platform',
      { runbook: true, monitoring: true, ownership: true, documentation: true, incidentResponse: true },
    ],
    ['b', 'platform', { runbook: true, ownership: true }],
    ['c', 'payments', { runbook: true, monitoring: true, ownership: true }],
    ['d', 'payments', {}],
  ].map(([name, team, flags]) =>
    evaluateScorecard(
      DEFAULT_SCORECARD,
      svc(governanceFlagFacts(flags as GovernanceFlags), name as string, team as string),
    ),
  );

  it('fleet: level distribution, average score, most-failed rules', () => {
    expect(rollUp(DEFAULT_SCORECARD, results)).toEqual({
      services: 4,
      levels: { bronze: 2, silver: 0, gold: 1, none: 1 },
      averageScore: 50, // (100 + 40 + 60 + 0) / 4
      mostFailed: [
        { rule: 'documentation', failed: 3 },
        { rule: 'incident_response', failed: 3 },
        { rule: 'monitoring', failed: 2 },
        { rule: 'runbook', failed: 1 },
        { rule: 'ownership', failed: 1 },
      ],
    });
  });

  it('per team, teams in order of first appearance', () => {
    const byTeam = rollUpByTeam(DEFAULT_SCORECARD, results);
    expect(byTeam.map((t) => [t.team, t.rollup.averageScore, t.rollup.levels])).toEqual([
      ['platform', 70, { bronze: 1, silver: 0, gold: 1, none: 0 }],
      ['payments', 30, { bronze: 1, silver: 0, gold: 0, none: 1 }],
    ]);
  });

  it('an empty fleet', () => {
    expect(rollUp(DEFAULT_SCORECARD, [])).toEqual({
      services: 0,
      levels: { bronze: 0, silver: 0, gold: 0, none: 0 },
      averageScore: 0,
      mostFailed: [],
    });
  });
});

describe('parseScorecard', () => {
  const good = `apiVersion: pt/v1
kind: Scorecard
name: production-readiness
levels: [bronze, silver]
rules:
  - id: owner
    title: Has an owner
    level: bronze
    weight: 2
    condition: { fact: owner, present: true }
  - id: tier
    title: Critical services are in production
    level: silver
    condition:
      any:
        - { fact: tier, gte: 2 }
        - { fact: lifecycle, equals: production }
    message: "{service} is tier 1 but not in production"
waivers:
  - { rule: tier, service: payments, reason: migration, expires: 2026-12-31 }
`;

  it('reads a scorecard, with weight 1 by default', () => {
    const r = parseScorecard(good, 'sc.yaml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scorecard.rules.map((x) => [x.id, x.weight])).toEqual([
      ['owner', 2],
      ['tier', 1],
    ]);
    const result = evaluateScorecard(r.scorecard, svc({ owner: 'x', tier: 1, lifecycle: 'beta' }));
    expect(result.rules[1]?.message).toBe('payments is tier 1 but not in production');
    expect(result.score).toBe(66.7);
  });

  it.each<[string, string, string[]]>([
    [
      'an unknown level, a bad operator value, a duplicate id',
      good.replace('level: silver', 'level: platinum').replace('gte: 2', 'gte: two').replace('id: tier', 'id: owner'),
      [
        'sc.yaml:11 rules[1].id: duplicate rule id "owner"',
        'sc.yaml:13 rules[1].level: unknown level "platinum"; levels are bronze, silver',
        'sc.yaml:16 rules[1].condition.any[0].gte: must be a number, got "two"',
        'sc.yaml:20 waivers[0].rule: unknown rule "tier"',
      ],
    ],
    [
      'a pattern the linear-time engine does not support (look-ahead), located by column',
      good.replace('{ fact: owner, present: true }', '{ fact: owner, matches: "^(?=team-)" }'),
      [
        'sc.yaml:10:31 rules[0].condition.matches: must be a regular expression in RE2 syntax (linear-time; no look-around or back-references): invalid or unsupported Perl syntax: `(?=`',
      ],
    ],
    [
      'a back-reference',
      good.replace('{ fact: owner, present: true }', '{ fact: owner, matches: "(x)\\\\1" }'),
      [
        'sc.yaml:10:31 rules[0].condition.matches: must be a regular expression in RE2 syntax (linear-time; no look-around or back-references): invalid escape sequence: `\\1`',
      ],
    ],
    [
      'an unknown operator',
      good.replace('present: true', 'exists: true'),
      [
        'sc.yaml:10 rules[0].condition: must be a condition: {fact, present|absent|equals|in|gt|gte|lt|lte|matches} or {all|any|not}',
      ],
    ],
    [
      'a waiver date that does not exist',
      good.replace('2026-12-31', '2026-02-30'),
      ['sc.yaml:20 waivers[0].expires: must be a date YYYY-MM-DD, got "2026-02-30"'],
    ],
    [
      'a waiver naming nobody',
      good.replace('service: payments, ', ''),
      ['sc.yaml:20 waivers[0]: must name exactly one of service or team'],
    ],
    [
      'a list where a fact value belongs',
      good.replace('{ fact: lifecycle, equals: production }', '{ fact: lifecycle, equals: [production] }'),
      ['sc.yaml:17 rules[1].condition.any[1].equals: must be a string, a finite number or a boolean, got a list'],
    ],
    ['a negative weight', good.replace('weight: 2', 'weight: -2'), ['sc.yaml:9 rules[0].weight: must be > 0, got -2']],
    ['a YAML syntax error', 'levels: [a\nrules: x', ['sc.yaml:2:1: YAML syntax error: deficient indentation']],
    ['two documents', `${good}---\n${good}`, ['sc.yaml: expected one YAML document, found 2']],
  ])('%s', (_label, text, expected) => {
    const r = parseScorecard(text, 'sc.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = r.issues.map(
      (i) =>
        `${i.file}${i.line === undefined ? '' : `:${i.line}`}${i.code === 'E_SYNTAX' && i.column !== undefined ? `:${i.column}` : ''}${i.path === '' ? '' : ` ${i.path}`}: ${i.message}`,
    );
    expect(lines).toEqual(expected);
  });
});
