import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SloSchema } from './schema.js';
import { budgetRemainingPct, evaluateSlo, isMet, summarizeSlos } from './slo.js';

describe('isMet and budgetRemainingPct (the seed walkthrough, step 1)', () => {
  it.each([
    // target, current, met, budget remaining %
    [99.9, 99.95, true, 50],
    [99.99, 99.8, false, 0],
    [99.9, 99.9, true, 0],
    [99.9, 100, true, 100],
    [99, 99.5, true, 50],
    [99, 99.25, true, 25],
    [95, 99, true, 80],
    [99.5, 99.4, false, 0],
    [90, 91.5, true, 15],
    [80, 80.3, true, 1.5],
    [50, 0, false, 0],
    [100, 100, true, 0],
    [100, 99.99, false, 0],
    [0.001, 0, false, 0],
    [99.95, 99.97, true, 40],
  ])('target %s, current %s → met %s, budget %s%', (target, current, met, budget) => {
    const slo = { name: 'availability', target, current };
    expect(isMet(slo)).toBe(met);
    expect(budgetRemainingPct(slo)).toBe(budget);
    expect(evaluateSlo(slo)).toEqual({ name: 'availability', target, current, met, budgetRemainingPct: budget });
  });

  it('stays within 0..100 and never yields NaN for valid SLOs', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100, noNaN: true, minExcluded: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (target, current) => {
          const b = budgetRemainingPct({ target, current });
          expect(b).toBeGreaterThanOrEqual(0);
          expect(b).toBeLessThanOrEqual(100);
          if (!isMet({ target, current })) expect(b).toBe(0);
        },
      ),
    );
  });

  it('budget remaining never grows as attainment drops', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 99.999, noNaN: true, minExcluded: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (target, a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect(budgetRemainingPct({ target, current: low })).toBeLessThanOrEqual(
            budgetRemainingPct({ target, current: high }),
          );
        },
      ),
    );
  });
});

describe('summarizeSlos', () => {
  it('counts met SLOs and lists breaches in order', () => {
    const summary = summarizeSlos([
      { name: 'availability', target: 99.99, current: 99.8 },
      { name: 'latency', target: 99, current: 99.5 },
      { name: 'errors', target: 99.9, current: 99 },
    ]);
    expect(summary.total).toBe(3);
    expect(summary.met).toBe(1);
    expect(summary.breached.map((b) => b.name)).toEqual(['availability', 'errors']);
  });

  it('handles no SLOs', () => {
    expect(summarizeSlos([])).toEqual({ total: 0, met: 0, evaluations: [], breached: [] });
  });
});

describe('SloSchema', () => {
  it.each([
    [{ name: 'a', target: 99.9, current: 99.95 }, true],
    [{ name: 'a', target: 100, current: 100 }, true],
    [{ name: 'a', target: 0, current: 50 }, false],
    [{ name: 'a', target: 100.1, current: 50 }, false],
    [{ name: 'a', target: 99, current: -1 }, false],
    [{ name: 'a', target: 99, current: Number.NaN }, false],
    [{ name: 'a', target: Number.POSITIVE_INFINITY, current: 1 }, false],
    [{ name: 'a', target: '99', current: 1 }, false],
    [{ name: '', target: 99, current: 1 }, false],
    [{ name: 'a', target: 99, current: 1, extra: true }, false],
    [{ name: 'a', target: 99 }, false],
  ])('%j valid: %s', (input, valid) => {
    expect(SloSchema.safeParse(input).success).toBe(valid);
  });
});
