import { gzipSync } from 'node:zlib';
import { isRisk, pointsOf, riskOrder, topRisks, DEFAULT_TOP_RISKS } from '../report/risks.js';
import type { ServiceTrend } from '../history/history.js';
import type { Health, Report, ReportSummary, ServiceReport } from '../report/schema.js';
import { formatMoney, formatScore, plural } from './format.js';
import { escapeHtml, fleetSections, governanceText, serviceDetailHtml, type FleetSection } from './html-details.js';
import { FleetScorecards } from './html-scorecards.js';

export { escapeHtml };

export interface HtmlOptions {
  /** Page title and heading. Default `Fleet health report`. */
  readonly title?: string;
  /** How many top risks to list. Default 5. */
  readonly topRisks?: number;
  /** Each service's recorded score and cost, oldest first (`pt report --history`): a sparkline beside each. */
  readonly trends?: ReadonlyMap<string, ServiceTrend>;
}

const HEALTH_ORDER: readonly Health[] = ['healthy', 'degraded', 'critical', 'unknown'];
const HEALTH_SORT: Readonly<Record<Health, number>> = { critical: 0, degraded: 1, unknown: 2, healthy: 3 };

// No network at all: the policy forbids every fetch, and nothing on the page refers to another file.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

const STYLE = `
:root{--ok:#1a7f37;--warn:#9a6700;--bad:#cf222e;--none:#6e7781;--line:#d0d7de;--bg:#f6f8fa;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328}
body{margin:0 auto;max-width:1200px;padding:1rem;line-height:1.4}
h1{font-size:1.5rem;margin:.2rem 0 1rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.5rem;margin:0;padding:0;list-style:none}
.tiles li{background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:.5rem .75rem}
.tiles b{display:block;font-size:1.4rem}
.healthy{color:var(--ok)}.degraded{color:var(--warn)}.critical{color:var(--bad);font-weight:600}.unknown{color:var(--none)}
.chart svg{width:100%;height:2rem;display:block}.legend{display:flex;flex-wrap:wrap;gap:1rem;margin:.3rem 0 0;padding:0;list-style:none}
.legend li::before{content:"";display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;border-radius:2px;background:currentColor;vertical-align:-1px}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;white-space:nowrap}
td.num,th.num{text-align:right}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
label{font-weight:600;margin-right:.5rem}input[type=search]{font:inherit;padding:.3rem .5rem;width:min(24rem,100%)}
.risks li{margin:.4rem 0}.risks ul{margin:.2rem 0}
details{border-bottom:1px solid var(--line);padding:.4rem 0}summary{cursor:pointer}
.domain h3{font-size:1rem;margin:.6rem 0 .2rem}.alert-firing{color:var(--bad);font-weight:600}.alert-insufficient_data{color:var(--none)}
meter{width:8rem;vertical-align:middle}.spark{vertical-align:middle;margin-left:.3rem}
@media (max-width:600px){body{padding:.5rem}th,td{padding:.3rem}.hide-narrow{display:none}}
`;

