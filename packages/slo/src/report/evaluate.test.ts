import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateSloSources, sloBudgets, sloNameOfDataFile } from './evaluate.js';

const ROOT = new URL('../../../../', import.meta.url);
const read = (path: string) => ({ name: path, text: readFileSync(new URL(path, ROOT), 'utf8') });
const API = read('examples/slo/api-gateway.yaml');
const CHECKOUT = read('examples/slo/checkout.yaml');
const API_DATA = read('examples/slo/data/api-gateway-availability.csv');
const CHECKOUT_DATA = read('examples/slo/data/checkout-success.json');

describe('evaluateSloSources', () => {
  it('maps data to SLOs by file name and SLOs to services by spec.service', () => {
    const r = evaluateSloSources({ files: [API, CHECKOUT], data: [API_DATA, CHECKOUT_DATA] });
    if (!r.ok) throw new Error(r.problems.join('\n'));
    expect(r.at).toBe(Date.parse('2026-11-07T23:55:00Z'));
    expect([...r.details.keys()]).toEqual(['api-gateway', 'checkout']);
    const [availability, latency] = r.details.get('api-gateway') ?? [];
    expect(availability).toMatchObject({
      slo: 'api-gateway-availability',
      target: 99.9,
      window: '30d rolling',
      windowEnd: '2026-11-07T23:55:00.000Z',
      status: 'ok',
      page: 'ok',
      ticket: 'ok',
    });
    // Hand check: 5,860 bad of 11,078,966 → SLI 99.9471%, 52.9% of the budget spent.
    expect(availability?.sli).toBe(99.9471);
    expect(availability?.budgetRemainingPct).toBe(47.1);
    expect(latency).toMatchObject({ status: 'no_data', sli: null, budgetRemainingPct: 100, burnRate: null });
    expect(r.details.get('checkout')?.[0]).toMatchObject({
      window: '1M calendar (Europe/Paris)',
      windowStart: '2026-10-31T23:00:00.000Z',
      windowEnd: '2026-11-30T23:00:00.000Z',
      budgetingMethod: 'Timeslices',
    });
  });

  it('gives an unnamed data file to the only SLO loaded; an explicit slo= wins', () => {
    const r = evaluateSloSources({ files: [CHECKOUT], data: [{ name: 'whatever.json', text: CHECKOUT_DATA.text }] });
    expect(r.ok && r.series.has('checkout-success')).toBe(true);
    const named = evaluateSloSources({
      files: [API],
      data: [{ ...API_DATA, name: 'x.csv', slo: 'api-gateway-latency' }],
    });
    expect(named.ok && [...named.series.keys()]).toEqual(['api-gateway-latency']);
  });

  it.each([
    [
      [API],
      [{ name: 'nope.csv', text: 'timestamp,good,total\n' }],
      'nope.csv: no SLO named "nope" is loaded (name the file <slo>.csv or pass <slo>=<file>)',
    ],
    [
      [API],
      [{ name: 'api-gateway-availability.csv', text: 'timestamp,good,total\n60,2,1\n' }],
      'api-gateway-availability.csv:2 good: must be <= total (1), got 2',
    ],
    [[API], [], 'no SLI data: give the evaluation time (--at)'],
    [
      [{ name: 'bad.yaml', text: 'apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: x}\nspec: {}\n' }],
      [],
      'bad.yaml:4 (document 1) spec.service: is required',
    ],
  ])('reports problems, located (%#)', (files, data, first) => {
    const r = evaluateSloSources({ files, data });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toBe(first);
  });

  it('sloBudgets gives the allowed downtime of the target over the window', () => {
    const r = evaluateSloSources({ files: [API], data: [API_DATA] });
    if (!r.ok) throw new Error('load failed');
    const [b] = sloBudgets(r.slos[0]!, r.series.get('api-gateway-availability')!, r.at);
    expect(b?.allowedDowntimeMs).toBe(2_592_000);
    expect(b?.budget.events.bad).toBe(5860);
  });

  it('sloNameOfDataFile', () => {
    expect(sloNameOfDataFile('a/b/api-availability.csv')).toBe('api-availability');
    expect(sloNameOfDataFile('C:\\x\\y.JSON')).toBe('y');
  });
});
