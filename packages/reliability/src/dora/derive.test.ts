import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reliabilityScore } from '../score.js';
import { deriveReliability, incidentDowntime } from './derive.js';
import { WINDOW, change, deploy, incident } from './fixtures.js';
import { coveredLength, mergeIntervals } from './stats.js';

/** 28 days in minutes. */
const WINDOW_MIN = 28 * 24 * 60;

describe('deriveReliability', () => {
  it('merges overlapping incidents and clips those spanning the window edges', () => {
    const events = [
      incident(24, 26), // Nov 2 00:00–02:00
      incident(25, 27), // overlaps: together 3 h
      incident(-1, 1), // spans the start: 1 h inside
      incident(28 * 24 - 1, undefined), // open at the end: 1 h inside
    ];
    const derived = deriveReliability(events, WINDOW);
    expect(derived?.downtimeMinutes).toBe(300);
    expect(derived?.metrics.uptimePct).toBe(((WINDOW_MIN - 300) / WINDOW_MIN) * 100);
    // MTTR over incidents started in the window and resolved: 120 and 120 min.
    expect(derived?.metrics.mttrMinutes).toBe(120);
    expect(derived?.resolvedIncidents).toBe(2);
    // Started in the last 30 days before the end: all four (the window is 28 days; -1 h is within 30).
    expect(derived?.metrics.incidents30d).toBe(4);
  });

  it('scores like the seed: 8 min down in 28 days (99.98%: 35), MTTR 8 (20), 1 incident (15), CFR 5% (15) → 85', () => {
    // One 8-minute incident; 1 of 20 deployments failed.
    const events = [
      ...Array.from({ length: 19 }, (_, i) => deploy(i * 10)),
      deploy(300, 'failed'),
      incident(50, 50 + 8 / 60),
    ];
    const derived = deriveReliability(events, WINDOW);
    expect(derived?.metrics).toEqual({
      uptimePct: ((WINDOW_MIN - 8) / WINDOW_MIN) * 100,
      mttrMinutes: 8,
      incidents30d: 1,
      changeFailureRatePct: 5,
    });
    expect(derived?.deployments).toBe(20);
    expect(
      reliabilityScore(derived?.metrics ?? { uptimePct: 0, mttrMinutes: 0, incidents30d: 0, changeFailureRatePct: 0 }),
    ).toBe(35 + 20 + 15 + 15);
  });

  it('counts incidents in the 30 days before the end even before a shorter window', () => {
    const derived = deriveReliability([incident(-24 * 1.5, -24), deploy(2)], WINDOW);
    expect(derived?.metrics.incidents30d).toBe(1);
    expect(derived?.metrics.uptimePct).toBe(100);
    expect(derived?.metrics.mttrMinutes).toBe(0);
  });

  it('is null, not perfect, when nothing touches the window', () => {
    expect(deriveReliability([], WINDOW)).toBeNull();
    expect(deriveReliability([change('c', 3), deploy(-100), incident(-24 * 40, -24 * 39)], WINDOW)).toBeNull();
  });
});

const intervalArb = fc
  .tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 500 }))
  .map(([start, len]) => ({ start, end: start + len }));

describe('properties of downtime', () => {
  it('merging never increases downtime, and merged intervals are disjoint and sorted', () => {
    fc.assert(
      fc.property(fc.array(intervalArb, { maxLength: 30 }), (intervals) => {
        const merged = mergeIntervals(intervals);
        const sum = intervals.reduce((s, i) => s + (i.end - i.start), 0);
        expect(coveredLength(intervals)).toBeLessThanOrEqual(sum);
        merged.forEach((m, i) => {
          const next = merged[i + 1];
          if (next !== undefined) expect(next.start).toBeGreaterThan(m.end);
        });
        expect(coveredLength(merged)).toBe(coveredLength(intervals));
      }),
    );
  });

  it('uptime stays in [0, 100] and downtime within the window', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: -24 * 40, max: 24 * 40 }), fc.option(fc.integer({ min: 0, max: 24 * 20 }))),
          { maxLength: 20 },
        ),
        (specs) => {
          const incidents = specs.map(([h, len]) => incident(h, len === null ? undefined : h + len));
          const down = coveredLength(incidentDowntime(incidents, WINDOW));
          expect(down).toBeGreaterThanOrEqual(0);
          expect(down).toBeLessThanOrEqual(WINDOW.end - WINDOW.start);
          const derived = deriveReliability(incidents, WINDOW);
          if (derived !== null) {
            expect(derived.metrics.uptimePct).toBeGreaterThanOrEqual(0);
            expect(derived.metrics.uptimePct).toBeLessThanOrEqual(100);
          }
        },
      ),
    );
  });
});
