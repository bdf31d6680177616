import { costProfile } from '@pt/cost';
import { DEFAULT_SCORECARD, evaluateScorecard, governanceVerdict, type GovernanceFlags } from '@pt/governance';
import type { ReliabilityMetrics } from '@pt/reliability';
import { sloEvidence } from '@pt/slo';
import { describe, expect, it } from 'vitest';
import type { ServiceSpec } from '../fleet/schema.js';
import type { Health, Reason } from '../report/schema.js';
import { assessHealth, healthFromPoints, type HealthInputs } from './rules.js';
import { PlatformService } from './service.js';

type Sections = Omit<ServiceSpec, 'name' | 'team'>;

/** A service named `svc` of team `t` with the given sections. */
const service = (sections: Sections = {}) => new PlatformService({ name: 'svc', team: 't', ...sections });

const points = (reasons: readonly Reason[], domain: Reason['domain']) =>
  reasons.find((r) => r.domain === domain)?.points ?? 0;

/** Reliability metrics for the scores the tests need (every score is a multiple of 5). */
const RELIABILITY: Record<number, ReliabilityMetrics> = {
  100: { uptimePct: 99.99, mttrMinutes: 5, incidents30d: 0, changeFailureRatePct: 5 }, // 40+25+20+15
  85: { uptimePct: 99.95, mttrMinutes: 8, incidents30d: 1, changeFailureRatePct: 5 }, // 35+20+15+15 (seed)
  70: { uptimePct: 99.5, mttrMinutes: 25, incidents30d: 0, changeFailureRatePct: 12 }, // 25+15+20+10
  65: { uptimePct: 99.5, mttrMinutes: 25, incidents30d: 1, changeFailureRatePct: 12 }, // 25+15+15+10
  60: { uptimePct: 99.5, mttrMinutes: 25, incidents30d: 3, changeFailureRatePct: 12 }, // 25+15+10+10 (seed)
  50: { uptimePct: 99.5, mttrMinutes: 25, incidents30d: 3, changeFailureRatePct: 50 }, // 25+15+10+0
  45: { uptimePct: 99.5, mttrMinutes: 45, incidents30d: 3, changeFailureRatePct: 50 }, // 25+10+10+0
  15: { uptimePct: 90, mttrMinutes: 120, incidents30d: 10, changeFailureRatePct: 50 }, // 5+5+5+0
};
const reliability = (score: number): ReliabilityMetrics => {
  const metrics = RELIABILITY[score];
  if (metrics === undefined) throw new Error(`no fixture for reliability score ${score}`);
  return metrics;
};

const ALL_FLAGS = {
  runbook: true,
  monitoring: true,
  ownership: true,
  documentation: true,
  incidentResponse: true,
} as const satisfies GovernanceFlags;
type Flag = keyof typeof ALL_FLAGS;
/** Governance flags with exactly these checks failing (set to false). */
const failing = (...flags: Flag[]): GovernanceFlags => {
  const out: GovernanceFlags = { ...ALL_FLAGS };
  for (const flag of flags) out[flag] = false;
  return out;
};

const SEED_MESSAGES: Record<Flag, string> = {
  runbook: 'svc missing operational runbook',
  monitoring: 'svc missing monitoring configuration',
  ownership: 'svc has no designated owner',
  documentation: 'svc lacks documentation',
  incidentResponse: 'svc has no incident response plan',
};

describe('healthFromPoints (points ≥4 critical, ≥2 degraded, else healthy)', () => {
  it.each([
    [0, 'healthy'],
    [1, 'healthy'],
    [2, 'degraded'],
    [3, 'degraded'],
    [4, 'critical'],
    [5, 'critical'],
    [7, 'critical'],
  ] as const)('%i points → %s', (n, health) => {
    expect(healthFromPoints(n)).toBe(health);
  });
});