const SCRIPT = `
(() => {
  // Embedded data: chunks of DATA_CHUNK services, each gzip'd JSON in base64, separated by spaces.
  // Decompressed by the browser itself (DecompressionStream), never a request.
  const parts = (el) => (el === null ? [] : el.textContent.split(' ').filter(Boolean));
  const unpack = async (b64) => {
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return JSON.parse(await new Response(stream).text());
  };
  // Teams past the first page wait compressed, laid out by "show all" or the first sort.
  const teamSource = document.getElementById('teams-data');
  const teamsMore = document.getElementById('teams-more');
  let teamsLoading = null;
  const allTeams = () =>
    (teamsLoading ??= Promise.all(parts(teamSource).map(unpack)).then((chunks) => {
      document.getElementById('teams').tBodies[0].insertAdjacentHTML('beforeend', chunks.flat().join(''));
      if (teamsMore) teamsMore.hidden = true;
    }));
  if (teamsMore) teamsMore.addEventListener('click', allTeams);
  for (const table of document.querySelectorAll('table.sortable:not(#services)')) {
    const body = table.tBodies[0];
    const head = table.tHead.rows[0];
    for (const th of head.cells) {
      const button = th.querySelector('button');
      if (!button) continue;
      button.addEventListener('click', async () => {
        if (table.id === 'teams' && teamSource) await allTeams();
        const col = th.cellIndex;
        const numeric = th.classList.contains('num');
        const dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
        for (const other of head.cells) other.removeAttribute('aria-sort');
        th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
        const key = (row) => row.cells[col].dataset.v ?? row.cells[col].textContent;
        const rows = Array.from(body.rows);
        rows.sort((a, b) => {
          const x = key(a), y = key(b);
          return dir * (numeric ? Number(x) - Number(y) : x.localeCompare(y));
        });
        body.append(...rows);
      });
    }
  }
  // Services: the first rows are in the page. Every row's search text and sort keys wait
  // compressed, read at the first filter, sort, "show more" or opened service; a row's HTML waits
  // in a chunk of its own, read when the row is shown. Only one page of rows is laid out at a time.
  const input = document.getElementById('filter');
  const services = document.getElementById('services');
  const shown = document.getElementById('shown');
  const more = document.getElementById('more');
  const rowSource = document.getElementById('services-data');
  const htmlSource = document.getElementById('services-rows');
  const htmlParts = parts(htmlSource);
  const htmlChunks = new Map();
  let rows = null;
  let order = null;
  let matches = null;
  let index = null;
  let loading = null;
  const load = () =>
    (loading ??= Promise.all(parts(rowSource).map(unpack)).then((chunks) => {
      rows = chunks.flat();
      order = rows.map((_, i) => i);
      matches = order;
      index = new Map(rows.map((r, i) => [r[1][0], i]));
    }));
  if (input && services && rowSource && htmlSource) {
    const body = services.tBodies[0];
    const head = services.tHead.rows[0];
    const page = Number(services.dataset.page);
    const size = Number(htmlSource.dataset.chunk);
    let limit = page;
    let renders = 0;
    const render = async () => {
      const run = ++renders;
      const showing = matches.slice(0, limit);
      const needed = [...new Set(showing.map((i) => Math.floor(i / size)))];
      for (const c of needed) if (!htmlChunks.has(c)) htmlChunks.set(c, unpack(htmlParts[c]));
      const html = new Map(await Promise.all(needed.map(async (c) => [c, await htmlChunks.get(c)])));
      if (run !== renders) return; // a later filter or sort answered first
      body.innerHTML = showing.map((i) => html.get(Math.floor(i / size))[i % size]).join('');
      shown.textContent = matches.length + ' of ' + rows.length + ' services shown';
      const left = matches.length - Math.min(limit, matches.length);
      more.hidden = left === 0;
      more.textContent = 'Show ' + Math.min(page, left) + ' more (' + left + ' not shown)';
    };
    const filter = () => {
      const words = input.value.trim().toLowerCase().split(/\\s+/).filter(Boolean);
      matches = order.filter((i) => words.every((w) => rows[i][0].includes(w)));
    };
    input.addEventListener('input', async () => {
      await load();
      limit = page;
      filter();
      await render();
    });
    more.addEventListener('click', async () => {
      await load();
      limit += page;
      await render();
    });
    for (const th of head.cells) {
      const button = th.querySelector('button');
      if (!button) continue;
      button.addEventListener('click', async () => {
        await load();
        const col = th.cellIndex;
        const numeric = th.classList.contains('num');
        const dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
        for (const other of head.cells) other.removeAttribute('aria-sort');
        th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
        order.sort((a, b) => {
          const x = rows[a][1][col], y = rows[b][1][col];
          return dir * (numeric ? x - y : String(x).localeCompare(String(y)));
        });
        filter();
        await render();
      });
    }
  }
  // Details on demand: the opened service's chunk is decompressed and its detail laid out, never at load.
  const holder = document.getElementById('details');
  const source = document.getElementById('details-data');
  const detailParts = parts(source);
  const detailChunks = new Map();
  const existing = (id) => {
    const el = document.getElementById(id);
    return el && el.tagName === 'DETAILS' ? el : null;
  };
  const open = async (name) => {
    if (!holder || !source || !rowSource) return;
    const id = 'svc-' + name;
    let el = existing(id);
    if (!el) {
      await load();
      const i = index.get(name);
      if (i === undefined) return;
      const size = Number(source.dataset.chunk);
      const c = Math.floor(i / size);
      if (!detailChunks.has(c)) detailChunks.set(c, unpack(detailParts[c]));
      const d = (await detailChunks.get(c))[i - c * size];
      el = existing(id);
      if (!el) {
        el = document.createElement('details');
        el.id = id;
        el.innerHTML = '<summary>' + d[1] + '</summary>' + d[2];
        holder.prepend(el);
      }
    }
    el.open = true;
    el.scrollIntoView();
  };
  const fromHash = () => {
    if (location.hash.startsWith('#svc-')) open(decodeURIComponent(location.hash.slice(5)));
  };
  document.addEventListener('click', (e) => {
    const a = e.target instanceof Element ? e.target.closest('a[href^="#svc-"]') : null;
    if (!a) return;
    e.preventDefault();
    const name = a.getAttribute('href').slice(5);
    history.replaceState(null, '', '#svc-' + encodeURIComponent(name));
    open(name);
  });
  window.addEventListener('hashchange', fromHash);
  fromHash();
})();
`;

