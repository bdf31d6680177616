// `npm run bench -w @pt/bench-html [-- --sizes 100,10000,100000 --runs 3]`
// Renders the HTML report of seeded fleets (from @pt/fleet-gen) and times, in headless chromium, how
// long each page takes to become usable: load, then a first interaction (filter to one service and open
// its details). Baselines measured in the same run: the smallest page, and the 10,000-service fleet rendered
// eagerly (every service's details laid out at load, as the report did before details were built on
// demand). Prints milliseconds and ratios; never fails on a time.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { accessSync, constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { generateServices } from '@pt/fleet-gen';
import { PlatformToolkit, renderHtml } from '@pt/toolkit';
import { chromium, type Browser } from 'playwright-core';

/** Chromium from PATH (`chromium`, `chromium-browser`), or `PT_CHROMIUM`. */
function findChromium(): string {
  const explicit = process.env['PT_CHROMIUM'];
  if (explicit !== undefined && explicit !== '') return explicit;
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser']) {
      try {
        accessSync(join(dir, name), constants.X_OK);
        return join(dir, name);
      } catch {
        // not here
      }
    }
  }
  throw new Error('no chromium on PATH: install it (apt-get install chromium) or set PT_CHROMIUM');
}

/** The report page of a seeded fleet of `services` services, as the CLI renders it. */
function page(services: number): { html: string; names: string[] } {
  const fleet = {
    apiVersion: 'pt/v1' as const,
    kind: 'Fleet' as const,
    services: [...generateServices({ services, seed: 1 })],
  };
  const report = PlatformToolkit.fromFleet(fleet).report({ costHistory: true });
  return { html: renderHtml(report), names: report.services.map((s) => s.name) };
}

/**
 * The same page with every service's details laid out at load (closed `<details>` elements), the
 * eager rendering the on-demand details replaced: built from the page's own embedded detail data.
 */
function eager(html: string): string {
  const match = /<script type="text\/plain" id="details-data" data-chunk="\d+">([^<]*)<\/script>/.exec(html);
  if (match?.[1] === undefined) throw new Error('the page has no embedded details');
  // Chunks of gzip'd JSON in base64, separated by spaces (the page's own format).
  const data = match[1]
    .split(' ')
    .filter(Boolean)
    .flatMap((chunk) => JSON.parse(gunzipSync(Buffer.from(chunk, 'base64')).toString('utf8')) as [string, string, string][]);
  const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
  const all = data.map(
    ([name, summary, body]) => `<details id="svc-${esc(name)}"><summary>${summary}</summary>${body}</details>`,
  );
  return html.replace('<div id="details"></div>', `<div id="details">${all.join('')}</div>`);
}

interface Sample {
  /** Navigation to the load event, by the page's own navigation timing. */
  readonly loadMs: number;
  /** Navigation to a first answered interaction (filtered to one service, its details open), timed in the page. */
  readonly interactiveMs: number;
  /** The same, timed by the driver (playwright's round trips included). */
  readonly driverMs: number;
  /** Elements in the DOM at load. */
  readonly elements: number;
}

/**
 * In the page, as a user would: type the service's name in the filter, wait for the one row,
 * select its link, wait for its details to be open. Milliseconds from the start of navigation to
 * the load event, and from there to the answer (the page polls itself every frame, so the
 * driver's round trips are not counted).
 */
const firstInteraction = (name: string) => `(async () => {
  const name = ${JSON.stringify(name)};
  const until = async (ok) => { while (!ok()) await new Promise((r) => setTimeout(r, 0)); };
  const load = performance.getEntriesByType('navigation')[0].loadEventEnd;
  const t0 = performance.now();
  const input = document.getElementById('filter');
  input.value = name;
  input.dispatchEvent(new Event('input'));
  await until(() => document.getElementById('shown').textContent.startsWith('1 of '));
  document.querySelector('#services a[href="#svc-' + CSS.escape(name) + '"]').click();
  await until(() => document.getElementById('svc-' + name)?.open === true);
  return { load, interaction: performance.now() - t0 };
})()`;

