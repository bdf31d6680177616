/**
 * The HTML report in a real headless browser: Debian's chromium driven by playwright-core.
 * The page must load with no console error and no network request, filter and sort, open a
 * service's details on demand (every domain), show hostile names as text, fit a phone, and stay
 * usable with 10,000 services (a fleet from the fleet generator). Screenshots go to `.test-results/`.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, readFileSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ServiceSpec } from '@pt/toolkit';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { missingTool, skipWithout } from '../../../test-env.js';
import { CLI_DIR, EXAMPLE_YAML, itWithDir as it, runPt } from './run-cli.js';

/** Chromium from PATH (Debian installs it as `chromium`), or `PT_CHROMIUM` if set. */
function findChromium(): string | undefined {
  const explicit = process.env['PT_CHROMIUM'];
  if (explicit !== undefined && explicit !== '') return explicit;
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser']) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

const executablePath = findChromium();
const INSTALL = 'apt-get install chromium, or set PT_CHROMIUM';
// CI installs chromium (.ci/run): there, a missing browser fails every test below, not a skip.
const skip = skipWithout('chromium', executablePath !== undefined, INSTALL);

const ARTEFACTS = join(CLI_DIR, '.test-results');
// The seeded fleet generator, run as a program (built before the CLI: an implicit dependency in package.json).
const FLEET_GEN = fileURLToPath(new URL('../../../tools/fleet-gen/bin/fleet-gen.js', import.meta.url));
const HOSTILE = '<img src=x onerror=alert(1)>';
// The CLI loads the toolkit lazily, and so must its tests (an Nx rule forbids a static import).
const { PlatformToolkit, parseFleet, renderHtml } = await import('@pt/toolkit');

interface Loaded {
  readonly page: Page;
  readonly errors: string[];
  readonly requests: string[];
  readonly dialogs: string[];
  readonly loadMs: number;
}

describe.skipIf(skip)('HTML report in headless chromium', () => {
  let browser: Browser | undefined;

  beforeAll(async () => {
    // Without a browser (only in CI: elsewhere the suite is skipped) each test fails in `open`,
    // by name, rather than the whole file failing in this hook.
    if (executablePath === undefined) return;
    mkdirSync(ARTEFACTS, { recursive: true });
    browser = await chromium.launch({
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** Opens `file` and records console errors, page errors, requests other than the page, and dialogs. */
  async function open(file: string, viewport = { width: 1280, height: 900 }): Promise<Loaded> {
    if (browser === undefined) throw missingTool('chromium', INSTALL);
    const page = await browser.newPage({ viewport });
    const url = pathToFileURL(file).href;
    const errors: string[] = [];
    const requests: string[] = [];
    const dialogs: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => {
      if (r.url() !== url) requests.push(r.url());
    });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const started = performance.now();
    await page.goto(url, { waitUntil: 'load' });
    return { page, errors, requests, dialogs, loadMs: performance.now() - started };
  }

  it('loads the example report with no console error and no request, filters and sorts', async ({ dir }) => {
    const written = await runPt(['report', EXAMPLE_YAML, '--format', 'html', '--out', join(dir.path, 'r.html')]);
    expect(written.status).toBe(0);
    const { page, errors, requests } = await open(join(dir.path, 'r.html'));
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);

    const visible = () => page.locator('#services tbody tr:visible th').allTextContents();
    expect(await visible()).toHaveLength(8);
    await page.getByLabel('Filter services').fill('payments');
    // The page answers once its embedded rows are decompressed (asynchronously): poll.
    await expect.poll(visible).toEqual(['payments', 'ledger']);
    expect(await page.locator('#shown').textContent()).toBe('2 of 8 services shown');
    await page.getByLabel('Filter services').fill('storefront critical');
    await expect.poll(visible).toEqual(['checkout']);
    await page.getByLabel('Filter services').fill('');
    await expect.poll(visible).toHaveLength(8);

    await page.getByRole('button', { name: 'Score' }).click();
    await expect.poll(async () => (await visible())[0]).toBe('legacy-batch'); // no score sorts first, ascending
    await page.getByRole('button', { name: 'Score' }).click();
    await expect.poll(async () => (await visible())[0]).toBe('auth'); // 100, descending
    expect(await page.locator('#services th[aria-sort=descending]').textContent()).toContain('Score');

    // A cost sparkline for every service with two months or more, described for screen readers.
    expect(await page.locator('#services svg.spark').count()).toBe(7);
    expect(await page.locator('#services tr[data-search^="api-gateway "] svg.spark').getAttribute('aria-label')).toBe(
      'Spend by month: 2024-01 4,200.00, 2024-02 4,500.00',
    );
    const risks = await page.locator('.risks > li > a').allTextContents();
    expect(risks.slice(0, 2)).toEqual(['checkout', 'payments']); // both critical: 6 points, then 5

    // Details exist only once opened: from the services table, then from top risks.
    expect(await page.locator('details').count()).toBe(0);
    await page.locator('#services a[href="#svc-payments"]').click();
    const payments = page.locator('details#svc-payments');
    expect(await payments.getAttribute('open')).toBe('');
    expect(await payments.locator('summary').textContent()).toMatch(/^payments — critical, \d+ points$/);
    expect(await payments.locator('.reasons li').count()).toBeGreaterThan(0);
    expect(page.url()).toMatch(/#svc-payments$/);
    await page.locator('.risks a[href="#svc-checkout"]').click();
    await expect
      .poll(() => page.locator('#details > details').evaluateAll((els: { id: string }[]) => els.map((e) => e.id)))
      .toEqual(['svc-checkout', 'svc-payments']);
    // Opening the same service again reuses its element.
    await page.locator('#services a[href="#svc-payments"]').click();
    expect(await page.locator('details#svc-payments').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(ARTEFACTS, 'report.png'), fullPage: true });
    await page.close();
  });

  it('shows a hostile service name and team as text: no element, no script, no dialog', async ({ dir }) => {
    const service: ServiceSpec = { name: 'ok', team: HOSTILE, slos: [{ name: HOSTILE, target: 99, current: 1 }] };
    const report = PlatformToolkit.fromFleet({ apiVersion: 'pt/v1', kind: 'Fleet', services: [service] }).report();
    // Names are validated in fleet files; a report (e.g. read back by `pt diff`) may still carry anything.
    const first = report.services[0];
    if (first === undefined) throw new Error('no service');
    const hostile = { ...report, services: [{ ...first, name: HOSTILE }] };
    const file = dir.file('hostile.html', renderHtml(hostile, { title: HOSTILE }));
    const { page, errors, requests, dialogs } = await open(join(dir.path, file));
    expect({ errors, requests, dialogs }).toEqual({ errors: [], requests: [], dialogs: [] });
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('#services tbody th').textContent()).toBe(HOSTILE);
    expect(await page.title()).toBe(HOSTILE);
    expect(await page.locator('body').textContent()).toContain(`SLO not met: ${HOSTILE}`);
    await page.close();
  });

  it(
    'given --history, shows each service’s recorded score and cost trend, also in rows laid out by a sort',
    { timeout: 120_000 },
    async ({ dir }) => {
      const example = readFileSync(join(CLI_DIR, EXAMPLE_YAML), 'utf8');
      const runs: [string, string][] = [
        ['2026-11-01', example],
        ['2026-11-10', example.replace('{ month: "2024-02", amount: 2790 }', '{ month: "2024-02", amount: 3290 }')],
      ];
      for (const [at, text] of runs) {
        dir.file('fleet.yaml', text);
        expect((await runPt(['report', 'fleet.yaml', '--record', '--at', at], { cwd: dir.path })).status).toBe(0);
      }
      const written = await runPt(
        [
          'report',
          'fleet.yaml',
          '--format',
          'html',
          '--history',
          'pt-history.duckdb',
          '--at',
          '2026-11-20',
          '--out',
          'h.html',
        ],
        { cwd: dir.path },
      );
      expect(written.status).toBe(0);
      const { page, errors, requests } = await open(join(dir.path, 'h.html'));
      expect({ errors, requests }).toEqual({ errors: [], requests: [] });
      const ledgerCost = () => page.locator('#services tr[data-search^="ledger "] svg.history-trend[data-trend=cost]');
      const label = 'Monthly cost over 3 recorded runs: 2026-11-01 2,790.00, 2026-11-10 3,290.00, 2026-11-20 3,290.00';
      expect(await ledgerCost().getAttribute('aria-label')).toBe(label);
      expect(await page.locator('#services tbody tr:visible svg.history-trend[data-trend=score]').count()).toBe(7); // legacy-batch has no score
      await page.locator('#services').getByRole('button', { name: 'Monthly cost' }).click();
      expect(await ledgerCost().getAttribute('aria-label')).toBe(label);
      expect(await ledgerCost().isVisible()).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it('fits a phone screen (375 px): nothing but the tables scrolls sideways', async ({ dir }) => {
    await runPt(['report', EXAMPLE_YAML, '--format', 'html', '--out', join(dir.path, 'r.html')]);
    const { page, errors } = await open(join(dir.path, 'r.html'), { width: 375, height: 800 });
    expect(errors).toEqual([]);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTEFACTS, 'report-phone.png'), fullPage: true });
    await page.close();
  });

  it('shows every domain: fleet sections and, once opened, SLO, DORA and scorecard details', async ({ dir }) => {
    const out = join(dir.path, 'all.html');
    const written = await runPt([
      'report',
      EXAMPLE_YAML,
      '--events',
      '../../examples/events/events.jsonl',
      '--at',
      '2026-11-28T00:00:00Z',
      '--slo',
      '../../examples/slo/api-gateway.yaml',
      '--slo-data',
      '../../examples/slo/data/api-gateway-availability.csv',
      '--scorecard',
      '../../examples/scorecard.yaml',
      '--format',
      'html',
      '--out',
      out,
    ]);
    expect(written.status).toBe(0);
    const { page, errors, requests } = await open(out);
    expect({ errors, requests }).toEqual({ errors: [], requests: [] });
    expect(await page.locator('main > section > h2').allTextContents()).toEqual(['SLOs', 'DORA', 'Scorecards']);
    expect(await page.locator('.fleet-slo li').first().textContent()).toMatch(/^\d+ objectives? with SLI data$/);
    expect(await page.locator('.fleet-scorecard tbody tr').count()).toBeGreaterThan(0);

    await page.locator('#services a[href="#svc-api-gateway"]').click();
    const details = page.locator('details#svc-api-gateway');
    await details.waitFor();
    expect(await details.locator('h3').allTextContents()).toEqual([
      'SLO budgets and alerts',
      'Billing',
      'DORA',
      'DORA trend, last 6 weeks',
      expect.stringMatching(/^Scorecard /),
    ]);
    expect(await details.locator('.slo tbody tr').count()).toBeGreaterThan(0);
    expect(await details.locator('.slo tbody tr td').nth(7).textContent()).toMatch(/^(ok|firing|no data)$/); // page alert
    expect(await details.locator('.dora p').textContent()).toMatch(/^Level (elite|high|medium|low|no data) over /);
    expect(await details.locator('.scorecard .rules li').first().textContent()).toMatch(/^Failed: /);
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(ARTEFACTS, 'report-domains.png'), fullPage: true });
    await page.close();
  });

  it('shows billing details and hostile billing text as text', async ({ dir }) => {
    const report = PlatformToolkit.fromFleet({
      apiVersion: 'pt/v1',
      kind: 'Fleet',
      services: [{ name: 'shop', team: 'web', cost: { entries: [{ month: '2026-10', amount: 10 }] } }],
    }).report({ costHistory: true });
    const first = report.services[0];
    if (first === undefined) throw new Error('no service');
    const billing = {
      currency: 'EUR',
      month: '2026-11',
      asOf: '2026-11-20',
      monthToDate: 800,
      sharedMonthToDate: 50,
      forecast: { runRate: 1200, linear: 1150, low: 1000, high: 1300 },
      trend: 'increasing' as const,
      anomalies: [],
      alerts: [
        {
          scope: 'service' as const,
          basis: 'forecast' as const,
          thresholdPct: 100,
          usedPct: 115,
          message: `</script>${HOSTILE}`,
        },
      ],
      topLines: [
        { serviceName: 'Amazon EC2', serviceCategory: 'Compute', chargeCategory: 'Usage', amount: 700 },
        { serviceName: HOSTILE, serviceCategory: '', chargeCategory: 'Tax', amount: 100 },
      ],
    };
    const file = dir.file('billing.html', renderHtml({ ...report, services: [{ ...first, billing }] }));
    const { page, errors, requests, dialogs } = await open(join(dir.path, file));
    expect({ errors, requests, dialogs }).toEqual({ errors: [], requests: [], dialogs: [] });
    expect(await page.locator('.fleet-cost tbody tr').textContent()).toBe('EUR1800.001,200.00');
    await page.locator('#services a[href="#svc-shop"]').click();
    const details = page.locator('details#svc-shop');
    await details.waitFor();
    expect(await details.locator('.months tbody tr').textContent()).toBe('2026-1010.00');
    expect(await details.locator('.top-lines caption').textContent()).toBe('Top cost lines, 2026-11');
    expect(await details.locator('.top-lines tbody tr').allTextContents()).toEqual([
      'Amazon EC2ComputeUsage700.00 EUR',
      `${HOSTILE}Tax100.00 EUR`,
    ]);
    expect(await details.locator('.budget-alerts li').textContent()).toBe(
      `service forecast 115% of budget (threshold 100%): </script>${HOSTILE}`,
    );
    expect(await page.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  /** A seeded fleet from the fleet generator, rendered in this process (with cost histories). */
  function generatedReport(dir: string, services: number) {
    const fleet = join(dir, `fleet-${services}.json`);
    const gen = spawnSync(
      process.execPath,
      [FLEET_GEN, '--services', String(services), '--seed', '1', '--out', fleet],
      {
        encoding: 'utf8',
      },
    );
    expect(gen.stderr).toBe('');
    expect(gen.status).toBe(0);
    // Rendered in this process: `pt report` on a loaded machine may outlive run-cli's kill timer.
    const parsed = parseFleet(readFileSync(fleet, 'utf8'));
    if (!parsed.ok) throw new Error('the generated fleet does not parse');
    return PlatformToolkit.fromFleet(parsed.fleet).report({ costHistory: true });
  }

  /** What the page lays out at load: elements, service rows, detail elements and domain blocks. */
  const layout = (page: Page) =>
    // A string, evaluated in the page: the DOM's types are not in this project's libraries.
    page.evaluate<{ elements: number; teamElements: number; rows: number; details: number }>(`({
      elements: document.getElementsByTagName('*').length,
      teamElements: document.querySelectorAll('#teams *').length,
      rows: document.querySelectorAll('#services tbody tr').length,
      details: document.querySelectorAll('details, .domain').length,
    })`);

  it('stays usable with 10,000 generated services: its initial DOM does not grow with the fleet, rows and details come on demand', async ({
    dir,
  }) => {
    // Interactivity is shown by structure, not time (tools/bench/html times it): the 10,000-service
    // page lays out what a 200-service page does, besides one row per team in the teams table.
    const smallReport = generatedReport(dir.path, 200);
    const small = await open(join(dir.path, dir.file('small.html', renderHtml(smallReport))));
    const smallLayout = await layout(small.page);
    await small.page.close();

    const report = generatedReport(dir.path, 10_000);
    const file = join(dir.path, dir.file('big.html', renderHtml(report)));
    const bytes = statSync(file).size;
    const { page, errors, requests, loadMs } = await open(file);
    expect({ errors, requests }).toEqual({ errors: [], requests: [] });
    const big = await layout(page);
    const pageSize = Number(await page.locator('#services').getAttribute('data-page'));
    expect(pageSize).toBeGreaterThan(0);
    expect(pageSize).toBeLessThan(1000);
    expect({ rows: big.rows, details: big.details }).toEqual({ rows: pageSize, details: 0 });
    expect({ rows: smallLayout.rows, details: smallLayout.details }).toEqual({ rows: pageSize, details: 0 });
    // Outside the teams table the two pages differ by a few elements at most (top risks' reasons,
    // scorecard rule rows), not by the 9,800 services between them.
    const outside = (l: typeof big) => l.elements - l.teamElements;
    expect(Math.abs(outside(big) - outside(smallLayout))).toBeLessThanOrEqual(30);
    expect(await page.locator('#shown').textContent()).toBe('10000 of 10000 services shown');

    // "Show more" lays out the next page only.
    await page.locator('#more').click();
    await expect.poll(() => page.locator('#services tbody tr').count()).toBe(2 * pageSize);
    expect(await page.locator('#more').textContent()).toBe(
      `Show ${pageSize} more (${10_000 - 2 * pageSize} not shown)`,
    );

    // Sorting orders every row, not only those laid out: the costliest service of the fleet comes first.
    const costliest = [...report.services].sort((a, b) => b.monthlyCost - a.monthlyCost)[0]?.name;
    await page.locator('#services').getByRole('button', { name: 'Monthly cost' }).click();
    await page.locator('#services').getByRole('button', { name: 'Monthly cost' }).click();
    await expect.poll(() => page.locator('#services tbody tr th').first().textContent()).toBe(costliest);
    expect(await page.locator('#services tbody tr').count()).toBe(2 * pageSize); // as many as were shown

    // Filtering searches every row; the last service, far beyond the first page, is found and opened.
    const name = report.services[report.services.length - 1]?.name ?? '';
    await page.getByLabel('Filter services').fill(name);
    await expect.poll(() => page.locator('#services tbody tr th').allTextContents()).toContain(name);
    await page.locator(`#services a[href="#svc-${name}"]`).click();
    const opened = page.locator(`details[id="svc-${name}"]`);
    expect(await opened.locator('summary b').textContent()).toBe(name);
    expect(await opened.getAttribute('open')).toBe('');
    // One service's details materialised, nothing else.
    expect(await page.locator('details').count()).toBe(1);
    expect(await page.locator('.domain').count()).toBe(await opened.locator('.domain').count());
    // A link to a service's details works from the address too, wherever the service is in the table.
    const other = report.services[5_000]?.name ?? '';
    await page.goto(`${pathToFileURL(file).href}#svc-${other}`);
    await page.reload();
    expect(await page.locator(`details[id="svc-${other}"] summary b`).textContent()).toBe(other);
    expect(errors).toEqual([]);
    console.log(
      `html.e2e: 10,000 services: ${(bytes / 1024 / 1024).toFixed(1)} MiB, ${big.elements} elements at load (200 services: ${smallLayout.elements}), loaded in ${Math.round(loadMs)} ms (timed in tools/bench/html, not here)`,
    );
    expect(readFileSync(file, 'utf8')).not.toMatch(/https?:\/\//);
    await page.close();
  }, 300_000);
});
