import { describe, expect, it } from 'vitest';
import type { DeliveryEvent } from '../events/schema.js';
import { deriveReliability } from './derive.js';
import { renderDoraMarkdown, renderDoraTable } from './render.js';
import { buildDoraReport, type DoraFleet } from './report.js';
import { serviceDora } from './service-dora.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 1);
const at = (h: number) => T0 + h * HOUR;
/** 30 days ending 2026-12-01T00:00Z. */
const WINDOW = { start: T0, end: at(30 * 24) };

/** What the report reads of a fleet file: names and teams. */
const FLEET: DoraFleet = {
  services: [
    { name: 'api', team: 'platform' },
    { name: 'web', team: 'storefront' },
    { name: 'db', team: 'platform' },
  ],
};

const dep = (id: string, service: string, h: number, status: 'success' | 'failed' = 'success', team?: string) =>
  ({ type: 'deployment', id, service, time: at(h), status, ...(team === undefined ? {} : { team }) }) as const;

const EVENTS: DeliveryEvent[] = [
  dep('d1', 'api', 1),
  dep('d2', 'api', 2, 'failed'),
  dep('d3', 'api', 3),
  dep('d4', 'api', 4),
  { type: 'incident', id: 'i1', service: 'api', start: at(10), resolved: at(11), severity: 'sev1', deployment: 'd3' },
  dep('d5', 'web', 5),
  dep('g1', 'ghost', 5),
  dep('g2', 'ghost', 6),
];

describe('serviceDora', () => {
  it('is the report key of a service whose reliability came from events, rounded for display', () => {
    const derived = deriveReliability(
      EVENTS.filter((e) => e.service === 'api'),
      WINDOW,
    );
    if (derived === null) throw new Error('the events touch the window');
    // 60 min down in 30 days: 99.861%; MTTR 60; 1 incident; CFR 2/4 = 50%
    expect(derived.metrics.uptimePct).toBe(((43200 - 60) / 43200) * 100);
    expect(serviceDora(derived, WINDOW)).toEqual({
      source: 'events',
      window: { start: '2026-11-01T00:00:00Z', end: '2026-12-01T00:00:00Z' },
      uptimePct: 99.861,
      mttrMinutes: 60,
      incidents30d: 1,
      changeFailureRatePct: 50,
      deployments: 4,
      resolvedIncidents: 1,
      downtimeMinutes: 60,
      level: 'low',
    });
  });
});

describe('buildDoraReport', () => {
  it('by service without a fleet: every service is a group', () => {
    const report = buildDoraReport(EVENTS, WINDOW);
    expect(report.groups.map((g) => g.name)).toEqual(['api', 'ghost', 'web']);
    expect(report.window).toEqual({ start: '2026-11-01T00:00:00Z', end: '2026-12-01T00:00:00Z', days: 30 });
    const api = report.groups[0];
    expect(api?.changeFailureRate).toEqual({ deployments: 4, failed: 2, ratePct: 50, level: 'low' });
    expect(api?.deploymentFrequency).toEqual({
      deployments: 4,
      perDay: 0.133,
      perWeek: 0.93,
      bucket: 'weekly-monthly',
      level: 'medium',
    });
    expect(api?.leadTime).toBeNull();
    expect(api?.timeToRestore).toEqual({ incidents: 1, medianMinutes: 60 });
    expect(report.ungrouped).toEqual([]);
  });

  it('by team with a fleet: the fleet maps services to teams; others are reported, not dropped', () => {
    const report = buildDoraReport(EVENTS, WINDOW, { by: 'team', fleet: FLEET });
    expect(report.groups.map((g) => [g.name, g.events])).toEqual([
      ['platform', 5],
      ['storefront', 1],
    ]);
    expect(report.ungrouped).toEqual([{ service: 'ghost', events: 2, reason: 'not in fleet' }]);
    expect(renderDoraTable(report)).toContain('Not counted: 2 events of services not in the fleet: ghost (2)');
  });

  it('by team without a fleet: the events name their team', () => {
    const events = [dep('a', 'x', 1, 'success', 'red'), dep('b', 'y', 2, 'success', 'red'), dep('c', 'z', 3)];
    const report = buildDoraReport(events, WINDOW, { by: 'team' });
    expect(report.groups.map((g) => [g.name, g.events])).toEqual([['red', 2]]);
    expect(report.ungrouped).toEqual([{ service: 'z', events: 1, reason: 'no team' }]);
  });

  it('says what it could not use', () => {
    const events: DeliveryEvent[] = [
      { type: 'deployment', id: 'd', service: 'x', time: at(1), status: 'success', changes: ['nope'] },
      { type: 'incident', id: 'i', service: 'x', start: at(2), severity: 'sev1' },
    ];
    const table = renderDoraTable(buildDoraReport(events, WINDOW));
    expect(table).toContain('Not used: 1 change id(s) listed by a deployment but defined by no change event');
    expect(table).toContain('Not used: 1 incident(s) still open at the window end (not in time to restore)');
  });

  it('renders "no data" rather than zeros', () => {
    const report = buildDoraReport([dep('a', 'x', -5)], WINDOW);
    const table = renderDoraTable(report);
    expect(table).toMatch(/^x {2,}no data {2,}no data/m);
    expect(renderDoraMarkdown(report)).toContain(
      '| x | no data | no data | no data | no data | no data | no data | no data |',
    );
  });
});