function tiles(m: ReportSummary): string {
  const tile = (label: string, value: string, cls = '') =>
    `<li><span>${label}</span><b${cls === '' ? '' : ` class="${cls}"`}>${escapeHtml(value)}</b></li>`;
  return `<ul class="tiles" aria-label="Summary">${[
    tile('Services', String(m.totalServices)),
    tile('Healthy', String(m.healthy), 'healthy'),
    tile('Degraded', String(m.degraded), 'degraded'),
    tile('Critical', String(m.critical), 'critical'),
    tile('Unknown', String(m.unknown), 'unknown'),
    tile('SLO breaches', String(m.sloBreaches)),
    tile('Over budget', String(m.overBudget)),
    tile('Governance compliant', String(m.governanceCompliant)),
    tile('Monthly cost', formatMoney(m.totalMonthlyCost)),
    tile('Avg reliability', String(m.avgReliabilityScore)),
  ].join('')}</ul>`;
}

const COLOURS: Readonly<Record<Health, string>> = {
  healthy: '#1a7f37',
  degraded: '#bf8700',
  critical: '#cf222e',
  unknown: '#8c959f',
};

/** A stacked bar of the four health states, as inline SVG with a text alternative and a legend. */
function healthChart(m: ReportSummary): string {
  const total = m.totalServices;
  const label = `Health distribution: ${HEALTH_ORDER.map((h) => `${m[h]} ${h}`).join(', ')}`;
  let x = 0;
  const bars = HEALTH_ORDER.map((h) => {
    const width = total === 0 ? 0 : (m[h] / total) * 100;
    const rect = `<rect x="${x.toFixed(3)}" y="0" width="${width.toFixed(3)}" height="10" fill="${COLOURS[h]}"><title>${m[h]} ${h}</title></rect>`;
    x += width;
    return rect;
  }).join('');
  const legend = HEALTH_ORDER.map(
    (h) => `<li style="color:${COLOURS[h]}"><span style="color:#1f2328">${m[h]} ${h}</span></li>`,
  ).join('');
  return `<figure class="chart" style="margin:0"><svg viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="${escapeHtml(label)}"><rect width="100" height="10" fill="#eaeef2"/>${bars}</svg><ul class="legend">${legend}</ul></figure>`;
}

function risksSection(services: ServiceReport[], limit: number): string {
  const risks = topRisks({ services }, limit);
  if (risks.length === 0) return '<p>No service needs attention.</p>';
  const items = risks.map(({ service: s, points, why }) => {
    const reasons = why.map((w) => `<li>${escapeHtml(w)}</li>`).join('');
    return `<li><a href="#svc-${escapeHtml(s.name)}">${escapeHtml(s.name)}</a> (${escapeHtml(s.team)}): <span class="${s.health}">${s.health}</span>, ${plural(points, 'point')}<ul>${reasons}</ul></li>`;
  });
  return `<ol class="risks">${items.join('')}</ol>`;
}

