import { describe, expect, it } from 'vitest';
import { DORA_DETAIL_HEAD, DORA_DETAIL_TITLES, doraDetailRows } from './report-rows.js';
import type { ServiceDora } from './service-dora.js';

const dora: ServiceDora = {
  source: 'events',
  window: { start: '2026-10-29T00:00:00Z', end: '2026-11-28T00:00:00Z' },
  uptimePct: 99.95,
  mttrMinutes: 12.5,
  incidents30d: 2,
  changeFailureRatePct: 12.5,
  deployments: 8,
  resolvedIncidents: 2,
  downtimeMinutes: 25,
  level: 'medium',
};

describe('doraDetailRows', () => {
  it('one row per service with DORA figures, as wide as the head', () => {
    const rows = doraDetailRows([
      { name: 'a', dora },
      { name: 'b' },
      { name: 'c', dora: { ...dora, resolvedIncidents: 0, incidents30d: 0, level: null } },
    ]);
    expect(rows).toEqual([
      ['a', '8', '12.5%', '12.5m', '2', '99.95%', 'medium', '-'],
      ['c', '8', '12.5%', '-', '0', '99.95%', '-', '-'],
    ]);
    expect(rows.every((r) => r.length === DORA_DETAIL_HEAD.length && r.length === DORA_DETAIL_TITLES.length)).toBe(
      true,
    );
  });
});
