import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReliabilitySchema } from './schema.js';
import {
  CHANGE_FAILURE_RATE_TABLE,
  INCIDENTS_TABLE,
  MTTR_TABLE,
  UPTIME_TABLE,
  pointsFor,
  reliabilityScore,
  scoreBreakdown,
} from './score.js';

describe('tiers, every boundary', () => {
  it.each([
    [100, 40],
    [99.99, 40],
    [99.98999, 35],
    [99.95, 35],
    [99.9, 35],
    [99.89999, 25],
    [99.5, 25],
    [99.49999, 15],
    [99.0, 15],
    [98.99999, 5],
    [0, 5],
  ])('uptime %s% → %s points', (uptime, points) => {
    expect(pointsFor(UPTIME_TABLE, uptime)).toBe(points);
  });

  it.each([
    [0, 25],
    [5, 25],
    [5.0001, 20],
    [8, 20],
    [15, 20],
    [15.0001, 15],
    [30, 15],
    [30.0001, 10],
    [60, 10],
    [60.0001, 5],
    [10_000, 5],
  ])('MTTR %s min → %s points', (mttr, points) => {
    expect(pointsFor(MTTR_TABLE, mttr)).toBe(points);
  });

  it.each([
    [0, 20],
    [1, 15],
    [2, 15],
    [3, 10],
    [5, 10],
    [6, 5],
    [500, 5],
  ])('%s incidents → %s points', (incidents, points) => {
    expect(pointsFor(INCIDENTS_TABLE, incidents)).toBe(points);
  });

  it.each([
    [0, 15],
    [5, 15],
    [5.0001, 10],
    [15, 10],
    [15.0001, 5],
    [30, 5],
    [30.0001, 0],
    [100, 0],
  ])('change failure rate %s% → %s points', (cfr, points) => {
    expect(pointsFor(CHANGE_FAILURE_RATE_TABLE, cfr)).toBe(points);
  });
});

describe('reliabilityScore (the seed walkthrough, step 3 and the demo)', () => {
  it.each([
    // uptime, mttr, incidents, cfr, score
    [99.95, 8, 1, 5, 85], // api-gateway: 35 + 20 + 15 + 15
    [99.5, 25, 3, 12, 60], // payments: 25 + 15 + 10 + 10
    [100, 0, 0, 0, 100],
    [0, 1e6, 1000, 100, 15],
    [99.99, 5, 0, 5, 100],
    [98, 61, 6, 31, 15],
    [99.0, 60, 5, 30, 40],
    [99.9, 15, 2, 15, 80],
  ])(
    'uptime %s, MTTR %s, incidents %s, CFR %s → %s',
    (uptimePct, mttrMinutes, incidents30d, changeFailureRatePct, score) => {
      const metrics = { uptimePct, mttrMinutes, incidents30d, changeFailureRatePct };
      expect(reliabilityScore(metrics)).toBe(score);
      const b = scoreBreakdown(metrics);
      expect(b.uptime + b.mttr + b.incidents + b.changeFailureRate).toBe(b.total);
    },
  );

  const metricsArb = fc.record({
    uptimePct: fc.double({ min: 0, max: 100, noNaN: true }),
    mttrMinutes: fc.double({ min: 0, max: 1e5, noNaN: true }),
    incidents30d: fc.integer({ min: 0, max: 1000 }),
    changeFailureRatePct: fc.double({ min: 0, max: 100, noNaN: true }),
  });

  it('is an integer between 15 and 100', () => {
    fc.assert(
      fc.property(metricsArb, (m) => {
        const score = reliabilityScore(m);
        expect(Number.isInteger(score)).toBe(true);
        expect(score).toBeGreaterThanOrEqual(15);
        expect(score).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('never improves when a metric gets worse', () => {
    fc.assert(
      fc.property(
        metricsArb,
        fc.double({ min: 0, max: 50, noNaN: true }),
        fc.integer({ min: 0, max: 3 }),
        (m, delta, which) => {
          const worse = { ...m };
          if (which === 0) worse.uptimePct = Math.max(0, m.uptimePct - delta);
          if (which === 1) worse.mttrMinutes = m.mttrMinutes + delta;
          if (which === 2) worse.incidents30d = m.incidents30d + Math.ceil(delta);
          if (which === 3) worse.changeFailureRatePct = Math.min(100, m.changeFailureRatePct + delta);
          expect(reliabilityScore(worse)).toBeLessThanOrEqual(reliabilityScore(m));
        },
      ),
    );
  });
});

describe('ReliabilitySchema', () => {
  const ok = { uptimePct: 99.9, mttrMinutes: 5, incidents30d: 0, changeFailureRatePct: 0 };
  it.each([
    [ok, true],
    [{ ...ok, uptimePct: 100.01 }, false],
    [{ ...ok, uptimePct: -1 }, false],
    [{ ...ok, mttrMinutes: -1 }, false],
    [{ ...ok, incidents30d: 1.5 }, false],
    [{ ...ok, incidents30d: -1 }, false],
    [{ ...ok, changeFailureRatePct: 101 }, false],
    [{ ...ok, mttrMinutes: Number.POSITIVE_INFINITY }, false],
    [{ uptimePct: 99 }, false],
    [{ ...ok, mttr: 5 }, false],
  ])('%j valid: %s', (input, valid) => {
    expect(ReliabilitySchema.safeParse(input).success).toBe(valid);
  });
});
