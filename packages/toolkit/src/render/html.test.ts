import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEMO_FLEET } from '../demo.js';
import type { Report, ServiceReport } from '../report/schema.js';
import { topRisks } from '../report/risks.js';
import { PlatformToolkit } from '../toolkit.js';
import {
  DATA_CHUNK,
  escapeHtml,
  HtmlPageWriter,
  htmlBatchParts,
  htmlPartsOf,
  jsonForScript,
  renderHtml,
  SERVICES_PAGE,
} from './html.js';
import { serviceDetailHtml } from './html-details.js';

const demo = PlatformToolkit.fromFleet(DEMO_FLEET).report();
const HOSTILE = `<script>alert("x")</script>&'\u2028\u2029<!--`;

const SLO_DETAIL = {
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
const ALERT = {
  scope: 'service' as const,
  basis: 'forecast' as const,
  thresholdPct: 100,
  usedPct: 115,
  message: 'forecast over budget',
};
const BILLING = {
  currency: 'EUR',
  month: '2026-11',
  asOf: '2026-11-20',
  monthToDate: 800,
  sharedMonthToDate: 50,
  forecast: { runRate: 1200, linear: 1150, low: 1000, high: 1300 },
  trend: 'increasing' as const,
  anomalies: [{ day: '2026-11-03', amount: 300, median: 40, score: 6.5 }],
  alerts: [ALERT],
  topLines: [
    { serviceName: 'Amazon EC2', serviceCategory: 'Compute', chargeCategory: 'Usage', amount: 600 },
    { serviceName: '', serviceCategory: '', chargeCategory: 'Tax', amount: 20 },
  ],
};
const DORA = {
  source: 'events' as const,
  window: { start: '2026-10-29T00:00:00Z', end: '2026-11-28T00:00:00Z' },
  uptimePct: 99.95,
  mttrMinutes: 42.5,
  incidents30d: 2,
  changeFailureRatePct: 8.3,
  deployments: 12,
  resolvedIncidents: 2,
  downtimeMinutes: 21.6,
  level: 'high' as const,
};

/** The entries of an embedded data block: its chunks (gzip'd JSON in base64, space-separated), in order. */
function unpacked(page: string, id: string): unknown[] {
  const m = new RegExp(
    `<script type="text/plain" id="${id}" data-chunk="${DATA_CHUNK}">([A-Za-z0-9+/= ]*)</script>`,
  ).exec(page);
  if (m === null) throw new Error(`no ${id}`);
  const chunks = (m[1] ?? '').split(' ').filter(Boolean);
  return chunks.flatMap((c) => JSON.parse(gunzipSync(Buffer.from(c, 'base64')).toString('utf8')) as unknown[]);
}

/** The details embedded in a page: [name, summary HTML, detail HTML] per service. */
function embedded(page: string): [string, string, string][] {
  return unpacked(page, 'details-data') as [string, string, string][];
}

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
    // Details are embedded once, as JSON, and built into the page only when a service is opened.
    expect(html).not.toContain('<details');
    expect(embedded(html).map(([name]) => name)).toEqual(demo.services.map((s) => s.name));
    expect(embedded(html)[1]?.[2]).toContain('<li><b>slo</b> +2: ');
  });

  it('escapes every string from input, whatever the field, in the page and in the embedded details', () => {
    const first = demo.services[1] as ServiceReport;
    const hostile: Report = {
      ...demo,
      services: [
        {
          ...first,
          name: HOSTILE,
          team: HOSTILE,
          reasons: first.reasons.map((r) => ({ ...r, message: HOSTILE })),
          sloDetails: [
            {
              ...SLO_DETAIL,
              slo: HOSTILE,
              window: HOSTILE,
              windowStart: HOSTILE,
              windowEnd: HOSTILE,
              timeToExhaustion: HOSTILE,
            },
          ],
          costHistory: [{ month: HOSTILE, amount: 1 }],
          billing: {
            ...BILLING,
            currency: HOSTILE,
            month: HOSTILE,
            asOf: HOSTILE,
            anomalies: [{ day: HOSTILE, amount: 9, median: 1, score: 7 }],
            alerts: [{ ...ALERT, message: HOSTILE }],
            topLines: [{ serviceName: HOSTILE, serviceCategory: HOSTILE, chargeCategory: HOSTILE, amount: 1 }],
          },
          dora: { ...DORA, window: { start: HOSTILE, end: HOSTILE } },
          scorecard: {
            name: HOSTILE,
            level: HOSTILE,
            score: 50,
            nextLevel: HOSTILE,
            gap: [HOSTILE],
            failed: [HOSTILE],
            waived: [HOSTILE],
            expiredWaivers: [{ rule: HOSTILE, expires: HOSTILE, reason: HOSTILE }],
          },
        },
      ],
    };
    const page = renderHtml(hostile, { title: HOSTILE });
    // Four script elements only: the embedded rows (keys, HTML) and details (base64 only, matched by `unpacked`) and the page's own code.
    expect(page.match(/<script/g)).toHaveLength(4);
    for (const id of ['services-data', 'services-rows', 'details-data']) expect(unpacked(page, id)).toHaveLength(1);
    const body = page.slice(page.indexOf('<body>'), page.indexOf('<script'));
    expect(body).not.toContain(`"x"`);
    expect(body).toContain(escapeHtml(HOSTILE));
    const [[name, summary, detail]] = embedded(page) as [[string, string, string]];
    expect(name).toBe(HOSTILE);
    for (const html of [summary, detail]) {
      expect(html).not.toContain('<script');
      expect(html).not.toContain('<!--');
      expect(html).not.toContain(`"x"`);
    }
    // Every hostile field shows, escaped: SLO name/window/exhaustion, month, currency, billing month,
    // as-of, anomaly day, alert, DORA window, scorecard name/level/next/gap/failed/waived/expired.
    const shown = detail.split(escapeHtml(HOSTILE)).length - 1;
    expect(shown).toBeGreaterThanOrEqual(29);
  });

  it('jsonForScript escapes what could end or change a script block', () => {
    const text = jsonForScript(['</script><!--\u2028\u2029&']);
    expect(text).toBe('["\\u003c/script>\\u003c!--\\u2028\\u2029&"]');
    expect(JSON.parse(text)).toEqual(['</script><!--\u2028\u2029&']);
  });

  it('shows every domain of a service in its details, and fleet sections for each domain given', () => {
    const [a, b] = demo.services as [ServiceReport, ServiceReport];
    const report: Report = {
      ...demo,
      services: [
        {
          ...a,
          sloDetails: [
            SLO_DETAIL,
            { ...SLO_DETAIL, slo: 'latency', status: 'exhausted', budgetRemainingPct: -12.5, page: 'firing' },
          ],
          costHistory: [
            { month: '2026-09', amount: 1200 },
            { month: '2026-10', amount: 1500.5 },
          ],
          billing: BILLING,
          dora: DORA,
          scorecard: { ...(a.scorecard as NonNullable<ServiceReport['scorecard']>), waived: ['documentation'] },
        },
        b,
      ],
    };
    const page = renderHtml(report);
    const detail = serviceDetailHtml(report.services[0] as ServiceReport);
    expect(embedded(page)[0]?.[2]).toBe(detail);
    expect(detail).toContain('<h3>SLO budgets and alerts</h3>');
    expect(detail).toContain(
      '<tr><th scope="row">latency</th><td class="num">99.9%</td><td>exhausted</td><td class="num">99.95%</td><td class="num">-12.5%</td>',
    );
    expect(detail).toContain('<td class="alert-firing">firing</td><td class="alert-ok">ok</td>');
    expect(detail).toContain('<tr><th scope="row">2026-10</th><td class="num">1,500.50</td></tr>');
    expect(detail).toContain(
      'Month 2026-11 to 2026-11-20: 800.00 EUR (shared 50.00 EUR), increasing. Forecast: run rate 1,200.00 EUR, linear 1,150.00 EUR (range 1,000.00 EUR to 1,300.00 EUR).',
    );
    expect(detail).toContain('<li><b>service forecast</b> 115% of budget (threshold 100%): forecast over budget</li>');
    expect(detail).toContain('Anomalies: 2026-11-03 300.00 EUR (median 40.00 EUR, score 6.5)');
    expect(detail).toContain(
      '<caption>Top cost lines, 2026-11</caption><thead><tr><th scope="col">ServiceName</th><th scope="col">ServiceCategory</th><th scope="col">ChargeCategory</th><th scope="col">Cost</th></tr></thead>' +
        '<tbody><tr><th scope="row">Amazon EC2</th><td>Compute</td><td>Usage</td><td class="num">600.00 EUR</td></tr>' +
        '<tr><th scope="row">(no ServiceName)</th><td></td><td>Tax</td><td class="num">20.00 EUR</td></tr></tbody>',
    );
    expect(detail).toContain(
      'Level <b>high</b> over 2026-10-29T00:00:00Z to 2026-11-28T00:00:00Z: 12 deployments, change failure rate 8.3%, 2 incidents (2 resolved), MTTR 42.5 min, uptime 99.95% (21.6 min down).',
    );
    expect(detail).toContain('<li>Failed: none</li><li>Waived: documentation</li>');
    // Fleet-level sections, one per domain given.
    expect(page).toContain(
      '<h2>SLOs</h2><ul><li>2 objectives with SLI data</li><li>Budget exhausted: 1 (<a href="#svc-api-gateway">api-gateway</a> latency)</li><li>Page alert firing: 1',
    );
    expect(page).toContain('<li>No data: 0</li>');
    expect(page).toContain(
      '<tr><th scope="row">EUR</th><td class="num">1</td><td class="num">800.00</td><td class="num">1,200.00</td></tr>',
    );
    expect(page).toContain('Budget alerts: 1 (<a href="#svc-api-gateway">api-gateway</a>: forecast over budget)');
    expect(page).toContain('<h2>DORA</h2><p>1 service measured from events, 12 deployments: 1 high.</p>');
    expect(page).toContain('<h2>Scorecards</h2><p>2 services scored:');
    expect(page).toMatch(/<tr><th scope="row">documentation<\/th><td class="num">1<\/td><td class="num">1<\/td><\/tr>/);
    // Without the domain, no section.
    const plain = renderHtml(demo);
    for (const h of ['<h2>SLOs</h2>', '<h2>Billing</h2>', '<h2>DORA</h2>']) expect(plain).not.toContain(h);
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
    const detail = SLO_DETAIL;
    const page = renderHtml({ ...withHistory, services: [{ ...first, sloDetails: [detail] }] });
    expect(page).toContain('aria-label="Spend by month: 2024-01 4,200.00, 2024-02 4,500.00"');
    expect(page).toContain('points="0.0,14.0 60.0,2.0"'); // lowest month at the bottom, highest at the top
    expect(embedded(page)[0]?.[2]).toContain(
      'value="47.1" aria-label="availability error budget left">47.1%</meter> 47.1% budget left, burn 0.53×',
    );
  });

  it('lays out the first page of service rows; every row waits once, compressed: its search text and sort keys, and its HTML', () => {
    const services = Array.from({ length: SERVICES_PAGE + 150 }, (_, i) => ({ name: `svc-${i}`, team: 't' }));
    const big = PlatformToolkit.fromFleet({ apiVersion: 'pt/v1', kind: 'Fleet', services }).report();
    const page = renderHtml(big);
    const body = /<table class="sortable" id="services"[^>]*>.*?<tbody>(.*?)<\/tbody>/.exec(page)?.[1] ?? '';
    expect(body.match(/<tr /g)).toHaveLength(SERVICES_PAGE);
    expect(page).toContain(`<button type="button" id="more">Show ${SERVICES_PAGE} more (150 not shown)</button>`);
    const rows = unpacked(page, 'services-data') as [string, (string | number)[]][];
    const html = unpacked(page, 'services-rows') as string[];
    expect(rows).toHaveLength(SERVICES_PAGE + 150);
    expect(html).toHaveLength(SERVICES_PAGE + 150);
    expect(html[249]).toContain('<a href="#svc-svc-249">svc-249</a>');
    expect(rows[249]?.[0]).toBe('svc-249 t unknown needs_review stable');
    expect(rows[249]?.[1]).toEqual(['svc-249', 't', 2, -1, 'needs_review', 0, 'stable', -1]);
    // A fleet within one page: every row laid out, no "show more".
    expect(renderHtml(demo)).toContain('<button type="button" id="more" hidden>');
  });

  it('embeds rows and details in chunks of DATA_CHUNK services, in fleet order', () => {
    const services = Array.from({ length: 2 * DATA_CHUNK + 1 }, (_, i) => ({ name: `s${i}`, team: `t${i % 3}` }));
    const big = PlatformToolkit.fromFleet({ apiVersion: 'pt/v1', kind: 'Fleet', services }).report();
    const page = renderHtml(big);
    for (const id of ['services-data', 'services-rows', 'details-data']) {
      const block = new RegExp(`id="${id}" data-chunk="${DATA_CHUNK}">([^<]*)<`).exec(page)?.[1] ?? '';
      expect(block.split(' ')).toHaveLength(3);
    }
    const rows = unpacked(page, 'services-data') as [string, (string | number)[]][];
    expect(rows.map((r) => r[1][0])).toEqual(services.map((s) => s.name));
    expect((unpacked(page, 'services-rows') as string[])[2 * DATA_CHUNK]).toContain(`>s${2 * DATA_CHUNK}</a>`);
    expect(embedded(page).map(([name]) => name)).toEqual(services.map((s) => s.name));
    expect(embedded(page)[2 * DATA_CHUNK]?.[2]).toBe(serviceDetailHtml(big.services[2 * DATA_CHUNK]!));
  });

  it('is the same page from parts built a batch at a time, apart from the services (as on another thread)', () => {
    const services = Array.from({ length: 2 * DATA_CHUNK + 37 }, (_, i) => ({
      ...DEMO_FLEET.services[i % DEMO_FLEET.services.length]!,
      name: `s${i}`,
      team: i % 2 === 0 ? 'équipe — <b>' : `t${i % 3}`,
    }));
    const big = PlatformToolkit.fromFleet({ ...DEMO_FLEET, services }).report({ costHistory: true });
    expect(big.services.some((s) => s.costHistory !== undefined)).toBe(true);
    const writer = new HtmlPageWriter();
    const blocks: string[][] = [[], [], []];
    for (let i = 0; i < big.services.length; i += 64) {
      const batch = big.services.slice(i, i + 64);
      // What crosses threads: the batch's parts, and the services without their cost history.
      const parts = htmlBatchParts(batch);
      for (const [k, { costHistory: _history, ...s }] of batch.entries()) {
        writer.add(s, htmlPartsOf(parts, k)).forEach((text, b) => blocks[b]?.push(text));
      }
    }
    const end = writer.end(big.summary);
    const page = end.head + blocks.map((texts, i) => texts.join('') + end.chunks[i] + end.after[i]).join('');
    expect(page).toBe(renderHtml(big));
    // The top risks kept a service at a time are those of the whole fleet.
    const risks = /<ol class="risks">(.*?)<\/ol>/.exec(page)?.[1] ?? '';
    const named = [...risks.matchAll(/<li><a href="#svc-([^"]+)">/g)].map((m) => m[1]);
    expect(named).toEqual(topRisks(big).map((r) => r.service.name));
    expect(named).toHaveLength(5);
  });

  it('lays out the first page of teams; the others wait compressed', () => {
    const services = Array.from({ length: SERVICES_PAGE + 50 }, (_, i) => ({ name: `s${i}`, team: `team-${i}` }));
    const big = PlatformToolkit.fromFleet({ apiVersion: 'pt/v1', kind: 'Fleet', services }).report();
    const page = renderHtml(big);
    const body = /<table class="sortable" id="teams">.*?<tbody>(.*?)<\/tbody>/.exec(page)?.[1] ?? '';
    expect(body.match(/<tr>/g)).toHaveLength(SERVICES_PAGE);
    expect(page).toContain(
      `<button type="button" id="teams-more">Show all ${SERVICES_PAGE + 50} teams (50 not shown)</button>`,
    );
    const rest = unpacked(page, 'teams-data') as string[];
    expect(rest).toHaveLength(50);
    expect(rest[49]).toMatch(new RegExp(`^<tr><th scope="row">team-${SERVICES_PAGE + 49}</th>`));
    // Within a page of teams: every one laid out, nothing embedded.
    expect(renderHtml(demo)).not.toContain('<button type="button" id="teams-more"');
  });

  it('says so when there are no services', () => {
    const empty = renderHtml({ ...demo, services: [] });
    expect(empty).toContain('<p>No services.</p>');
    expect(empty).not.toContain('<table');
  });
});
