import type { ReliabilityMetrics } from '@pt/reliability';
import { describe, expect, it } from 'vitest';
import { DEMO_FLEET } from '../demo.js';
import type { ServiceSpec } from '../fleet/schema.js';
import { PlatformService } from '../health/service.js';
import { PlatformToolkit } from '../toolkit.js';
import { REPORT_SCHEMA_VERSION, buildReport } from './build.js';
import { SCORED_SERVICE_KEYS, SUMMARY_KEYS } from './contract.fixture.js';
import { ReportSchema } from './schema.js';

const RELIABILITY_85: ReliabilityMetrics = {
  uptimePct: 99.95,
  mttrMinutes: 8,
  incidents30d: 1,
  changeFailureRatePct: 5,
};
const RELIABILITY_60: ReliabilityMetrics = {
  uptimePct: 99.5,
  mttrMinutes: 25,
  incidents30d: 3,
  changeFailureRatePct: 12,
};
const RELIABILITY_40: ReliabilityMetrics = {
  uptimePct: 99.2,
  mttrMinutes: 45,
  incidents30d: 4,
  changeFailureRatePct: 18,
};

const services = (...specs: ServiceSpec[]) => specs.map((s) => new PlatformService(s));
const withCost = (name: string, amount: number): ServiceSpec => ({
  name,
  team: 't',
  cost: { entries: [{ month: '2024-01', amount }] },
});
const withScore = (name: string, reliability: ReliabilityMetrics): ServiceSpec => ({ name, team: 't', reliability });