describe('SLO rule: any SLO not met +2', () => {
  it.each([
    // target, current, met
    [99.9, 99.95, true],
    [99.9, 99.9, true], // current == target is met
    [99.9, 99.89, false],
    [99.99, 99.8, false], // the seed's payments availability
    [100, 100, true],
    [100, 99.999, false],
    [0.001, 0, false],
    [50, 100, true],
  ])('target %s, current %s → met %s', (target, current, met) => {
    const s = service({ slos: [{ name: 'availability', target, current }] });
    expect(s.breachesSlo).toBe(!met);
    expect(points(s.reasons, 'slo')).toBe(met ? 0 : 2);
    expect(s.points).toBe(met ? 0 : 2);
    expect(s.health).toBe(met ? 'healthy' : 'degraded');
    expect([s.slos.met, s.slos.total]).toEqual([met ? 1 : 0, 1]);
  });

  it('adds 2 points once, however many SLOs are breached, and names each of them', () => {
    const s = service({
      slos: [
        { name: 'availability', target: 99.9, current: 99.5 },
        { name: 'latency-p99', target: 99, current: 99.5 },
        { name: 'errors', target: 99, current: 98.25 },
      ],
    });
    expect(s.reasons).toEqual([
      { domain: 'slo', points: 2, message: 'SLOs not met: availability (99.5% < 99.9%), errors (98.25% < 99%)' },
    ]);
    expect(s.points).toBe(2);
  });

  it('names a single breached SLO in the singular', () => {
    const s = service({ slos: [{ name: 'availability', target: 99.99, current: 99.8 }] });
    expect(s.reasons).toEqual([{ domain: 'slo', points: 2, message: 'SLO not met: availability (99.8% < 99.99%)' }]);
  });
});

describe('reliability rule: score < 50 +2, 50..69 +1, ≥ 70 nothing, no score nothing', () => {
  it.each([
    // score, points, message
    [15, 2, 'reliability score 15 is below 50'],
    [45, 2, 'reliability score 45 is below 50'],
    [50, 1, 'reliability score 50 is below 70'],
    [60, 1, 'reliability score 60 is below 70'],
    [65, 1, 'reliability score 65 is below 70'],
    [70, 0, null],
    [85, 0, null],
    [100, 0, null],
  ])('score %i → +%i', (score, expected, message) => {
    const s = service({ reliability: reliability(score) });
    expect(s.reliabilityScore).toBe(score);
    expect(s.points).toBe(expected);
    expect(s.reasons).toEqual(message === null ? [] : [{ domain: 'reliability', points: expected, message }]);
  });

  it.each([
    // Scores that metrics cannot produce, straight into the rule: the bounds are exact.
    [0, 2],
    [49, 2],
    [49.99, 2],
    [50, 1],
    [69, 1],
    [69.99, 1],
    [70, 0],
    [null, 0],
  ])('assessHealth with score %s → +%i', (score, expected) => {
    const inputs: HealthInputs = {
      hasData: true,
      slos: sloEvidence([]),
      reliabilityScore: score,
      governance: governanceVerdict([]),
      cost: costProfile(undefined),
    };
    const assessment = assessHealth(inputs);
    expect(assessment.points).toBe(expected);
    expect(points(assessment.reasons, 'reliability')).toBe(expected);
  });

  it('gives no points and a null score without a reliability section', () => {
    const s = service({ slos: [{ name: 'a', target: 99, current: 99 }] });
    expect(s.reliabilityScore).toBeNull();
    expect(s.reliability).toBeNull();
    expect(s.points).toBe(0);
  });
});

describe('governance rule: 1-2 failed checks +1, ≥3 +2', () => {
  it.each([
    // failing flags, points, status
    [[], 0, 'compliant'],
    [['runbook'], 1, 'needs_review'],
    [['incidentResponse'], 1, 'needs_review'],
    [['documentation', 'incidentResponse'], 1, 'needs_review'],
    [['runbook', 'monitoring', 'ownership'], 2, 'non_compliant'],
    [['runbook', 'monitoring', 'ownership', 'documentation'], 2, 'non_compliant'],
    [['runbook', 'monitoring', 'ownership', 'documentation', 'incidentResponse'], 2, 'non_compliant'],
  ] as const)('failing %j → +%i, %s', (flags, expected, status) => {
    const s = service({ governance: failing(...flags) });
    expect(s.governance.status).toBe(status);
    expect(s.governance.failed).toHaveLength(flags.length);
    expect(s.points).toBe(expected);
    expect(s.health).toBe(expected >= 2 ? 'degraded' : 'healthy');
    if (flags.length === 0) {
      expect(s.reasons).toEqual([]);
      return;
    }
    const noun = flags.length === 1 ? 'governance check' : 'governance checks';
    const list = flags.map((f) => SEED_MESSAGES[f]).join('; ');
    expect(s.reasons).toEqual([
      { domain: 'governance', points: expected, message: `${flags.length} ${noun} failed: ${list}` },
    ]);
  });

  it('lists every failed check with its seed message, in check order', () => {
    const s = service({ governance: { documentation: true } });
    expect(s.reasons).toEqual([
      {
        domain: 'governance',
        points: 2,
        message:
          '4 governance checks failed: svc missing operational runbook; svc missing monitoring configuration; ' +
          'svc has no designated owner; svc has no incident response plan',
      },
    ]);
  });

  it('treats a flag set to false like an absent flag', () => {
    const explicit = service({ governance: { ...ALL_FLAGS, ownership: false } });
    const { ownership: _dropped, ...rest } = ALL_FLAGS;
    const absent = service({ governance: rest });
    expect(absent.reasons).toEqual(explicit.reasons);
    expect(absent.reasons[0]?.message).toBe('1 governance check failed: svc has no designated owner');
  });

  it('gives no points but needs_review without a governance section', () => {
    const s = service({ slos: [{ name: 'a', target: 99, current: 99 }] });
    expect(s.governance.status).toBe('needs_review');
    expect(s.governance.checks).toEqual([]);
    expect(s.points).toBe(0);
    expect(s.health).toBe('healthy');
  });

  it('counts `governance: {}` as five failed checks: non_compliant, +2', () => {
    const s = service({ governance: {} });
    expect(s.governance.status).toBe('non_compliant');
    expect(s.governance.failed).toHaveLength(5);
    expect(s.points).toBe(2);
    expect(s.health).toBe('degraded');
    expect(s.reasons[0]?.message).toBe(`5 governance checks failed: ${Object.values(SEED_MESSAGES).join('; ')}`);
  });
});