/** Whether `s` ranks before `than` among risks. */
function worse(s: ServiceReport, than: ServiceReport | undefined): boolean {
  if (than === undefined) return true;
  const key = (r: ServiceReport) => ({
    health: r.health,
    points: pointsOf(r),
    score: r.reliabilityScore,
    name: r.name,
  });
  return riskOrder(key(s), key(than)) < 0;
}

type TeamCounts = { services: number; cost: number } & Record<Health, number>;

/**
 * Services per team, in order of first appearance. Past {@link SERVICES_PAGE} teams, only the
 * first page of rows is laid out; the others wait compressed until "show all" or a sort.
 */
function teamsTable(teams: ReadonlyMap<string, TeamCounts>): string {
  const head = ['Team', 'Services', 'Healthy', 'Degraded', 'Critical', 'Unknown', 'Monthly cost']
    .map((h, i) => `<th scope="col"${i > 0 ? ' class="num"' : ''}><button type="button">${h}</button></th>`)
    .join('');
  const rows = [...teams].map(([team, t]) => {
    const num = (n: number, text = String(n)) => `<td class="num" data-v="${n}">${text}</td>`;
    return `<tr><th scope="row">${escapeHtml(team)}</th>${num(t.services)}${num(t.healthy)}${num(t.degraded)}${num(t.critical)}${num(t.unknown)}${num(t.cost, formatMoney(t.cost))}</tr>`;
  });
  const table = (shown: readonly string[]) =>
    `<div class="scroll"><table class="sortable" id="teams"><caption>Services per team</caption><thead><tr>${head}</tr></thead><tbody>${shown.join('')}</tbody></table></div>`;
  if (rows.length <= SERVICES_PAGE) return table(rows);
  // A large fleet's many teams: the first page laid out, the rest embedded (compressed).
  const rest = rows.slice(SERVICES_PAGE);
  const chunks: string[] = [];
  for (let i = 0; i < rest.length; i += DATA_CHUNK) chunks.push(packChunk(rest.slice(i, i + DATA_CHUNK)));
  return (
    table(rows.slice(0, SERVICES_PAGE)) +
    `<p><button type="button" id="teams-more">Show all ${rows.length} teams (${rest.length} not shown)</button></p>` +
    `${dataBlockStart('teams-data')}${chunks.join(' ')}</script>`
  );
}

/** Spend by month as an inline SVG sparkline, with the figures as its text alternative. */
function sparkline(history: NonNullable<ServiceReport['costHistory']>): string {
  if (history.length < 2) return '';
  const max = Math.max(...history.map((h) => h.amount));
  const min = Math.min(...history.map((h) => h.amount));
  const span = max - min || 1;
  const step = 60 / (history.length - 1);
  const points = history
    .map((h, i) => `${(i * step).toFixed(1)},${(14 - ((h.amount - min) / span) * 12).toFixed(1)}`)
    .join(' ');
  const label = `Spend by month: ${history.map((h) => `${h.month} ${formatMoney(h.amount)}`).join(', ')}`;
  return ` <svg class="spark" viewBox="0 0 60 16" width="60" height="16" role="img" aria-label="${escapeHtml(label)}"><polyline fill="none" stroke="currentColor" stroke-width="1.5" points="${points}"/></svg>`;
}

