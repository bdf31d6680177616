import { describe, expect, it } from 'vitest';
import { DEMO_FLEET } from '../demo.js';
import type { ServiceSpec } from '../fleet/schema.js';
import { SCORED_SERVICE_KEYS, SERVICE_KEYS } from '../report/contract.fixture.js';
import { ServiceReportSchema } from '../report/schema.js';
import { PlatformService } from './service.js';

const demo = (name: string): ServiceSpec => {
  const spec = DEMO_FLEET.services.find((s) => s.name === name);
  if (spec === undefined) throw new Error(`no demo service ${name}`);
  return spec;
};

describe('PlatformService', () => {
  it('evaluates the seed api-gateway: healthy, score 85, compliant, increasing', () => {
    const s = new PlatformService(demo('api-gateway'));
    expect(s.toReport()).toEqual({
      name: 'api-gateway',
      team: 'platform',
      health: 'healthy',
      reliabilityScore: 85,
      governance: 'compliant',
      monthlyCost: 4500,
      costTrend: 'increasing',
      slosMet: 1,
      slosTotal: 1,
      reasons: [],
      scorecard: {
        name: 'default',
        level: 'gold',
        score: 100,
        nextLevel: null,
        gap: [],
        failed: [],
        waived: [],
        expiredWaivers: [],
      },
    });
    expect(s.tier).toBe(1);
    expect(s.points).toBe(0);
    expect(s.breachesSlo).toBe(false);
  });

  it('evaluates the seed payments: critical with 5 points (slo 2, reliability 1, governance 1, cost 1)', () => {
    const s = new PlatformService(demo('payments'));
    expect(s.health).toBe('critical');
    expect(s.points).toBe(5);
    expect(s.reliabilityScore).toBe(60);
    expect(s.breachesSlo).toBe(true);
    expect(s.cost.overBudget).toBe(true);
    expect(s.cost.trend).toBe('spiking');
    expect(s.governance.status).toBe('needs_review');
    expect(s.toReport().scorecard).toMatchObject({
      level: 'bronze',
      score: 60,
      nextLevel: 'silver',
      gap: ['documentation'],
    });
    expect(s.reasons).toEqual([
      { domain: 'slo', points: 2, message: 'SLO not met: availability (99.8% < 99.99%)' },
      { domain: 'reliability', points: 1, message: 'reliability score 60 is below 70' },
      {
        domain: 'governance',
        points: 1,
        message: '2 governance checks failed: payments lacks documentation; payments has no incident response plan',
      },
      {
        domain: 'cost',
        points: 1,
        message: 'over budget: 2024-02 spend 3500 USD exceeds the monthly budget of 3000 USD',
      },
    ]);
  });

  it('writes report entries with the contract key order', () => {
    for (const spec of DEMO_FLEET.services) {
      const entry = new PlatformService(spec).toReport();
      expect(Object.keys(entry)).toEqual(spec.governance === undefined ? SERVICE_KEYS : SCORED_SERVICE_KEYS);
      for (const reason of entry.reasons) expect(Object.keys(reason)).toEqual(['domain', 'points', 'message']);
      expect(ServiceReportSchema.parse(entry)).toEqual(entry);
    }
  });

  it('fills in the defaults for missing sections', () => {
    const s = new PlatformService({ name: 'bare', team: 't', slos: [{ name: 'a', target: 90, current: 95 }] });
    expect(s.toReport()).toEqual({
      name: 'bare',
      team: 't',
      health: 'healthy',
      reliabilityScore: null,
      governance: 'needs_review',
      monthlyCost: 0,
      costTrend: 'stable',
      slosMet: 1,
      slosTotal: 1,
      reasons: [],
    });
    expect(s.tier).toBeUndefined();
    expect(s.cost.overBudget).toBe(false);
  });

  it.each([
    // latest amount, monthlyCost in the report (2 decimals, half away from zero)
    [4500, 4500],
    [1850.5, 1850.5],
    [1234.5678, 1234.57],
    [1.005, 1.01],
    [2.675, 2.68],
    [0.005, 0.01],
    [0.004, 0],
    [0.1 + 0.2, 0.3],
    [9_999_999.995, 10_000_000],
  ])('monthlyCost of a latest spend of %s is %s', (amount, expected) => {
    const s = new PlatformService({ name: 'a', team: 't', cost: { entries: [{ month: '2024-01', amount }] } });
    expect(s.cost.monthlyCost).toBe(amount);
    expect(s.toReport().monthlyCost).toBe(expected);
  });

  it('takes monthlyCost and the trend from the latest month, whatever the order in the file', () => {
    const s = new PlatformService({
      name: 'a',
      team: 't',
      cost: {
        entries: [
          { month: '2024-02', amount: 1850.5 },
          { month: '2024-01', amount: 1990 },
          { month: '2023-12', amount: 5000 },
        ],
      },
    });
    expect(s.toReport().monthlyCost).toBe(1850.5);
    expect(s.toReport().costTrend).toBe('decreasing');
  });

  it('treats a previous month of 0 as a stable trend', () => {
    const s = new PlatformService({
      name: 'a',
      team: 't',
      cost: {
        entries: [
          { month: '2024-01', amount: 0 },
          { month: '2024-02', amount: 900 },
        ],
      },
    });
    expect(s.toReport().costTrend).toBe('stable');
    expect(s.toReport().monthlyCost).toBe(900);
  });

  it('does not modify its spec', () => {
    const spec: ServiceSpec = {
      name: 'a',
      team: 't',
      slos: [{ name: 'x', target: 99, current: 98 }],
      cost: {
        budgetMonthly: 1,
        entries: [
          { month: '2024-02', amount: 2 },
          { month: '2024-01', amount: 1 },
        ],
      },
      governance: {},
    };
    const before = structuredClone(spec);
    const s = new PlatformService(spec);
    s.toReport();
    expect(spec).toEqual(before);
    expect(s.spec).toBe(spec);
  });

  it('returns a fresh report entry each time (callers cannot change the service)', () => {
    const s = new PlatformService(demo('payments'));
    const first = s.toReport();
    first.reasons.length = 0;
    expect(s.toReport().reasons).toHaveLength(4);
  });
});
