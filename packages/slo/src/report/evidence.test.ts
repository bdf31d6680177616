import { describe, expect, it } from 'vitest';
import { breachesSlo, describeSloBreaches, describeSloPages, describeSloTickets, sloEvidence } from './evidence.js';
import type { SloDetail } from './schema.js';

const base: SloDetail = {
  slo: 'x',
  target: 99,
  budgetingMethod: 'Occurrences',
  window: '30d rolling',
  windowStart: '2026-10-29T00:00:00.000Z',
  windowEnd: '2026-11-28T00:00:00.000Z',
  at: '2026-11-28T00:00:00.000Z',
  status: 'ok',
  sli: 99.5,
  budgetRemainingPct: 50,
  burnRate: 0.5,
  currentBurnRate: 0.5,
  timeToExhaustion: null,
  page: 'ok',
  ticket: 'ok',
  source: 'x.csv',
};
const exhausted: SloDetail = {
  ...base,
  slo: 'gone',
  status: 'exhausted',
  sli: 95,
  budgetRemainingPct: -400,
  page: 'firing',
  pageBurnFactor: 14.4,
};
const paging: SloDetail = { ...base, slo: 'fast', page: 'firing', ticket: 'firing', pageBurnFactor: 14.4 };
const ticketing: SloDetail = { ...base, slo: 'slow', ticket: 'firing', burnRate: 1.2 };
const { source: _source, ...noSource } = base;
const dark: SloDetail = {
  ...noSource,
  slo: 'dark',
  status: 'no_data',
  sli: null,
  burnRate: null,
  page: 'insufficient_data',
  ticket: 'insufficient_data',
};

describe('sloEvidence', () => {
  it('counts fleet SLOs and objectives with data; no data in neither', () => {
    const e = sloEvidence(
      [{ name: 'availability', target: 99.9, current: 99.5 }],
      [exhausted, paging, ticketing, dark, base],
    );
    expect([e.met, e.total]).toEqual([3, 5]);
    expect(e.breached.map((b) => b.name)).toEqual(['availability']);
    expect(e.exhausted.map((d) => d.slo)).toEqual(['gone']);
    expect(e.paging.map((d) => d.slo)).toEqual(['fast']);
    expect(e.ticketing.map((d) => d.slo)).toEqual(['slow']);
    expect(e.noData.map((d) => d.slo)).toEqual(['dark']);
    expect(breachesSlo(e)).toBe(true);
  });

  it('without details it is the fleet SLOs alone', () => {
    const e = sloEvidence([{ name: 'a', target: 99, current: 99 }]);
    expect([e.met, e.total, breachesSlo(e)]).toEqual([1, 1, false]);
    expect(breachesSlo(sloEvidence([], [dark, paging]))).toBe(false);
  });

  it('names objectives and their source in reasons', () => {
    const e = sloEvidence([{ name: 'availability', target: 99.9, current: 99.5 }], [exhausted]);
    expect(describeSloBreaches(e)).toBe(
      'availability (99.5% < 99.9%), gone (SLI 95% < 99% from x.csv, budget -400% left)',
    );
    expect(describeSloPages([paging])).toBe('error budget burning 14.4× too fast: fast from x.csv (page alert firing)');
    expect(describeSloTickets([ticketing])).toBe('slow from x.csv (burn 1.2×)');
  });
});