/** A recorded series as an inline SVG sparkline (class `history-trend`), its figures as the text alternative. */
function historySpark(
  what: string,
  at: readonly number[],
  values: readonly (number | null)[],
  show: (v: number) => string,
): string {
  const known = values.flatMap((v, i) =>
    v === null ? [] : [{ v, day: new Date(at[i] ?? 0).toISOString().slice(0, 10) }],
  );
  if (known.length < 2) return '';
  const max = Math.max(...known.map((k) => k.v));
  const min = Math.min(...known.map((k) => k.v));
  const span = max - min || 1;
  const step = 60 / (known.length - 1);
  const points = known
    .map((k, i) => `${(i * step).toFixed(1)},${(14 - ((k.v - min) / span) * 12).toFixed(1)}`)
    .join(' ');
  const label = `${what} over ${known.length} recorded runs: ${known.map((k) => `${k.day} ${show(k.v)}`).join(', ')}`;
  return ` <svg class="spark history-trend" data-trend="${what === 'Score' ? 'score' : 'cost'}" viewBox="0 0 60 16" width="60" height="16" role="img" aria-label="${escapeHtml(label)}"><polyline fill="none" stroke="currentColor" stroke-width="1.5" points="${points}"/></svg>`;
}

/** The text a row is found by in the filter. */
function searchText(s: ServiceReport): string {
  return `${s.name} ${s.team} ${s.health} ${s.governance} ${s.costTrend}`.toLowerCase();
}

function serviceRow(s: ServiceReport, trend?: ServiceTrend): string {
  const scoreTrend = trend === undefined ? '' : historySpark('Score', trend.at, trend.score, (v) => formatScore(v));
  const costTrend = trend === undefined ? '' : historySpark('Monthly cost', trend.at, trend.cost, formatMoney);
  const slos =
    s.slosTotal === 0
      ? '-'
      : `<meter min="0" max="${s.slosTotal}" value="${s.slosMet}" aria-label="${s.slosMet} of ${s.slosTotal} SLOs met"></meter> ${s.slosMet}/${s.slosTotal}`;
  return (
    `<tr data-search="${escapeHtml(searchText(s))}">` +
    `<th scope="row"><a href="#svc-${escapeHtml(s.name)}">${escapeHtml(s.name)}</a></th>` +
    `<td>${escapeHtml(s.team)}</td>` +
    `<td class="${s.health}">${s.health}</td>` +
    `<td class="num">${formatScore(s.reliabilityScore)}${scoreTrend}</td>` +
    `<td class="hide-narrow">${governanceText(s)}</td>` +
    `<td class="num">${formatMoney(s.monthlyCost)}${costTrend}</td>` +
    `<td class="hide-narrow">${s.costTrend}${s.costHistory === undefined ? '' : sparkline(s.costHistory)}</td>` +
    `<td class="num">${slos}</td>` +
    '</tr>'
  );
}

/** What a column sorts by, in column order: text, or a number for the numeric columns (none first). */
function sortKeys(s: ServiceReport): (string | number)[] {
  const card = s.scorecard;
  return [
    s.name,
    s.team,
    HEALTH_SORT[s.health],
    s.reliabilityScore ?? -1,
    card === undefined ? s.governance : `${s.governance} ${card.level ?? 'no level'} ${card.score}`,
    s.monthlyCost,
    s.costTrend,
    s.slosTotal === 0 ? -1 : s.slosMet / s.slosTotal,
  ];
}

/** Service rows laid out at a time: the first page at load, one more page per "show more". */
export const SERVICES_PAGE = 100;

/**
 * The services table up to its embedded rows. Only the first {@link SERVICES_PAGE} rows are in
 * the page's markup; every row is embedded once, compressed: its search text and sort keys
 * (`services-data`, read by the page script at the first filter, sort, "show more" or opened
 * service) and its HTML (`services-rows`, a chunk read when one of its rows is shown). One page
 * of matching rows is laid out at a time, so the page's initial DOM does not grow with the fleet.
 */
