import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeliveryEvent } from '../events/schema.js';
import { DAY } from './fixtures.js';
import { buildDoraTrend, addMonths, periodsStart, trendPeriods } from './trend.js';
import { renderDoraTrendMarkdown, renderDoraTrendTable, sparkline } from './trend-render.js';

const T0 = Date.UTC(2026, 8, 7); // a Monday
const WEEK = 7 * DAY;

describe('trendPeriods', () => {
  it.each([
    ['12 whole weeks', T0, T0 + 12 * WEEK, 'week', 12, T0 + 11 * WEEK],
    ['a partial last week', T0, T0 + 10 * DAY, 'week', 2, T0 + WEEK],
    ['calendar months', Date.UTC(2026, 0, 1), Date.UTC(2026, 3, 1), 'month', 3, Date.UTC(2026, 2, 1)],
    ['nothing when to <= from', T0, T0, 'week', 0, undefined],
  ] as const)('%s', (_, from, to, every, count, lastStart) => {
    const periods = trendPeriods(from, to, every);
    expect(periods).toHaveLength(count);
    expect(periods[periods.length - 1]?.start).toBe(lastStart);
    if (periods.length > 0) expect(periods[periods.length - 1]?.end).toBe(to);
  });

  it('months keep their day, or the month end when the month is shorter', () => {
    expect(new Date(addMonths(Date.UTC(2026, 0, 31, 12), 1)).toISOString()).toBe('2026-02-28T12:00:00.000Z');
    expect(new Date(addMonths(Date.UTC(2026, 2, 31), -1)).toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(periodsStart(Date.UTC(2026, 11, 1), 'month', 12)).toBe(Date.UTC(2025, 11, 1));
    expect(periodsStart(T0 + 12 * WEEK, 'week', 12)).toBe(T0);
  });

  it('periods tile [from, to) without gaps or overlaps', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 * DAY }),
        fc.integer({ min: 1, max: 400 * DAY }),
        fc.constantFrom('week' as const, 'month' as const),
        (offset, length, every) => {
          const from = T0 + offset;
          const periods = trendPeriods(from, from + length, every);
          expect(periods[0]?.start).toBe(from);
          expect(periods[periods.length - 1]?.end).toBe(from + length);
          for (const [i, p] of periods.entries()) {
            expect(p.end).toBeGreaterThan(p.start);
            if (i > 0) expect(p.start).toBe(periods[i - 1]?.end);
          }
        },
      ),
    );
  });
});

describe('sparkline', () => {
  it.each([
    [[0, 1, 2, 3, 4, 5, 6, 7], '▁▂▃▄▅▆▇█'],
    [[0, 0, 0], '▁▁▁'],
    [[5, null, 10], '▅·█'],
    [[null, null], '··'],
    [[-1, 1], '▁█'],
  ])('%j → %s', (values, expected) => {
    expect(sparkline(values)).toBe(expected);
  });
});

/** Events over 12 weeks from T0 for two services: deployments, changes, failures, incidents. */
const eventArb = fc
  .array(
    fc.record({
      kind: fc.constantFrom('deploy', 'fail', 'incident'),
      service: fc.constantFrom('api', 'web'),
      at: fc.integer({ min: -7 * DAY, max: 13 * WEEK }),
      lead: fc.integer({ min: 0, max: 10 * DAY }),
      changes: fc.integer({ min: 0, max: 3 }),
      unplanned: fc.boolean(),
    }),
    { maxLength: 60 },
  )
  .map((specs) => {
    const events: DeliveryEvent[] = [];
    for (const [i, s] of specs.entries()) {
      const time = T0 + s.at;
      if (s.kind === 'incident') {
        events.push({
          type: 'incident',
          id: `i${i}`,
          service: s.service,
          start: time,
          resolved: time + s.lead,
          severity: 'sev2',
        });
        continue;
      }
      const ids = Array.from({ length: s.changes }, (_, k) => `c${i}-${k}`);
      for (const [k, id] of ids.entries()) {
        events.push({ type: 'change', id, service: s.service, time: time - s.lead - k * 3_600_000 });
      }
      events.push({
        type: 'deployment',
        id: `d${i}`,
        service: s.service,
        time,
        status: s.kind === 'fail' ? 'failed' : 'success',
        ...(ids.length > 0 ? { changes: ids } : {}),
        ...(s.unplanned ? { unplanned: true } : {}),
      });
    }
    return events;
  });

describe('buildDoraTrend', () => {
  it('12 weekly periods: deployments, failures, changes shipped, rework and incidents add up to the whole window', () => {
    fc.assert(
      fc.property(eventArb, (events) => {
        const periods = trendPeriods(T0, T0 + 12 * WEEK, 'week');
        const trend = buildDoraTrend(events, periods, 'week');
        expect(trend.periods).toHaveLength(12);
        for (const g of trend.groups) {
          expect(g.periods).toHaveLength(12);
          const sum = (f: (p: (typeof g.periods)[number]) => number) => g.periods.reduce((n, p) => n + f(p), 0);
          const w = g.whole;
          expect(sum((p) => p.deploymentFrequency?.deployments ?? 0)).toBe(w.deploymentFrequency?.deployments ?? 0);
          expect(sum((p) => p.changeFailureRate?.failed ?? 0)).toBe(w.changeFailureRate?.failed ?? 0);
          expect(sum((p) => p.leadTime?.changes ?? 0)).toBe(w.leadTime?.changes ?? 0);
          expect(sum((p) => p.reworkRate?.unplanned ?? 0)).toBe(w.reworkRate?.unplanned ?? 0);
          expect(sum((p) => (p.timeToRestore?.incidents ?? 0) + p.notes.openIncidents)).toBe(
            (w.timeToRestore?.incidents ?? 0) + w.notes.openIncidents,
          );
        }
      }),
    );
  });

  it('gives each period its own figures and level', () => {
    const events: DeliveryEvent[] = [
      { type: 'change', id: 'c1', service: 'api', time: T0 + DAY },
      {
        type: 'deployment',
        id: 'd1',
        service: 'api',
        time: T0 + DAY + 2 * 3_600_000,
        status: 'success',
        changes: ['c1'],
      },
      { type: 'deployment', id: 'd2', service: 'api', time: T0 + WEEK + DAY, status: 'failed' },
      { type: 'deployment', id: 'd3', service: 'api', time: T0 + WEEK + DAY + 1_800_000, status: 'success' },
    ];
    const trend = buildDoraTrend(events, trendPeriods(T0, T0 + 3 * WEEK, 'week'), 'week');
    const [api] = trend.groups;
    expect(api?.periods.map((p) => p.deploymentFrequency?.deployments ?? 0)).toEqual([1, 2, 0]);
    expect(api?.periods[0]?.leadTime?.medianHours).toBe(2);
    expect(api?.periods[1]?.changeFailureRate).toMatchObject({ failed: 1, ratePct: 50 });
    expect(api?.periods[1]?.failedDeploymentRecoveryTime?.medianMinutes).toBe(30);
    expect(api?.periods[2]?.level).toBeNull();
    expect(api?.periods.map((p) => p.start.slice(0, 10))).toEqual(['2026-09-07', '2026-09-14', '2026-09-21']);
    const table = renderDoraTrendTable(trend);
    expect(table).toContain('DORA trend by service, 3 weeks from 2026-09-07T00:00:00Z to 2026-09-28T00:00:00Z');
    expect(table).toMatch(/deployments\s+▅█▁\s+1\s+0\s+3/);
    expect(renderDoraTrendMarkdown(trend)).toContain('| 2026-09-14 |');
  });
});