describe('buildReport (report v1)', () => {
  it('writes schemaVersion, summary and services in the contract key order', () => {
    const report = PlatformToolkit.fromFleet(DEMO_FLEET).report();
    expect(REPORT_SCHEMA_VERSION).toBe(1);
    expect(Object.keys(report)).toEqual(['schemaVersion', 'summary', 'services']);
    expect(report.schemaVersion).toBe(1);
    expect(Object.keys(report.summary)).toEqual(SUMMARY_KEYS);
    for (const service of report.services) {
      expect(Object.keys(service)).toEqual(SCORED_SERVICE_KEYS); // both demo services have a governance section
      for (const reason of service.reasons) expect(Object.keys(reason)).toEqual(['domain', 'points', 'message']);
    }
    // The serialised text keeps the order too.
    const json = JSON.stringify(report);
    const positions = SUMMARY_KEYS.map((k) => json.indexOf(`"${k}":`));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('gives an all-zero summary and no services for an empty fleet', () => {
    const report = buildReport([]);
    expect(report).toEqual({
      schemaVersion: 1,
      summary: {
        totalServices: 0,
        healthy: 0,
        degraded: 0,
        critical: 0,
        unknown: 0,
        sloBreaches: 0,
        overBudget: 0,
        governanceCompliant: 0,
        totalMonthlyCost: 0,
        avgReliabilityScore: 0,
      },
      services: [],
    });
    expect(Object.keys(report.summary)).toEqual(SUMMARY_KEYS);
    expect(PlatformToolkit.fromFleet({ apiVersion: 'pt/v1', kind: 'Fleet', services: [] }).report()).toEqual(report);
  });

  it('validates with ReportSchema, also after a JSON round trip', () => {
    const report = PlatformToolkit.fromFleet(DEMO_FLEET).report();
    expect(ReportSchema.parse(report)).toEqual(report);
    expect(ReportSchema.parse(JSON.parse(JSON.stringify(report)))).toEqual(report);
  });

  it('keeps services in fleet order, not by health or name', () => {
    const report = buildReport(
      services(
        { name: 'zeta', team: 'b', governance: {} },
        { name: 'alpha', team: 'a' },
        { name: 'mid', team: 'b', slos: [{ name: 'x', target: 99, current: 1 }], reliability: RELIABILITY_40 },
      ),
    );
    expect(report.services.map((s) => s.name)).toEqual(['zeta', 'alpha', 'mid']);
    expect(report.services.map((s) => s.health)).toEqual(['degraded', 'unknown', 'critical']);
  });

  it('counts each health, SLO breaches, over-budget and compliant services', () => {
    const report = buildReport(
      services(
        {
          name: 'a',
          team: 't',
          slos: [
            { name: 'x', target: 99, current: 98 },
            { name: 'y', target: 99, current: 97 },
          ],
        },
        {
          name: 'b',
          team: 't',
          governance: {
            runbook: true,
            monitoring: true,
            ownership: true,
            documentation: true,
            incidentResponse: true,
          },
        },
        { name: 'c', team: 't', cost: { budgetMonthly: 10, entries: [{ month: '2024-01', amount: 11 }] } },
        { name: 'd', team: 't' },
        { name: 'e', team: 't', slos: [{ name: 'x', target: 50, current: 1 }], reliability: RELIABILITY_40 },
      ),
    );
    expect(report.summary).toEqual({
      totalServices: 5,
      healthy: 2,
      degraded: 1,
      critical: 1,
      unknown: 1,
      sloBreaches: 2, // services, not SLOs: a has two breaches
      overBudget: 1,
      governanceCompliant: 1,
      totalMonthlyCost: 11,
      avgReliabilityScore: 40,
    });
  });

  it.each([
    // amounts of the services' latest months, totalMonthlyCost
    [[4500, 3500], 8000],
    [[0.1, 0.2], 0.3],
    [[1.005], 1.01],
    [[2.675], 2.68],
    [[1234.5678, 0.001], 1234.57],
    [[0.004], 0],
    [[19_811.25], 19_811.25],
  ])('totalMonthlyCost of %j is %s (2 decimals, half away from zero)', (amounts, total) => {
    const report = buildReport(services(...amounts.map((amount, i) => withCost(`s${i}`, amount))));
    expect(report.summary.totalMonthlyCost).toBe(total);
  });

  it.each([
    // scores of the scored services, unscored services added, average
    [[85, 60], 0, 72.5],
    [[85, 60], 3, 72.5], // services without a score are left out of the mean
    [[85, 60, 40], 0, 61.7], // 61.666…
    [[85, 85, 85, 60], 0, 78.8], // 78.75 rounds half away from zero
    [[60, 60, 40], 1, 53.3], // 53.333…
    [[40, 40, 40, 85, 85, 85], 0, 62.5],
    [[], 2, 0], // no scored service: 0
    [[], 0, 0],
  ])('avgReliabilityScore of %j (+%i unscored) is %s', (scores, unscored, average) => {
    const metrics: Record<number, ReliabilityMetrics> = { 85: RELIABILITY_85, 60: RELIABILITY_60, 40: RELIABILITY_40 };
    const specs = scores.map((score, i) => withScore(`r${i}`, metrics[score] ?? RELIABILITY_85));
    for (let i = 0; i < unscored; i++) specs.push({ name: `u${i}`, team: 't', governance: {} });
    const report = buildReport(services(...specs));
    expect(report.services.filter((s) => s.reliabilityScore !== null).map((s) => s.reliabilityScore)).toEqual(scores);
    expect(report.summary.avgReliabilityScore).toBe(average);
  });

  it('rounds monthlyCost per service to 2 decimals', () => {
    const report = buildReport(services(withCost('a', 1.005), withCost('b', 2.675), withCost('c', 99.999)));
    expect(report.services.map((s) => s.monthlyCost)).toEqual([1.01, 2.68, 100]);
  });

  it('reads months in any order: the latest month gives the cost and the trend', () => {
    const report = buildReport(
      services({
        name: 'a',
        team: 't',
        cost: {
          budgetMonthly: 3000,
          entries: [
            { month: '2024-02', amount: 3500 },
            { month: '2023-11', amount: 10_000 },
            { month: '2024-01', amount: 2800 },
          ],
        },
      }),
    );
    expect(report.services[0]).toMatchObject({ monthlyCost: 3500, costTrend: 'spiking' });
    expect(report.summary.overBudget).toBe(1);
  });

  it.each([
    // previous, latest, trend
    [0, 900, 'stable'],
    [0, 0, 'stable'],
    [900, 0, 'decreasing'],
  ] as const)('a previous month of %s then %s gives %s', (previous, latest, trend) => {
    const report = buildReport(
      services({
        name: 'a',
        team: 't',
        cost: {
          entries: [
            { month: '2024-01', amount: previous },
            { month: '2024-02', amount: latest },
          ],
        },
      }),
    );
    expect(report.services[0]?.costTrend).toBe(trend);
    expect(report.services[0]?.monthlyCost).toBe(latest);
  });

  it('writes numbers as JSON numbers and null for a missing score', () => {
    const report = buildReport(services({ name: 'a', team: 't', cost: {} }));
    const json = JSON.stringify(report);
    expect(json).toContain('"reliabilityScore":null');
    expect(json).toContain('"monthlyCost":0');
    expect(json).toContain('"totalMonthlyCost":0');
    expect(json).toContain('"avgReliabilityScore":0');
  });
});
