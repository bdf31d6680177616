/**
 * The HTML report in a real headless browser: Debian's chromium driven by playwright-core.
 * The page must load with no console error and no network request, filter and sort, show hostile
 * names as text, fit a phone, and render 10,000 services. Screenshots go to `.test-results/`.
 */
import { accessSync, constants, mkdirSync, readFileSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
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
const HOSTILE = '<img src=x onerror=alert(1)>';
// The CLI loads the toolkit lazily, and so must its tests (an Nx rule forbids a static import).
const { PlatformToolkit, renderHtml } = await import('@pt/toolkit');

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
  }, 60_000);

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
    expect(await visible()).toEqual(['payments', 'ledger']);
    expect(await page.locator('#shown').textContent()).toBe('2 of 8 services shown');
    await page.getByLabel('Filter services').fill('storefront critical');
    expect(await visible()).toEqual(['checkout']);
    await page.getByLabel('Filter services').fill('');

    await page.getByRole('button', { name: 'Score' }).click();
    expect((await visible())[0]).toBe('legacy-batch'); // no score sorts first, ascending
    await page.getByRole('button', { name: 'Score' }).click();
    expect((await visible())[0]).toBe('auth'); // 100, descending
    expect(await page.locator('#services th[aria-sort=descending]').textContent()).toContain('Score');

    // A cost sparkline for every service with two months or more, described for screen readers.
    expect(await page.locator('#services svg.spark').count()).toBe(7);
    expect(await page.locator('#services tr[data-search^="api-gateway "] svg.spark').getAttribute('aria-label')).toBe(
      'Spend by month: 2024-01 4,200.00, 2024-02 4,500.00',
    );
    const risks = await page.locator('.risks > li > a').allTextContents();
    expect(risks.slice(0, 2)).toEqual(['checkout', 'payments']); // both critical: 6 points, then 5
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

  it('fits a phone screen (375 px): nothing but the tables scrolls sideways', async ({ dir }) => {
    await runPt(['report', EXAMPLE_YAML, '--format', 'html', '--out', join(dir.path, 'r.html')]);
    const { page, errors } = await open(join(dir.path, 'r.html'), { width: 375, height: 800 });
    expect(errors).toEqual([]);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTEFACTS, 'report-phone.png'), fullPage: true });
    await page.close();
  });

  it('renders 10,000 services and filters them', async ({ dir }) => {
    const services: ServiceSpec[] = Array.from({ length: 10_000 }, (_, i) => ({
      name: `svc-${i}`,
      team: `team-${i % 40}`,
      slos: [{ name: 'availability', target: 99.9, current: i % 7 === 0 ? 99.5 : 99.95 }],
      cost: { budgetMonthly: 1000, entries: [{ month: '2026-10', amount: (i % 13) * 100 }] },
      reliability: { uptimePct: 99.9, mttrMinutes: i % 90, incidents30d: i % 4, changeFailureRatePct: i % 35 },
      governance: { runbook: true, monitoring: i % 3 !== 0, ownership: true, documentation: i % 5 !== 0 },
    }));
    const report = PlatformToolkit.fromFleet({ apiVersion: 'pt/v1', kind: 'Fleet', services }).report();
    const file = join(dir.path, dir.file('big.html', renderHtml(report)));
    const bytes = statSync(file).size;
    const { page, errors, requests, loadMs } = await open(file);
    expect({ errors, requests }).toEqual({ errors: [], requests: [] });
    expect(await page.locator('#services tbody tr').count()).toBe(10_000);
    await page.getByLabel('Filter services').fill('svc-999');
    expect(await page.locator('#shown').textContent()).toBe('11 of 10000 services shown'); // 999, 9990-9999
    console.log(
      `html.e2e: 10,000 services: ${(bytes / 1024 / 1024).toFixed(1)} MiB, loaded in ${Math.round(loadMs)} ms`,
    );
    expect(readFileSync(file, 'utf8')).not.toMatch(/https?:\/\//);
    await page.close();
  }, 120_000);
});
