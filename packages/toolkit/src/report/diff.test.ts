import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_FLEET } from '../demo.js';
import { PlatformToolkit } from '../toolkit.js';
import { diffReports } from './diff.js';
import type { Report, ServiceReport } from './schema.js';

const base = PlatformToolkit.fromFleet(DEMO_FLEET).report();
const gateway = base.services[0] as ServiceReport; // healthy, 85, compliant, 4500, increasing, 1/1
const withService = (patch: Partial<ServiceReport>): Report => ({
  ...base,
  services: [{ ...gateway, ...patch }, ...base.services.slice(1)],
});

describe('diffReports', () => {
  it('finds nothing between a report and itself', () => {
    expect(diffReports(base, base)).toEqual({
      summary: { changed: 0, added: 0, removed: 0, unchanged: 2, regressions: 0 },
      services: [],
    });
  });

  // One field at a time: [patch, field, before, after, regression?]
  it.each([
    [{ health: 'degraded' }, 'health', 'healthy', 'degraded', true],
    [{ health: 'unknown' }, 'health', 'healthy', 'unknown', true],
    [{ reliabilityScore: 90 }, 'reliabilityScore', 85, 90, false],
    [{ reliabilityScore: 84 }, 'reliabilityScore', 85, 84, true],
    [{ reliabilityScore: null }, 'reliabilityScore', 85, null, true],
    [{ governance: 'needs_review' }, 'governance', 'compliant', 'needs_review', true],
    [{ monthlyCost: 9000 }, 'monthlyCost', 4500, 9000, false],
    [{ costTrend: 'spiking' }, 'costTrend', 'increasing', 'spiking', true],
    [{ costTrend: 'stable' }, 'costTrend', 'increasing', 'stable', false],
    [{ slosMet: 0 }, 'slosMet', '1/1', '0/1', true],
    [{ slosMet: 2, slosTotal: 2 }, 'slosMet', '1/1', '2/2', false],
    [{ team: 'core' }, 'team', 'platform', 'core', false],
    [{ reasons: [{ domain: 'cost', points: 1, message: 'over budget' }] }, 'reasons', 'none', 'cost+1', true],
  ] as const)('%j changes %s from %j to %j (regression: %s)', (patch, field, before, after, regression) => {
    const diff = diffReports(base, withService(patch as Partial<ServiceReport>));
    expect(diff.services).toEqual([
      {
        name: 'api-gateway',
        team: (patch as Partial<ServiceReport>).team ?? 'platform',
        status: 'changed',
        health: (patch as Partial<ServiceReport>).health ?? 'healthy',
        regression,
        changes: [{ field, before, after, regression }],
      },
    ]);
    expect(diff.summary).toEqual({ changed: 1, added: 0, removed: 0, unchanged: 1, regressions: regression ? 1 : 0 });
  });

  it('improvements are changes, not regressions, in the other direction', () => {
    const worse = withService({ health: 'critical', reliabilityScore: 40, governance: 'non_compliant' });
    expect(diffReports(worse, base).summary.regressions).toBe(0);
    expect(diffReports(base, worse).summary.regressions).toBe(1);
  });

  it('lists new services (a regression when unhealthy) and removed ones last', () => {
    const extra = { ...gateway, name: 'new-svc', health: 'critical' as const };
    const after: Report = { ...base, services: [extra, ...base.services.slice(1)] };
    expect(diffReports(base, after).services).toEqual([
      { name: 'new-svc', team: 'platform', status: 'added', health: 'critical', regression: true, changes: [] },
      { name: 'api-gateway', team: 'platform', status: 'removed', health: 'healthy', regression: false, changes: [] },
    ]);
    const healthyNew: Report = { ...base, services: [...base.services, { ...gateway, name: 'fine' }] };
    expect(diffReports(base, healthyNew).summary).toMatchObject({ added: 1, regressions: 0 });
  });

  const serviceArb = fc.record({
    name: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
    team: fc.constantFrom('x', 'y'),
    health: fc.constantFrom('healthy', 'degraded', 'critical', 'unknown'),
    reliabilityScore: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    governance: fc.constantFrom('compliant', 'needs_review', 'non_compliant'),
    monthlyCost: fc.integer({ min: 0, max: 10_000 }),
    costTrend: fc.constantFrom('stable', 'increasing', 'decreasing', 'spiking'),
    slosMet: fc.constant(0),
    slosTotal: fc.integer({ min: 0, max: 3 }),
    reasons: fc.constant([]),
  }) as fc.Arbitrary<ServiceReport>;
  const reportArb = fc
    .uniqueArray(serviceArb, { selector: (s) => s.name, maxLength: 5 })
    .map((services): Report => ({ ...base, services }));

  it('accounts for every service once, and swapping sides swaps added and removed', () => {
    fc.assert(
      fc.property(reportArb, reportArb, (a, b) => {
        const forward = diffReports(a, b);
        const back = diffReports(b, a);
        const names = new Set([...a.services, ...b.services].map((s) => s.name));
        const { changed, added, removed, unchanged, regressions } = forward.summary;
        expect(changed + added + removed + unchanged).toBe(names.size);
        expect(back.summary).toMatchObject({ added: removed, removed: added, changed, unchanged });
        expect(regressions).toBeLessThanOrEqual(changed + added);
        expect(diffReports(a, a).services).toEqual([]);
      }),
    );
  });
});

describe('diffReports on governance scorecards', () => {
  const card = gateway.scorecard;
  it('the demo gateway has a scorecard to compare', () => {
    expect(card).toMatchObject({ level: 'gold', score: 100, nextLevel: null });
  });

  it.each([
    ['a lower score and a lost level', { level: 'silver', score: 80, nextLevel: 'gold' }, true, true],
    ['no level at all', { level: null, score: 0, nextLevel: 'bronze' }, true, true],
  ])('%s is a regression', (_label, patch, levelWorse, scoreWorse) => {
    if (card === undefined) throw new Error('no scorecard');
    const after = withService({ scorecard: { ...card, ...patch } });
    const changes = diffReports(base, after).services[0]?.changes ?? [];
    expect(changes).toEqual([
      { field: 'governanceLevel', before: 'gold', after: patch.level, regression: levelWorse },
      { field: 'governanceScore', before: 100, after: patch.score, regression: scoreWorse },
    ]);
    expect(diffReports(after, base).summary.regressions).toBe(0);
  });
});
