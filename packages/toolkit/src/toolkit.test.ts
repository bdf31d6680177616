import { describe, expect, it } from 'vitest';
import { DEMO_FLEET } from './demo.js';
import { ERROR_CODES, PtError, isPtError } from './errors.js';
import { FleetSchema, type Fleet, type ServiceSpec } from './fleet/schema.js';
import { PlatformService } from './health/service.js';
import { ReportSchema } from './report/schema.js';
import { PlatformToolkit } from './toolkit.js';

/** Calls `fn` and returns what it threw (fails the test when it does not throw). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return expect.unreachable('expected a throw');
}

const spec = (name: string, team: string, sections: Partial<ServiceSpec> = {}): ServiceSpec => ({
  ...sections,
  name,
  team,
});

describe('the seed demo (DEMO_FLEET)', () => {
  const report = PlatformToolkit.fromFleet(DEMO_FLEET).report();

  it('is a valid fleet', () => {
    expect(FleetSchema.parse(DEMO_FLEET)).toEqual(DEMO_FLEET);
  });

  it('reports api-gateway healthy with score 85', () => {
    expect(report.services[0]).toMatchObject({ name: 'api-gateway', health: 'healthy', reliabilityScore: 85 });
    expect(report.services[0]?.reasons).toEqual([]);
  });

  it('reports payments critical with exactly 5 points: slo 2, reliability 1 (score 60), governance 1, cost 1', () => {
    const payments = report.services[1];
    expect(payments).toMatchObject({ name: 'payments', health: 'critical', reliabilityScore: 60 });
    expect(payments?.reasons.map((r) => [r.domain, r.points])).toEqual([
      ['slo', 2],
      ['reliability', 1],
      ['governance', 1],
      ['cost', 1],
    ]);
    expect(payments?.reasons.reduce((sum, r) => sum + r.points, 0)).toBe(5);
  });

  it('summarises the seed: cost 8000, avg score 72.5, 1 breach, 1 over budget, 1 compliant', () => {
    expect(report.summary).toEqual({
      totalServices: 2,
      healthy: 1,
      degraded: 0,
      critical: 1,
      unknown: 0,
      sloBreaches: 1,
      overBudget: 1,
      governanceCompliant: 1,
      totalMonthlyCost: 8000,
      avgReliabilityScore: 72.5,
    });
    expect(ReportSchema.parse(report)).toEqual(report);
  });
});

describe('PlatformToolkit', () => {
  it('registers specs and services, and finds them by name', () => {
    const toolkit = new PlatformToolkit();
    const a = toolkit.register(spec('a', 'platform', { slos: [{ name: 'x', target: 99, current: 99 }] }));
    const b = toolkit.register(new PlatformService(spec('b', 'payments')));
    expect(a).toBeInstanceOf(PlatformService);
    expect(toolkit.get('a')).toBe(a);
    expect(toolkit.get('b')).toBe(b);
    expect(toolkit.has('a')).toBe(true);
    expect(toolkit.has('c')).toBe(false);
    expect(toolkit.services().map((s) => s.name)).toEqual(['a', 'b']);
  });

  it('throws E_DUPLICATE_SERVICE for a name already registered, keeping the first', () => {
    const toolkit = new PlatformToolkit();
    const first = toolkit.register(spec('a', 'platform'));
    for (const again of [spec('a', 'other'), new PlatformService(spec('a', 'other'))]) {
      const error = thrown(() => toolkit.register(again));
      expect(error).toBeInstanceOf(PtError);
      expect(isPtError(error)).toBe(true);
      expect(error).toMatchObject({
        name: 'PtError',
        code: ERROR_CODES.duplicateService,
        message: 'service "a" is already registered',
      });
    }
    expect(ERROR_CODES.duplicateService).toBe('E_DUPLICATE_SERVICE');
    expect(toolkit.get('a')).toBe(first);
    expect(toolkit.services()).toHaveLength(1);
  });

  it('throws E_DUPLICATE_SERVICE from fromFleet on an unvalidated fleet with a repeated name', () => {
    const fleet: Fleet = { apiVersion: 'pt/v1', kind: 'Fleet', services: [spec('a', 't'), spec('a', 't')] };
    expect(thrown(() => PlatformToolkit.fromFleet(fleet))).toMatchObject({ code: 'E_DUPLICATE_SERVICE' });
  });

  it('throws E_UNKNOWN_SERVICE for a name not registered', () => {
    const toolkit = PlatformToolkit.fromFleet(DEMO_FLEET);
    const error = thrown(() => toolkit.get('nope'));
    expect(isPtError(error)).toBe(true);
    expect(error).toMatchObject({ code: ERROR_CODES.unknownService, message: 'no service named "nope"' });
    expect(ERROR_CODES.unknownService).toBe('E_UNKNOWN_SERVICE');
  });

  it('lists teams in order of first appearance, once each', () => {
    const toolkit = PlatformToolkit.fromFleet({
      apiVersion: 'pt/v1',
      kind: 'Fleet',
      services: [spec('a', 'storefront'), spec('b', 'platform'), spec('c', 'storefront'), spec('d', 'payments')],
    });
    expect(toolkit.teams()).toEqual(['storefront', 'platform', 'payments']);
    expect(new PlatformToolkit().teams()).toEqual([]);
  });

  it('keeps registration order and hands out copies of its list', () => {
    const toolkit = PlatformToolkit.fromFleet(DEMO_FLEET);
    const list = toolkit.services() as PlatformService[];
    list.reverse();
    list.pop();
    expect(toolkit.services().map((s) => s.name)).toEqual(['api-gateway', 'payments']);
  });

  it('filters the report by team, keeping fleet order', () => {
    const toolkit = PlatformToolkit.fromFleet({
      apiVersion: 'pt/v1',
      kind: 'Fleet',
      services: [
        spec('a', 'x', { reliability: { uptimePct: 99.99, mttrMinutes: 1, incidents30d: 0, changeFailureRatePct: 0 } }),
        spec('b', 'y', { cost: { entries: [{ month: '2024-01', amount: 10 }] } }),
        spec('c', 'x', { governance: {} }),
        spec('d', 'x'),
      ],
    });
    const x = toolkit.report({ team: 'x' });
    expect(x.services.map((s) => s.name)).toEqual(['a', 'c', 'd']);
    expect(x.summary).toMatchObject({ totalServices: 3, healthy: 1, degraded: 1, unknown: 1, totalMonthlyCost: 0 });
    expect(x.summary.avgReliabilityScore).toBe(100);
    const y = toolkit.report({ team: 'y' });
    expect(y.services.map((s) => s.name)).toEqual(['b']);
    expect(y.summary).toMatchObject({ totalServices: 1, totalMonthlyCost: 10, avgReliabilityScore: 0 });
    expect(toolkit.report({}).services).toHaveLength(4);
  });

  it('gives an empty report for a team with no services', () => {
    const report = PlatformToolkit.fromFleet(DEMO_FLEET).report({ team: 'nobody' });
    expect(report.services).toEqual([]);
    expect(report.summary.totalServices).toBe(0);
  });

  it('is read-only: reporting twice gives the same report and changes nothing', () => {
    const fleet = structuredClone(DEMO_FLEET);
    const toolkit = PlatformToolkit.fromFleet(fleet);
    const first = toolkit.report();
    first.services.length = 0;
    expect(toolkit.report()).toEqual(PlatformToolkit.fromFleet(DEMO_FLEET).report());
    expect(fleet).toEqual(DEMO_FLEET);
  });
});