async function measure(browser: Browser, file: string, name: string): Promise<Sample> {
  const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    const started = performance.now();
    await tab.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: 300_000 });
    const elements = await tab.evaluate<number>('document.getElementsByTagName("*").length');
    const { load, interaction } = await tab.evaluate<{ load: number; interaction: number }>(firstInteraction(name));
    return { loadMs: load, interactiveMs: load + interaction, driverMs: performance.now() - started, elements };
  } finally {
    await tab.close();
  }
}

/** Larger pages get no eager baseline: every detail laid out at load would take minutes. */
const EAGER_MAX = 10_000;

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const row = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(34) : c.padStart(12))).join(' ');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { sizes: { type: 'string' }, runs: { type: 'string' } } });
  const sizes = (values.sizes ?? '100,10000,100000').split(',').map(Number);
  const runs = Number(values.runs ?? '3');
  // The eager baseline: the 10,000-service page (the size the target names), else the largest up to it.
  const eagerSize = Math.max(...sizes.filter((n) => n <= EAGER_MAX));
  const dir = mkdtempSync(join(tmpdir(), 'pt-bench-html-'));
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const cases: { label: string; file: string; name: string }[] = [];
    for (const services of sizes) {
      const { html, names } = page(services);
      const name = names[names.length - 1] ?? '';
      const file = join(dir, `report-${services}.html`);
      writeFileSync(file, html);
      cases.push({ label: `${services} services, on demand`, file, name });
      if (services === eagerSize) {
        const eagerFile = join(dir, `report-${services}-eager.html`);
        writeFileSync(eagerFile, eager(html));
        cases.push({ label: `${services} services, eager details`, file: eagerFile, name });
      }
    }
    // In turns (one run of each case per round), so that a noisy machine slows every case alike.
    const samples: Sample[][] = cases.map(() => []);
    for (let r = 0; r < runs; r++) {
      for (const [i, c] of cases.entries()) {
        const s = await measure(browser, c.file, c.name);
        samples[i]?.push(s);
        console.error(
          `${c.label}: load ${s.loadMs.toFixed(0)} ms, usable ${s.interactiveMs.toFixed(0)} ms (driver ${s.driverMs.toFixed(0)} ms)`,
        );
      }
    }
    const results = samples.map((s) => ({
      loadMs: median(s.map((x) => x.loadMs)),
      interactiveMs: median(s.map((x) => x.interactiveMs)),
      driverMs: median(s.map((x) => x.driverMs)),
      elements: s[0]?.elements ?? 0,
    }));
    const base = results[0];
    if (base === undefined) return;
    console.log(`HTML report in headless chromium (${runs} runs, median; baseline: ${cases[0]?.label})`);
    console.log(row(['case', 'MiB', 'elements', 'load ms', 'usable ms', '× baseline', 'driver ms']));
    results.forEach((r, i) => {
      const c = cases[i];
      if (c === undefined) return;
      console.log(
        row([
          c.label,
          (statSync(c.file).size / 1024 / 1024).toFixed(1),
          String(r.elements),
          r.loadMs.toFixed(0),
          r.interactiveMs.toFixed(0),
          (r.interactiveMs / base.interactiveMs).toFixed(2),
          r.driverMs.toFixed(0),
        ]),
      );
    });
    const eagerAt = results[cases.findIndex((c) => c.label === `${eagerSize} services, eager details`)];
    for (const [i, c] of cases.entries()) {
      const r = results[i];
      if (r === undefined || !c.label.endsWith('on demand') || r === base) continue;
      const vsEager =
        eagerAt === undefined ? '' : `, ${(r.interactiveMs / eagerAt.interactiveMs).toFixed(2)}× the eager ${eagerSize}-service page`;
      console.log(`${c.label}: usable in ${(r.interactiveMs / base.interactiveMs).toFixed(2)}× the ${cases[0]?.label} page${vsEager}`);
    }
    console.log('(target on the reference machine: 10,000 services usable within 1.5 s, 100,000 usable)');
  } finally {
    await browser.close();
    if (process.env['PT_BENCH_KEEP'] === undefined) rmSync(dir, { recursive: true, force: true });
    else console.error(`pages kept in ${dir}`);
  }
}

await main();
