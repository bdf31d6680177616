import { PlatformService, PlatformToolkit, parseFleet, type Fleet, type Health } from '@pt/toolkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SERVICES, boundaryServices, generateServices } from './generate.js';
import { fleetText } from './write.js';

const parse = (text: string, filename: string): Fleet => {
  const result = parseFleet(text, { filename });
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.fleet;
};

describe('generateServices', () => {
  it('is deterministic for a seed and differs across seeds', async () => {
    const a = await fleetText({ services: 300, seed: 7 }, 'json');
    expect(await fleetText({ services: 300, seed: 7 }, 'json')).toBe(a);
    expect(await fleetText({ services: 300, seed: 8 }, 'json')).not.toBe(a);
  });

  it.each(['json', 'yaml'] as const)('writes a valid %s fleet that reads back to the same services', async (format) => {
    const services = [...generateServices({ services: 2000, seed: 1 })];
    const fleet = parse(await fleetText({ services: 2000, seed: 1 }, format), `fleet.${format}`);
    expect(fleet.services).toEqual(services);
  });

  it('covers all four health states and every governance status in a 2,000-service fleet', () => {
    const report = PlatformToolkit.fromFleet({
      apiVersion: 'pt/v1',
      kind: 'Fleet',
      services: [...generateServices({ services: 2000, seed: 3 })],
    }).report();
    const { healthy, degraded, critical, unknown } = report.summary;
    expect(Math.min(healthy, degraded, critical, unknown)).toBeGreaterThan(0);
    expect(healthy).toBeGreaterThan(degraded); // a plausible fleet is mostly healthy
    expect(new Set(report.services.map((s) => s.governance))).toEqual(
      new Set(['compliant', 'needs_review', 'non_compliant']),
    );
    expect(new Set(report.services.map((s) => s.costTrend))).toEqual(
      new Set(['stable', 'increasing', 'decreasing', 'spiking']),
    );
  });

  it('rejects a count outside 0..MAX_SERVICES', () => {
    expect(() => generateServices({ services: -1, seed: 1 }).next()).toThrow(RangeError);
    expect(() => generateServices({ services: MAX_SERVICES + 1, seed: 1 }).next()).toThrow(RangeError);
    expect(() => generateServices({ services: 1.5, seed: 1 }).next()).toThrow(RangeError);
  });

  it('gives exactly the requested count, unique names, and a valid fleet for any seed and size', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer(), fc.nat(400), fc.boolean(), async (seed, services, boundaries) => {
        const list = [...generateServices({ services, seed, boundaries })];
        expect(list).toHaveLength(services);
        expect(new Set(list.map((s) => s.name)).size).toBe(services);
        const fleet = parse(await fleetText({ services, seed, boundaries }, 'yaml'), 'fleet.yaml');
        expect(fleet.services).toHaveLength(services);
      }),
      { numRuns: 40 },
    );
  });
});

describe('boundaryServices', () => {
  const byName = new Map(boundaryServices().map((spec) => [spec.name, new PlatformService(spec)]));
  const service = (name: string) => {
    const s = byName.get(`edge-${name}`);
    if (s === undefined) throw new Error(`no boundary service ${name}`);
    return s;
  };

  // Expected values by hand from DESIGN.md §3; each pair sits on both sides of one threshold.
  // Scores by hand from DESIGN.md §3; the base service scores 35 + 20 + 15 + 10 = 80.
  // prettier-ignore
  it.each([
    ['uptime-99.99', 85], ['uptime-99.98', 80], ['uptime-99.9', 80], ['uptime-99.89', 70],
    ['uptime-99.5', 70], ['uptime-99.49', 60], ['uptime-99', 60], ['uptime-98.99', 50],
    ['mttr-5', 85], ['mttr-5.5', 80], ['mttr-15', 80], ['mttr-16', 75],
    ['mttr-30', 75], ['mttr-31', 70], ['mttr-60', 70], ['mttr-61', 65],
    ['incidents-0', 85], ['incidents-2', 80], ['incidents-3', 75], ['incidents-5', 75], ['incidents-6', 70],
    ['cfr-5', 85], ['cfr-5.1', 80], ['cfr-15', 80], ['cfr-15.1', 75], ['cfr-30', 75], ['cfr-30.1', 70],
    ['score-50', 50], ['score-70', 70],
  ] as const)('%s scores %d', (name, score) => {
    expect(service(name).reliabilityScore).toBe(score);
  });

  // prettier-ignore
  it.each([
    ['slo-equal', 'healthy', 0],
    ['slo-below', 'degraded', 2],
    ['slo-100', 'healthy', 0],
    ['slo-empty', 'unknown', 0],
    ['score-50', 'healthy', 1],
    ['score-70', 'healthy', 0],
    ['budget-equal', 'healthy', 0],
    ['budget-over', 'healthy', 1],
    ['budget-zero', 'healthy', 0],
    ['governance-fail-0', 'healthy', 0],
    ['governance-fail-1', 'healthy', 1],
    ['governance-fail-2', 'healthy', 1],
    ['governance-fail-3', 'degraded', 2],
    ['governance-empty', 'degraded', 2],
    ['points-3', 'degraded', 3],
    ['points-4', 'critical', 4],
    ['no-data', 'unknown', 0],
    ['cost-empty', 'healthy', 0],
  ] as const satisfies readonly (readonly [string, Health, number])[])(
    '%s is %s with %d points',
    (name, health, points) => {
        expect(service(name).health).toBe(health);
      expect(service(name).points).toBe(points);
    },
  );

  // prettier-ignore
  it.each([
    ['up-20', 'increasing'],
    ['up-20.5', 'spiking'],
    ['up-5', 'stable'],
    ['up-5.5', 'increasing'],
    ['down-5', 'stable'],
    ['down-5.5', 'decreasing'],
    ['from-zero', 'stable'],
    ['one-month', 'stable'],
  ] as const)('trend-%s is %s', (name, trend) => {
    expect(service(`trend-${name}`).cost.trend).toBe(trend);
  });
});