function servicesTableHead(n: number, first: readonly string[]): string {
  const columns: readonly [string, boolean, boolean][] = [
    ['Service', false, false],
    ['Team', false, false],
    ['Health', false, false],
    ['Score', true, false],
    ['Governance', false, true],
    ['Monthly cost', true, false],
    ['Trend', false, true],
    ['SLOs met', true, false],
  ];
  const head = columns
    .map(([h, num, narrow]) => {
      const cls = [num ? 'num' : '', narrow ? 'hide-narrow' : ''].filter(Boolean).join(' ');
      return `<th scope="col"${cls === '' ? '' : ` class="${cls}"`}><button type="button">${h}</button></th>`;
    })
    .join('');
  const left = n - Math.min(n, SERVICES_PAGE);
  return (
    `<p><label for="filter">Filter services</label><input type="search" id="filter" placeholder="name, team, health…" autocomplete="off"> <output id="shown" for="filter">${n} of ${n} services shown</output></p>` +
    `<div class="scroll"><table class="sortable" id="services" data-page="${SERVICES_PAGE}"><caption>Services (select a column to sort)</caption><thead><tr>${head}</tr></thead>` +
    `<tbody>${first.join('')}</tbody></table></div>` +
    `<p><button type="button" id="more"${left === 0 ? ' hidden' : ''}>Show ${Math.min(SERVICES_PAGE, left)} more (${left} not shown)</button></p>` +
    dataBlockStart('services-data')
  );
}

/** Services per chunk of embedded data: opening a service decompresses one chunk of details. */
export const DATA_CHUNK = 500;

/**
 * One chunk of embedded data: the entries' JSON, gzip'd (no name, no time), in base64. Level 1:
 * measured on 100,000 services' data (189 MB of JSON), 3× faster than the default level 6 for
 * a page a third larger (25 MB of gzip against 19).
 */
export function packChunk(entries: readonly unknown[]): string {
  return gzipSync(JSON.stringify(entries), { level: 1 }).toString('base64');
}

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');

/** {@link packChunk} of entries given as the UTF-8 of their JSON texts: the same bytes (an array's JSON is its items' joined by commas). */
function packJsonBytes(entries: readonly Uint8Array[]): string {
  const parts: Uint8Array[] = [OPEN];
  for (const [i, e] of entries.entries()) parts.push(...(i === 0 ? [e] : [COMMA, e]));
  parts.push(CLOSE);
  return gzipSync(Buffer.concat(parts), { level: 1 }).toString('base64');
}

/**
 * Embedded data is a `<script type="text/plain">` block: the entries in chunks of
 * {@link DATA_CHUNK}, each {@link packChunk}ed, separated by spaces. Base64 holds no `<`, so no
 * entry can end or change the block; the page's script decompresses a chunk when it needs it.
 * At 10,000 services the page is about a tenth of the JSON it embeds, and the browser parses
 * only that at load.
 */
const dataBlockStart = (id: string) => `<script type="text/plain" id="${id}" data-chunk="${DATA_CHUNK}">`;

