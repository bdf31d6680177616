import { describe, expect, it } from 'vitest';
import { DEMO_FLEET } from '../demo.js';
import type { Report, ServiceReport } from '../report/schema.js';
import { PlatformToolkit } from '../toolkit.js';
import { escapeHtml, renderHtml } from './html.js';

const demo = PlatformToolkit.fromFleet(DEMO_FLEET).report();
const HOSTILE = `<script>alert("x")</script>&'`;

describe('escapeHtml', () => {
  it.each([
    ['plain', 'plain'],
    ['<b>', '&#60;b&#62;'],
    [`a&b "c" 'd'`, 'a&#38;b &#34;c&#34; &#39;d&#39;'],
  ])('%j → %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe('renderHtml', () => {
  const html = renderHtml(demo);

  it('is one self-contained page: no external reference, a policy that forbids requests', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).not.toMatch(/(?:src|href)="(?!#)/); // only in-page anchors
    expect(html).not.toMatch(/https?:\/\/|@import|url\(/);
    expect(html).toContain(`content="default-src 'none';`);
  });

  it('has the summary, the chart, top risks, the team and service tables and every service', () => {
    expect(html).toContain('<span>Services</span><b>2</b>');
    expect(html).toContain('aria-label="Health distribution: 1 healthy, 0 degraded, 1 critical, 0 unknown"');
    expect(html).toMatch(/<ol class="risks"><li><a href="#svc-payments">payments<\/a>/);
    expect(html).toContain('<table class="sortable" id="teams">');
    expect(html).toContain('<label for="filter">Filter services</label>');
    for (const s of demo.services) expect(html).toContain(`<details id="svc-${s.name}">`);
  });

  it('escapes every string from input, whatever the field', () => {
    const first = demo.services[1] as ServiceReport;
    const hostile: Report = {
      ...demo,
      services: [
        {
          ...first,
          name: HOSTILE,
          team: HOSTILE,
          reasons: first.reasons.map((r) => ({ ...r, message: HOSTILE })),
        },
      ],
    };
    const page = renderHtml(hostile, { title: HOSTILE });
    const body = page.slice(page.indexOf('<body>'), page.lastIndexOf('<script>'));
    expect(body).not.toContain('<script');
    expect(body).not.toContain(`"x"`);
    expect(body).toContain(escapeHtml(HOSTILE));
  });

  it('draws a sparkline of the cost history and a bar per SLO budget, when the report has them', () => {
    const plain = renderHtml(demo);
    expect(plain).not.toContain('class="spark"');
    const withHistory = PlatformToolkit.fromFleet(DEMO_FLEET).report({ costHistory: true });
    expect(withHistory.services[0]?.costHistory).toEqual([
      { month: '2024-01', amount: 4200 },
      { month: '2024-02', amount: 4500 },
    ]);
    const first = withHistory.services[0] as ServiceReport;
    const detail = {
      slo: 'availability',
      target: 99.9,
      budgetingMethod: 'Occurrences' as const,
      window: '30d rolling',
      windowStart: '2026-10-01T00:00:00.000Z',
      windowEnd: '2026-10-31T00:00:00.000Z',
      at: '2026-10-31T00:00:00.000Z',
      status: 'ok' as const,
      sli: 99.95,
      budgetRemainingPct: 47.1,
      burnRate: 0.53,
      currentBurnRate: null,
      timeToExhaustion: null,
      page: 'ok' as const,
      ticket: 'ok' as const,
    };
    const page = renderHtml({ ...withHistory, services: [{ ...first, sloDetails: [detail] }] });
    expect(page).toContain('aria-label="Spend by month: 2024-01 4,200.00, 2024-02 4,500.00"');
    expect(page).toContain('points="0.0,14.0 60.0,2.0"'); // lowest month at the bottom, highest at the top
    expect(page).toContain(
      'value="47.1" aria-label="availability error budget left">47.1%</meter> 47.1% budget left, burn 0.53×',
    );
  });

  it('says so when there are no services', () => {
    const empty = renderHtml({ ...demo, services: [] });
    expect(empty).toContain('<p>No services.</p>');
    expect(empty).not.toContain('<table');
  });
});
