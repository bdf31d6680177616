import type { DeliveryEvent } from '@pt/reliability';
import { describe, expect, it } from 'vitest';
import type { Fleet } from '../fleet/schema.js';
import { renderMarkdown } from '../render/markdown.js';
import { renderTable } from '../render/table.js';
import { ReportSchema } from '../report/schema.js';
import { PlatformToolkit } from '../toolkit.js';
import { toolkitWithEvents } from './apply.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 1);
const at = (h: number) => T0 + h * HOUR;
/** 30 days ending 2026-12-01T00:00Z. */
const WINDOW = { start: T0, end: at(30 * 24) };

const FLEET: Fleet = {
  apiVersion: 'pt/v1',
  kind: 'Fleet',
  services: [
    {
      name: 'api',
      team: 'platform',
      reliability: { uptimePct: 100, mttrMinutes: 0, incidents30d: 0, changeFailureRatePct: 0 },
    },
    { name: 'web', team: 'storefront', governance: { runbook: true } },
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

describe('toolkitWithEvents', () => {
  const { toolkit, fromEvents, unmatched } = toolkitWithEvents(FLEET, EVENTS, WINDOW);

  it('derives reliability from events, replacing a hand-typed section', () => {
    expect(fromEvents).toEqual(['api', 'web']);
    // 60 min down in 30 days: 99.861% (25); MTTR 60 (10); 1 incident (15); CFR 2/4 = 50% (0) → 50
    const api = toolkit.get('api');
    expect(api.reliability).toEqual({
      uptimePct: ((43200 - 60) / 43200) * 100,
      mttrMinutes: 60,
      incidents30d: 1,
      changeFailureRatePct: 50,
    });
    expect(api.reliabilityScore).toBe(50);
    expect(api.toReport().dora).toEqual({
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

  it('keeps the fleet section (and no dora key) where events say nothing', () => {
    expect(toolkit.get('db').toReport()).not.toHaveProperty('dora');
    expect(toolkit.get('db').reliabilityScore).toBeNull();
  });

  it('counts events of services not in the fleet', () => {
    expect(unmatched).toEqual([{ service: 'ghost', events: 2 }]);
  });

  it('produces a valid report v1 whose renderings mark the event-derived scores', () => {
    const report = toolkit.report();
    expect(ReportSchema.safeParse(report).success).toBe(true);
    const table = renderTable(report);
    expect(table).toMatch(/^ {2}api .* 50\* /m);
    expect(table).toContain('* reliability from events, 2026-11-01T00:00:00Z to 2026-12-01T00:00:00Z');
    expect(table).not.toMatch(/^ {2}db .*\*/m);
    expect(renderMarkdown(report)).toContain('\\* reliability from events, 2026-11-01T00:00:00Z');
  });

  it('without events, the report and its renderings are those of fromFleet', () => {
    const plain = PlatformToolkit.fromFleet(FLEET).report();
    const viaEvents = toolkitWithEvents(FLEET, [], WINDOW).toolkit.report();
    expect(viaEvents).toEqual(plain);
    expect(renderTable(viaEvents)).toBe(renderTable(plain));
    expect(renderTable(plain)).not.toContain('reliability from events');
  });
});