describe('cost rule: over budget +1 (latest > budget > 0)', () => {
  const entries = (...amounts: number[]) =>
    amounts.map((amount, i) => ({ month: `2024-${String(i + 1).padStart(2, '0')}`, amount }));

  it.each([
    // label, cost section, over budget
    ['latest above budget', { budgetMonthly: 3000, entries: entries(2800, 3500) }, true],
    ['latest equal to budget', { budgetMonthly: 3000, entries: entries(3500, 3000) }, false],
    ['latest just below budget', { budgetMonthly: 3000, entries: entries(2999.99) }, false],
    ['latest just above budget', { budgetMonthly: 3000, entries: entries(3000.01) }, true],
    ['budget 0 means no budget', { budgetMonthly: 0, entries: entries(1_000_000) }, false],
    ['no budget', { entries: entries(1_000_000) }, false],
    ['no entries', { budgetMonthly: 3000 }, false],
    ['empty section', {}, false],
    [
      'an earlier month above budget, the latest below',
      {
        budgetMonthly: 3000,
        entries: [
          { month: '2024-03', amount: 100 },
          { month: '2024-01', amount: 9999 },
        ],
      },
      false,
    ],
    [
      'the latest month listed first',
      {
        budgetMonthly: 3000,
        entries: [
          { month: '2024-03', amount: 9999 },
          { month: '2024-01', amount: 100 },
        ],
      },
      true,
    ],
  ])('%s → over budget %s', (_label, cost, over) => {
    const s = service({ cost });
    expect(s.cost.overBudget).toBe(over);
    expect(s.points).toBe(over ? 1 : 0);
    expect(s.health).toBe('healthy');
    expect(s.reasons.map((r) => r.domain)).toEqual(over ? ['cost'] : []);
  });

  it('names the latest month, the spend and the budget in its currency', () => {
    const s = service({
      cost: {
        budgetMonthly: 3000,
        currency: 'EUR',
        entries: [
          { month: '2024-02', amount: 3500 },
          { month: '2024-01', amount: 2800 },
        ],
      },
    });
    expect(s.reasons).toEqual([
      {
        domain: 'cost',
        points: 1,
        message: 'over budget: 2024-02 spend 3500 EUR exceeds the monthly budget of 3000 EUR',
      },
    ]);
  });
});

