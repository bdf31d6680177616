import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_FLEET } from '../demo.js';
import { diffReports } from '../report/diff.js';
import type { Health } from '../report/schema.js';
import { PlatformToolkit } from '../toolkit.js';
import {
  healthTransitions,
  historyRecord,
  historyView,
  nearestRun,
  renderHistoryJson,
  renderHistoryMarkdown,
  renderHistoryTable,
  reportFromHistory,
  rangeSparkline,
  foldSeries,
  MAX_SPARKLINE_BARS,
  serviceTrends,
  type ServicePoint,
} from './history.js';

const report = PlatformToolkit.fromFleet(DEMO_FLEET).report();
const META = {
  evaluatedAt: Date.UTC(2026, 10, 20),
  recordedAt: Date.UTC(2026, 10, 20, 1),
  fleetSource: 'demo',
  ptVersion: 'test',
  inputs: '{}',
};
const DAY = 86_400_000;

const point = (name: string, runId: number, health: Health, extra: Partial<ServicePoint> = {}): ServicePoint => ({
  name,
  team: 't',
  health,
  points: 0,
  reliabilityScore: 90,
  governance: 'compliant',
  scorecardName: null,
  scorecardLevel: null,
  scorecardScore: null,
  scorecardNextLevel: null,
  monthlyCost: 100,
  costTrend: 'stable',
  slosMet: 1,
  slosTotal: 1,
  doraLevel: null,
  runId,
  evaluatedAt: Date.UTC(2026, 10, 1) + runId * DAY,
  ...extra,
});

describe('historyRecord', () => {
  it('gives one row per service, every reason in order, and the summary', () => {
    const record = historyRecord(report, META);
    expect(record.services.map((s) => s.name)).toEqual(report.services.map((s) => s.name));
    expect(record.reasons).toHaveLength(report.services.reduce((n, s) => n + s.reasons.length, 0));
    expect(record.summary).toEqual(report.summary);
    for (const [i, s] of report.services.entries()) {
      expect(record.services[i]?.points).toBe(s.reasons.reduce((n, r) => n + r.points, 0));
    }
  });

  it('gives back a report pt diff finds identical to the one recorded', () => {
    const record = historyRecord(report, META);
    const back = reportFromHistory(record.summary, record.services, [...record.reasons].reverse());
    expect(diffReports(report, back).summary).toMatchObject({ changed: 0, added: 0, removed: 0 });
    expect(back.services.map((s) => s.reasons)).toEqual(report.services.map((s) => s.reasons));
  });
});

describe('healthTransitions', () => {
  it.each([
    ['no change', ['healthy', 'healthy', 'healthy'], []],
    ['one change', ['healthy', 'degraded', 'degraded'], [['healthy', 'degraded', 2]]],
    [
      'there and back',
      ['healthy', 'critical', 'healthy'],
      [
        ['healthy', 'critical', 2],
        ['critical', 'healthy', 3],
      ],
    ],
    ['single run', ['unknown'], []],
  ] as const)('%s', (_, healths, expected) => {
    const points = healths.map((h, i) => point('checkout', i + 1, h, { reasons: [`r${i + 1}`] }));
    expect(healthTransitions([...points].reverse()).map((t) => [t.from, t.to, t.runId])).toEqual(expected);
  });

  it('names the day and the reasons of the run that changed', () => {
    const points = [point('checkout', 1, 'healthy'), point('checkout', 2, 'degraded', { reasons: ['SLO missed'] })];
    const view = historyView(points);
    expect(renderHistoryTable(view)).toContain('checkout: healthy → degraded on 2026-11-03, reasons: SLO missed');
    expect(renderHistoryMarkdown(view)).toContain('## Transitions');
    expect((JSON.parse(renderHistoryJson(view)) as { transitions: unknown[] }).transitions[0]).toMatchObject({
      from: 'healthy',
      to: 'degraded',
    });
  });

  it('never reports a transition between equal healths, and counts every change (property)', () => {
    const health = fc.constantFrom<Health>('healthy', 'degraded', 'critical', 'unknown');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), health), { maxLength: 40 }), (rows) => {
        const points = rows.map(([name, h], i) => point(name, i + 1, h));
        const transitions = healthTransitions(points);
        for (const t of transitions) expect(t.from).not.toBe(t.to);
        for (const name of ['a', 'b', 'c']) {
          const seq = rows.filter(([n]) => n === name).map(([, h]) => h);
          const changes = seq.filter((h, i) => i > 0 && h !== seq[i - 1]).length;
          expect(transitions.filter((t) => t.service === name)).toHaveLength(changes);
        }
      }),
    );
  });
});