/** Entries, as the UTF-8 of their JSON texts, gathered into {@link DATA_CHUNK}-sized chunks of embedded data. */
class ChunkedData {
  #entries: Uint8Array[] = [];
  #chunks = 0;
  /** Adds an entry's JSON; the text of a chunk it completes, else ''. */
  push(json: Uint8Array): string {
    this.#entries.push(json);
    return this.#entries.length === DATA_CHUNK ? this.flush() : '';
  }
  /** The text of the chunk begun ('' when none): packed, after a space unless it is the first. */
  flush(): string {
    if (this.#entries.length === 0) return '';
    const text = (this.#chunks === 0 ? '' : ' ') + packJsonBytes(this.#entries);
    this.#entries = [];
    this.#chunks++;
    return text;
  }
}

/**
 * JSON for a `<script type="application/json">` block: every `<` as `\u003c`, so that no `</script>`
 * or `<!--` can end or change the block, and U+2028/U+2029 escaped too.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** What opens under a service's name: [name, summary HTML, detail HTML]. */
function detailEntry(s: ServiceReport): [string, string, string] {
  const points = s.reasons.reduce((a, r) => a + r.points, 0);
  const summary = `<b>${escapeHtml(s.name)}</b> — <span class="${s.health}">${s.health}</span>, ${plural(points, 'point')}`;
  return [s.name, summary, serviceDetailHtml(s)];
}

/** A service's entry in each block of embedded data (its row's search text and sort keys, its row's HTML, its detail) as JSON. */
function entryTexts(s: ServiceReport, trend?: ServiceTrend): [string, string, string] {
  return [
    JSON.stringify([searchText(s), sortKeys(s)]),
    JSON.stringify(serviceRow(s, trend)),
    JSON.stringify(detailEntry(s)),
  ];
}

/**
 * A service's own parts of the page: the UTF-8 of its entry's JSON in each block of embedded data
 * (its row's search text and sort keys, its row's HTML, its detail). Plain bytes, so they may be
 * built on another thread ({@link htmlBatchParts}).
 */
export interface HtmlServiceParts {
  readonly data: readonly [Uint8Array, Uint8Array, Uint8Array];
}

/** {@link HtmlServiceParts} of a service, with its recorded trend when the page shows trends. */
export function htmlServiceParts(s: ServiceReport, trend?: ServiceTrend): HtmlServiceParts {
  const [a, b, c] = entryTexts(s, trend);
  return { data: [Buffer.from(a), Buffer.from(b), Buffer.from(c)] };
}

/**
 * The {@link HtmlServiceParts} of a batch of services (no trends), in as few buffers as there are
 * blocks, each its own memory (none shared with a pool), so that they may be transferred between
 * threads: `ends[i][k]` is where service k's entry of block i ends in `data[i]`.
 */
export interface HtmlBatchParts {
  readonly data: readonly [Uint8Array, Uint8Array, Uint8Array];
  readonly ends: readonly [readonly number[], readonly number[], readonly number[]];
}

export function htmlBatchParts(services: readonly ServiceReport[]): HtmlBatchParts {
  const texts = services.map((s) => entryTexts(s));
  const encoder = new TextEncoder();
  const block = (i: 0 | 1 | 2) => {
    // Each text encoded once, in turn, into room for the most it can take (3 bytes a UTF-16 unit),
    // then the bytes written copied out.
    const room = new Uint8Array(3 * texts.reduce((n, t) => n + t[i].length, 0));
    const ends: number[] = [];
    let end = 0;
    for (const t of texts) ends.push((end += encoder.encodeInto(t[i], room.subarray(end)).written));
    return { data: room.slice(0, end), ends };
  };
  const [a, b, c] = [block(0), block(1), block(2)];
  return { data: [a.data, b.data, c.data], ends: [a.ends, b.ends, c.ends] };
}

/** Service k's {@link HtmlServiceParts} of a batch's (views of its buffers, not copies). */
export function htmlPartsOf(batch: HtmlBatchParts, k: number): HtmlServiceParts {
  const at = (i: 0 | 1 | 2) => batch.data[i].subarray(k === 0 ? 0 : (batch.ends[i][k - 1] ?? 0), batch.ends[i][k] ?? 0);
  return { data: [at(0), at(1), at(2)] };
}

/**
 * Embedded data a service completed, one text per block of the page (rows' search text and sort
 * keys, rows' HTML, details), '' for a block whose chunk is not complete yet.
 */
export type HtmlChunks = readonly [string, string, string];

/**
 * The end of a page: with the chunks written for each service, the page is `head`, then for
 * each block its chunks (those `add` returned, then `chunks` here) followed by `after` of the
 * block: `head + Σ0 + after[0] + Σ1 + after[1] + Σ2 + after[2]`.
 */
export interface HtmlPageEnd {
  readonly head: string;
  readonly chunks: HtmlChunks;
  readonly after: readonly [string, string, string];
}

/**
 * The HTML page of a report built a service at a time, in report order, in memory bounded by a
 * chunk of embedded data, the top risks, the teams and the fleet sections' capped lists (and, for
 * a report made with several scorecards, its per-scorecard rows), never by the fleet's size:
 * `add` each service and write the chunks it returns (rows and details apart), then `end` with
 * the report's summary. {@link renderHtml} is this writer over a whole report, so a streamed page
 * is the same bytes.
 */
export class HtmlPageWriter {
  readonly #options: HtmlOptions;
  readonly #limit: number;
  #count = 0;
  #risks: ServiceReport[] = [];
  readonly #teams = new Map<string, TeamCounts>();
  readonly #sections: FleetSection[] = [...fleetSections(), new FleetScorecards()];
  readonly #first: string[] = [];
  readonly #rows = new ChunkedData();
  readonly #rowsHtml = new ChunkedData();
  readonly #details = new ChunkedData();

  constructor(options: HtmlOptions = {}) {
    this.#options = options;
    this.#limit = options.topRisks ?? DEFAULT_TOP_RISKS;
  }

  /**
   * Adds the next service. `parts`, when given, must be `htmlServiceParts` of this service with
   * its trend of the writer's `trends` (or of a batch: `htmlPartsOf`), built elsewhere, e.g. with
   * the service on another thread;
   * `s` is then read only for the top risks, teams and fleet sections (its `costHistory` is not).
   */
  add(s: ServiceReport, parts: HtmlServiceParts = htmlServiceParts(s, this.#options.trends?.get(s.name))): HtmlChunks {
    this.#count++;
    // The worst so far and this one: the order is total (names are unique), so the top risks of
    // the fleet are those of the last call. A service that is no risk, or not worse than the last
    // of a full list, leaves the list as it is.
    if (this.#limit > 0 && isRisk(s) && (this.#risks.length < this.#limit || worse(s, this.#risks.at(-1)))) {
      this.#risks = topRisks({ services: [...this.#risks, s] }, this.#limit).map((r) => r.service);
    }
    let t = this.#teams.get(s.team);
    if (t === undefined) {
      t = { services: 0, cost: 0, healthy: 0, degraded: 0, critical: 0, unknown: 0 };
      this.#teams.set(s.team, t);
    }
    t.services++;
    t[s.health]++;
    t.cost += s.monthlyCost;
    for (const section of this.#sections) section.add(s);
    // The first page of rows is in the markup: the row's HTML is its entry's JSON string.
    if (this.#first.length < SERVICES_PAGE)
      this.#first.push(JSON.parse(Buffer.from(parts.data[1]).toString('utf8')) as string);
    return [this.#rows.push(parts.data[0]), this.#rowsHtml.push(parts.data[1]), this.#details.push(parts.data[2])];
  }

  end(summary: ReportSummary): HtmlPageEnd {
    const title = escapeHtml(this.#options.title ?? 'Fleet health report');
    const top = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${title}</h1></header>
<main>
<section aria-label="Summary">${tiles(summary)}${healthChart(summary)}</section>
`;
    const bottom = `
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
    if (this.#count === 0)
      return { head: `${top}<p>No services.</p>${bottom}`, chunks: ['', '', ''], after: ['', '', ''] };
    const head =
      top +
      `<h2>Top risks</h2>${risksSection(this.#risks, this.#limit)}` +
      `<h2>Teams</h2>${teamsTable(this.#teams)}` +
      this.#sections.map((section) => section.html()).join('') +
      `<h2>Services</h2>${servicesTableHead(this.#count, this.#first)}`;
    // The Details section: each service's detail (its domain blocks, escaped HTML built by
    // `serviceDetailHtml`) waits compressed and becomes a `<details>` element only when the
    // service is opened (its link in a table or in top risks, or the page's address).
    const details =
      '</script><h2>Details</h2><p id="details-hint">Select a service name to see its details.</p><div id="details"></div>' +
      dataBlockStart('details-data');
    return {
      head,
      chunks: [this.#rows.flush(), this.#rowsHtml.flush(), this.#details.flush()],
      after: [`</script>${dataBlockStart('services-rows')}`, details, `</script>${bottom}`],
    };
  }
}

/**
 * The report as one self-contained HTML page: summary tiles, a health chart, top risks, a sortable
 * per-team table, the fleet-level section of each domain given, a sortable and filterable services
 * table and each service's details on demand. Inline CSS, JS and SVG only, and a content security
 * policy that forbids any request. Every string from input is escaped.
 */
export function renderHtml(report: Report, options: HtmlOptions = {}): string {
  const writer = new HtmlPageWriter(options);
  const blocks: [string[], string[], string[]] = [[], [], []];
  for (const s of report.services) writer.add(s).forEach((text, i) => blocks[i]?.push(text));
  const end = writer.end(report.summary);
  return end.head + blocks.map((texts, i) => texts.join('') + (end.chunks[i] ?? '') + (end.after[i] ?? '')).join('');
}