describe('points add up across domains', () => {
  const breach = [{ name: 'availability', target: 99.9, current: 99 }];
  const over = { budgetMonthly: 100, entries: [{ month: '2024-01', amount: 200 }] };
  it.each<[string, Sections, number, number, number, number, number, Health]>([
    // label, sections, slo, reliability, governance, cost, total, health
    ['nothing fires', { slos: [{ name: 'a', target: 99, current: 99 }] }, 0, 0, 0, 0, 0, 'healthy'],
    ['over budget only', { cost: over }, 0, 0, 0, 1, 1, 'healthy'],
    ['reliability 65 only', { reliability: reliability(65) }, 0, 1, 0, 0, 1, 'healthy'],
    ['one governance failure only', { governance: failing('runbook') }, 0, 0, 1, 0, 1, 'healthy'],
    ['an SLO breach only', { slos: breach }, 2, 0, 0, 0, 2, 'degraded'],
    ['reliability 45 only', { reliability: reliability(45) }, 0, 2, 0, 0, 2, 'degraded'],
    ['reliability 65 + over budget', { reliability: reliability(65), cost: over }, 0, 1, 0, 1, 2, 'degraded'],
    ['SLO breach + over budget', { slos: breach, cost: over }, 2, 0, 0, 1, 3, 'degraded'],
    [
      'reliability 65 + governance 1 + over budget',
      { reliability: reliability(65), governance: failing('runbook'), cost: over },
      0,
      1,
      1,
      1,
      3,
      'degraded',
    ],
    [
      'SLO breach + reliability 65 + governance 1',
      { slos: breach, reliability: reliability(65), governance: failing('runbook') },
      2,
      1,
      1,
      0,
      4,
      'critical',
    ],
    ['SLO breach + reliability 45', { slos: breach, reliability: reliability(45) }, 2, 2, 0, 0, 4, 'critical'],
    ['reliability 45 + governance {}', { reliability: reliability(45), governance: {} }, 0, 2, 2, 0, 4, 'critical'],
    [
      'everything at its worst',
      { slos: breach, reliability: reliability(15), governance: {}, cost: over },
      2,
      2,
      2,
      1,
      7,
      'critical',
    ],
  ])('%s', (_label, sections, slo, rel, gov, cost, total, health) => {
    const s = service(sections);
    expect([
      points(s.reasons, 'slo'),
      points(s.reasons, 'reliability'),
      points(s.reasons, 'governance'),
      points(s.reasons, 'cost'),
    ]).toEqual([slo, rel, gov, cost]);
    expect(s.points).toBe(total);
    expect(s.reasons.reduce((sum, r) => sum + r.points, 0)).toBe(total);
    expect(s.health).toBe(health);
  });

  it('gives one reason per domain that fires, in the order slo, reliability, governance, cost', () => {
    const s = service({
      // Sections written in the opposite order: the reasons keep the contract's order.
      cost: over,
      governance: failing('runbook', 'monitoring'),
      reliability: reliability(60),
      slos: [...breach, { name: 'latency', target: 99, current: 1 }],
    });
    expect(s.reasons.map((r) => [r.domain, r.points])).toEqual([
      ['slo', 2],
      ['reliability', 1],
      ['governance', 1],
      ['cost', 1],
    ]);
    expect(s.points).toBe(5);
    expect(s.health).toBe('critical');
  });
});

describe('unknown: nothing measurable', () => {
  it.each<[string, Sections]>([
    ['no sections', {}],
    ['an empty slos list', { slos: [] }],
    ['a tier only', { tier: 2 }],
    ['a tier and an empty slos list', { tier: 1, slos: [] }],
  ])('%s → unknown, 0 points, no reasons', (_label, sections) => {
    const s = service(sections);
    expect(s.health).toBe('unknown');
    expect(s.points).toBe(0);
    expect(s.reasons).toEqual([]);
    expect(s.toReport()).toMatchObject({
      health: 'unknown',
      reliabilityScore: null,
      governance: 'needs_review',
      monthlyCost: 0,
      costTrend: 'stable',
      slosMet: 0,
      slosTotal: 0,
      reasons: [],
    });
  });

  it.each<[string, Sections, Health, number]>([
    // A present section counts as data, even when empty.
    ['cost: {}', { cost: {} }, 'healthy', 0],
    ['cost with an empty entries list', { cost: { entries: [] } }, 'healthy', 0],
    ['governance: {}', { governance: {} }, 'degraded', 2],
    ['a full governance section', { governance: ALL_FLAGS }, 'healthy', 0],
    ['a reliability section', { reliability: reliability(85) }, 'healthy', 0],
    ['one met SLO', { slos: [{ name: 'a', target: 99, current: 99.5 }] }, 'healthy', 0],
    ['an empty slos list and cost: {}', { slos: [], cost: {} }, 'healthy', 0],
  ])('%s → %s (%i points), not unknown', (_label, sections, health, total) => {
    const s = service(sections);
    expect(s.health).toBe(health);
    expect(s.points).toBe(total);
  });

  it('assessHealth ignores every rule when there is no data', () => {
    const assessment = assessHealth({
      hasData: false,
      slos: sloEvidence([{ name: 'a', target: 99, current: 1 }]),
      reliabilityScore: 15,
      governance: governanceVerdict([evaluateScorecard(DEFAULT_SCORECARD, { name: 'svc', team: 't', facts: {} })]),
      cost: costProfile({ budgetMonthly: 1, entries: [{ month: '2024-01', amount: 2 }] }),
    });
    expect(assessment).toEqual({ health: 'unknown', points: 0, reasons: [] });
  });
});