describe('nearestRun', () => {
  const runs = [1, 2, 5, 9].map((d) => ({ id: d, evaluatedAt: d * DAY }));
  it.each([
    [0, 1],
    [3 * DAY, 2],
    [3.5 * DAY, 2], // tie between day 2 and day 5: the earlier
    [4 * DAY, 5],
    [100 * DAY, 9],
  ])('target %d → run %d', (target, id) => {
    expect(nearestRun(runs, target)?.id).toBe(id);
  });
  it('finds none in no runs', () => expect(nearestRun([], 0)).toBeUndefined());

  it('is no farther than any other run (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 1e9 }),
        (times, target) => {
          const list = times.map((t, id) => ({ id, evaluatedAt: t }));
          const best = nearestRun(list, target);
          expect(best).toBeDefined();
          for (const r of list) {
            expect(Math.abs((best?.evaluatedAt ?? 0) - target)).toBeLessThanOrEqual(Math.abs(r.evaluatedAt - target));
          }
        },
      ),
    );
  });
});

describe('rangeSparkline and trends', () => {
  it.each([
    [[], ''],
    [[1, 2, 3], '▁▅█'],
    [[5, 5], '▄▄'],
    [[null, 1, 2], ' ▁█'],
  ] as const)('%j → %s', (values, expected) => expect(rangeSparkline(values)).toBe(expected));

  it('has one bar per value, lowest at the minimum, highest at the maximum (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 50 }),
        (values) => {
          const line = [...rangeSparkline(values)];
          expect(line).toHaveLength(values.length);
          const min = Math.min(...values);
          const max = Math.max(...values);
          if (min !== max) {
            expect(line[values.indexOf(min)]).toBe('▁');
            expect(line[values.indexOf(max)]).toBe('█');
          }
        },
      ),
    );
  });

  it.each([
    [[1, 2, 3, 4, 5, 6], 3, '▁▅█'],
    [[1, null, null, null, 5, 5], 3, '▁ █'],
    [[2, 2, 2, 2], 2, '▄▄'],
  ] as const)('%j in %i bars → %s (each bar the mean of its runs)', (values, bars, expected) =>
    expect(rangeSparkline(values, bars)).toBe(expected),
  );

  it('folds a long series to at most the bar limit, keeping where the extremes are (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 800 }),
        fc.integer({ min: 1, max: 80 }),
        (values, bars) => {
          const folded = foldSeries(values, bars);
          expect(folded).toHaveLength(Math.min(values.length, bars));
          // Every value falls in exactly one bar: the bars' weighted means give back the total.
          let total = 0;
          folded.forEach((mean, b) => {
            const from = Math.floor((b * values.length) / folded.length);
            const to = Math.floor(((b + 1) * values.length) / folded.length);
            total += (mean ?? 0) * (to - from);
          });
          expect(total).toBeCloseTo(
            values.reduce((a, v) => a + v, 0),
            6,
          );
          expect([...rangeSparkline(values, bars)]).toHaveLength(folded.length);
        },
      ),
    );
  });

  it('draws a year of daily runs in MAX_SPARKLINE_BARS bars', () => {
    const year = Array.from({ length: 365 }, (_, i) => i);
    const line = [...rangeSparkline(year)];
    expect(line).toHaveLength(MAX_SPARKLINE_BARS);
    expect(line[0]).toBe('▁');
    expect(line.at(-1)).toBe('█');
  });

  it('gives each service its score and cost in run order', () => {
    const points = [
      point('a', 2, 'healthy', { monthlyCost: 2 }),
      point('a', 1, 'healthy', { monthlyCost: 1, reliabilityScore: null }),
    ];
    expect(serviceTrends(points).get('a')).toMatchObject({ cost: [1, 2], score: [null, 90] });
  });
});
