import { describe, expect, it } from 'vitest';
import { SLO_DETAIL_HEAD, sloBudgetBarsHtml, sloDetailRows } from './render.js';
import type { SloDetail } from './schema.js';

const detail: SloDetail = {
  slo: 'api-gateway-availability',
  target: 99.9,
  budgetingMethod: 'Occurrences',
  window: '30d rolling',
  windowStart: '2026-10-08T23:55:00.000Z',
  windowEnd: '2026-11-07T23:55:00.000Z',
  at: '2026-11-07T23:55:00.000Z',
  status: 'ok',
  sli: 99.9471,
  budgetRemainingPct: 47.1,
  burnRate: 0.53,
  currentBurnRate: 0.17,
  timeToExhaustion: '83d8h12m37s',
  page: 'ok',
  ticket: 'ok',
};
const noData: SloDetail = {
  ...detail,
  slo: 'api-gateway-latency',
  status: 'no_data',
  sli: null,
  budgetRemainingPct: 100,
  burnRate: null,
  currentBurnRate: null,
  timeToExhaustion: null,
  page: 'insufficient_data',
  ticket: 'insufficient_data',
};

describe('sloDetailRows', () => {
  it('one row per detail, in service order, as wide as the head', () => {
    const rows = sloDetailRows([
      { name: 'api-gateway', sloDetails: [detail, noData] },
      { name: 'payments' },
      { name: 'checkout', sloDetails: [{ ...detail, slo: 'x', timeToExhaustion: null, page: 'firing' }] },
    ]);
    expect(rows).toEqual([
      ['api-gateway', 'api-gateway-availability', '99.9%', '99.9471%', '47.1%', '0.53x', '0.17x', '83d8h12m37s', 'ok'],
      ['api-gateway', 'api-gateway-latency', '99.9%', '-', '100%', '-', '-', '-', 'no data'],
      ['checkout', 'x', '99.9%', '99.9471%', '47.1%', '0.53x', '0.17x', 'never', 'PAGE'],
    ]);
    expect(rows.every((r) => r.length === SLO_DETAIL_HEAD.length)).toBe(true);
  });

  it.each([
    ['firing', 'ok', 'PAGE'],
    ['ok', 'firing', 'ticket'],
    ['insufficient_data', 'ok', 'no data'],
    ['ok', 'insufficient_data', 'ok'],
  ] as const)('page %s, ticket %s → %s', (page, ticket, alert) => {
    expect(sloDetailRows([{ name: 's', sloDetails: [{ ...detail, page, ticket }] }])[0]?.at(-1)).toBe(alert);
  });
});

describe('sloBudgetBarsHtml', () => {
  const escape = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

  it('is empty without details', () => {
    expect(sloBudgetBarsHtml([], escape)).toBe('');
  });

  it('one bar per detail, the budget left clamped to 0..100, input escaped', () => {
    const html = sloBudgetBarsHtml([{ ...detail, slo: '<b>', budgetRemainingPct: -20 }, noData], escape);
    expect(html).toBe(
      '<p>Error budgets:</p><ul class="budgets">' +
        '<li>&#60;b&#62; (99.9%): <meter min="0" max="100" low="25" high="50" optimum="100" value="0" aria-label="&#60;b&#62; error budget left">0%</meter> -20% budget left, burn 0.53×, exhausted in 83d8h12m37s</li>' +
        '<li>api-gateway-latency (99.9%): <meter min="0" max="100" low="25" high="50" optimum="100" value="100" aria-label="api-gateway-latency error budget left">100%</meter> 100% budget left, no data</li>' +
        '</ul>',
    );
  });
});
