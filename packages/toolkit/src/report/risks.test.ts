import { describe, expect, it } from 'vitest';
import { DEMO_FLEET } from '../demo.js';
import { PlatformToolkit } from '../toolkit.js';
import { riskSummary, topRisks } from './risks.js';
import type { Report, ServiceReport } from './schema.js';

const demo = PlatformToolkit.fromFleet(DEMO_FLEET).report();
const template = demo.services[0] as ServiceReport;
const svc = (name: string, patch: Partial<ServiceReport>): ServiceReport => ({ ...template, name, ...patch });
const reason = (points: number) => ({ domain: 'slo' as const, points, message: `+${points}` });
const report = (services: ServiceReport[]): Report => ({ ...demo, services });

describe('topRisks', () => {
  it('puts the seed demo’s critical payments first with its reasons, and leaves healthy api-gateway out', () => {
    const risks = topRisks(demo);
    expect(risks.map((r) => [r.service.name, r.points])).toEqual([['payments', 5]]);
    expect(risks[0]?.why).toHaveLength(5); // four reasons, and its spiking cost
    expect(risks[0]?.why.at(-1)).toBe('cost spiking: more than 20% over the previous month');
  });

  it('orders by health, then points, then lower score (none last), then name', () => {
    const services = [
      svc('healthy-fine', { health: 'healthy', costTrend: 'stable', reasons: [] }),
      svc('degraded-2', { health: 'degraded', reasons: [reason(2)], reliabilityScore: 80 }),
      svc('critical-4', { health: 'critical', reasons: [reason(2), reason(2)] }),
      svc('unknown', { health: 'unknown', reasons: [], reliabilityScore: null }),
      svc('degraded-3', { health: 'degraded', reasons: [reason(2), reason(1)] }),
      svc('degraded-2-low', { health: 'degraded', reasons: [reason(2)], reliabilityScore: 40 }),
      svc('degraded-2-none', { health: 'degraded', reasons: [reason(2)], reliabilityScore: null }),
      svc('b-spiking', { health: 'healthy', costTrend: 'spiking', reasons: [] }),
      svc('a-spiking', { health: 'healthy', costTrend: 'spiking', reasons: [] }),
    ];
    expect(topRisks(report(services), 100).map((r) => r.service.name)).toEqual([
      'critical-4',
      'degraded-3',
      'degraded-2-low',
      'degraded-2',
      'degraded-2-none',
      'unknown',
      'a-spiking',
      'b-spiking',
    ]);
    expect(topRisks(report(services), 2).map((r) => r.service.name)).toEqual(['critical-4', 'degraded-3']);
    expect(topRisks(report(services), 0)).toEqual([]);
  });

  it('flags a spiking cost even when health is fine, and says why an unknown service is listed', () => {
    const [unknown, spiking] = topRisks(
      report([
        svc('spiky', { health: 'healthy', costTrend: 'spiking', reasons: [] }),
        svc('blind', { health: 'unknown', costTrend: 'stable', reasons: [] }),
      ]),
    ).sort((a, b) => a.service.name.localeCompare(b.service.name));
    expect(spiking?.why).toEqual(['cost spiking: more than 20% over the previous month']);
    expect(unknown?.why).toEqual(['nothing measured: no SLOs, cost, reliability or governance data']);
  });

  it.each([
    [
      'reasons by domain',
      { reasons: [reason(2), { domain: 'cost' as const, points: 1, message: 'over' }] },
      'healthy, 3 points: slo, cost',
    ],
    [
      'a spiking cost with a cost reason',
      { costTrend: 'spiking' as const, reasons: [{ domain: 'cost' as const, points: 1, message: 'over' }] },
      'healthy, 1 point: cost (spiking)',
    ],
    ['a spiking cost alone', { costTrend: 'spiking' as const, reasons: [] }, 'healthy, 0 points: cost spiking'],
    [
      'nothing measured',
      { health: 'unknown' as const, costTrend: 'stable' as const, reasons: [] },
      'unknown, 0 points: nothing measured',
    ],
  ])('riskSummary: %s', (_label, patch, expected) => {
    const service = svc('x', { health: 'healthy', costTrend: 'stable', ...patch });
    const risk = topRisks(report([service]))[0];
    if (risk === undefined) throw new Error('not a risk');
    expect(riskSummary(risk)).toBe(expected);
  });
});
