import type { BillingReport } from '@pt/cost';
import type { ServiceScorecard } from '@pt/governance';
import type { ServiceDora } from '@pt/reliability';
import { sloBudgetBarsHtml, type SloDetail } from '@pt/slo';
import type { Report, ServiceReport } from '../report/schema.js';
import { formatMoney, formatScore, plural } from './format.js';
import { doraTrendBlock } from './html-dora-trend.js';

/** Text from input made safe for HTML text and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/*
 * Per-domain detail blocks of one service: each a small function over the report types that
 * returns an HTML fragment ('' when the report has nothing for that domain). A new report field
 * is shown by a line in one of them, or by one more block in DETAIL_BLOCKS.
 */

/** `compliant · gold, score 100` when the service has a scorecard. */
export function governanceText(s: ServiceReport): string {
  const card = s.scorecard;
  if (card === undefined) return s.governance;
  return `${s.governance} · ${escapeHtml(card.level ?? 'no level')}, score ${card.score}`;
}

/** The headline figures of a service. */
export function factsBlock(s: ServiceReport): string {
  return `<p>Team ${escapeHtml(s.team)} · reliability score ${formatScore(s.reliabilityScore)} · governance ${governanceText(s)} · ${formatMoney(s.monthlyCost)} a month, ${s.costTrend} · ${s.slosMet}/${s.slosTotal} SLOs met</p>`;
}

/** The rules that fired, with their points. */
export function reasonsBlock(s: ServiceReport): string {
  if (s.reasons.length === 0) return '<p>No rule fired.</p>';
  return `<ul class="reasons">${s.reasons.map((r) => `<li><b>${r.domain}</b> +${r.points}: ${escapeHtml(r.message)}</li>`).join('')}</ul>`;
}

const cell = (text: string, num = false) => `<td${num ? ' class="num"' : ''}>${text}</td>`;
const headRow = (titles: readonly string[]) =>
  `<thead><tr>${titles.map((t) => `<th scope="col">${t}</th>`).join('')}</tr></thead>`;
const pct = (n: number | null) => (n === null ? '-' : `${n}%`);
const times = (n: number | null) => (n === null ? '-' : `${n}×`);

/** One alert state in words: `firing`, `ok`, `no data`. */
function alertText(state: SloDetail['page']): string {
  return state === 'insufficient_data' ? 'no data' : state;
}

/** SLO budgets (bars) and, per objective, status, SLI, burn rates and the page and ticket alert states. */
export function sloBlock(details: readonly SloDetail[] | undefined): string {
  if (details === undefined || details.length === 0) return '';
  const rows = details.map(
    (d) =>
      `<tr><th scope="row">${escapeHtml(d.slo)}</th>${cell(`${d.target}%`, true)}${cell(d.status === 'no_data' ? 'no data' : d.status)}` +
      `${cell(pct(d.sli), true)}${cell(`${d.budgetRemainingPct}%`, true)}${cell(times(d.burnRate), true)}${cell(times(d.currentBurnRate), true)}` +
      `${cell(d.timeToExhaustion === null ? '-' : escapeHtml(d.timeToExhaustion))}` +
      `<td class="alert-${d.page}">${alertText(d.page)}</td><td class="alert-${d.ticket}">${alertText(d.ticket)}</td>` +
      `${cell(`${escapeHtml(d.window)}, ${escapeHtml(d.windowStart)} to ${escapeHtml(d.windowEnd)}`)}</tr>`,
  );
  return (
    `<section class="domain slo"><h3>SLO budgets and alerts</h3>${sloBudgetBarsHtml(details, escapeHtml)}` +
    `<div class="scroll"><table>${headRow(['SLO', 'Target', 'Status', 'SLI', 'Budget left', 'Burn', 'Burn 1h', 'Exhausted in', 'Page', 'Ticket', 'Window'])}<tbody>${rows.join('')}</tbody></table></div></section>`
  );
}

/** The month's largest cost lines ('' when the report has none). */
export function topLinesTable(billing: BillingReport, money: (n: number) => string): string {
  const lines = billing.topLines ?? [];
  if (lines.length === 0) return '';
  const rows = lines.map(
    (l) =>
      `<tr><th scope="row">${l.serviceName === '' ? '(no ServiceName)' : escapeHtml(l.serviceName)}</th>` +
      `${cell(escapeHtml(l.serviceCategory))}${cell(escapeHtml(l.chargeCategory))}${cell(money(l.amount), true)}</tr>`,
  );
  return `<table class="top-lines"><caption>Top cost lines, ${escapeHtml(billing.month)}</caption>${headRow(['ServiceName', 'ServiceCategory', 'ChargeCategory', 'Cost'])}<tbody>${rows.join('')}</tbody></table>`;
}

/** The billing view: spend by month, month to date, forecast, trend, top cost lines, anomalies and budget alerts. */
export function billingBlock(billing: BillingReport | undefined, history: ServiceReport['costHistory']): string {
  if (billing === undefined && (history === undefined || history.length === 0)) return '';
  const parts: string[] = [];
  if (history !== undefined && history.length > 0) {
    const rows = history.map(
      (h) => `<tr><th scope="row">${escapeHtml(h.month)}</th>${cell(formatMoney(h.amount), true)}</tr>`,
    );
    parts.push(`<table class="months">${headRow(['Month', 'Spend'])}<tbody>${rows.join('')}</tbody></table>`);
  }
  if (billing !== undefined) {
    const money = (n: number | null) => (n === null ? '-' : `${formatMoney(n)} ${escapeHtml(billing.currency)}`);
    const f = billing.forecast;
    parts.push(
      `<p>Month ${escapeHtml(billing.month)} to ${escapeHtml(billing.asOf)}: ${money(billing.monthToDate)} (shared ${money(billing.sharedMonthToDate)}), ${billing.trend}. ` +
        `Forecast: run rate ${money(f.runRate)}, linear ${money(f.linear)} (range ${money(f.low)} to ${money(f.high)}).</p>`,
    );
    parts.push(topLinesTable(billing, money));
    parts.push(
      billing.alerts.length === 0
        ? '<p>No budget alert.</p>'
        : `<ul class="budget-alerts">${billing.alerts
            .map(
              (a) =>
                `<li><b>${a.scope} ${a.basis}</b> ${a.usedPct}% of budget (threshold ${a.thresholdPct}%): ${escapeHtml(a.message)}</li>`,
            )
            .join('')}</ul>`,
    );
    if (billing.anomalies.length > 0) {
      parts.push(
        `<p>Anomalies: ${billing.anomalies
          .map((a) => `${escapeHtml(a.day)} ${money(a.amount)} (median ${money(a.median)}, score ${a.score})`)
          .join('; ')}</p>`,
      );
    }
  }
  return `<section class="domain cost"><h3>Billing</h3>${parts.join('')}</section>`;
}

/** The DORA figures derived from events, their sample sizes and the level. */
export function doraBlock(dora: ServiceDora | undefined): string {
  if (dora === undefined) return '';
  return (
    `<section class="domain dora"><h3>DORA</h3><p>Level <b>${dora.level ?? 'no data'}</b> over ${escapeHtml(dora.window.start)} to ${escapeHtml(dora.window.end)}: ` +
    `${plural(dora.deployments, 'deployment')}, change failure rate ${dora.changeFailureRatePct}%, ` +
    `${plural(dora.incidents30d, 'incident')} (${dora.resolvedIncidents} resolved), MTTR ${dora.mttrMinutes} min, ` +
    `uptime ${dora.uptimePct}% (${dora.downtimeMinutes} min down).</p></section>`
  );
}

/** The scorecard's rule breakdown: failed, waived and expired waivers, and the gap to the next level. */
export function scorecardBlock(card: ServiceScorecard | undefined): string {
  if (card === undefined) return '';
  const list = (ids: readonly string[]) => (ids.length === 0 ? 'none' : ids.map(escapeHtml).join(', '));
  const expired = card.expiredWaivers.map(
    (w) =>
      `<li>${escapeHtml(w.rule)}: waiver expired ${escapeHtml(w.expires)} (${escapeHtml(w.reason)}), counted as failed</li>`,
  );
  return (
    `<section class="domain scorecard"><h3>Scorecard ${escapeHtml(card.name)}</h3>` +
    `<p>Level ${escapeHtml(card.level ?? 'none')}, score ${card.score}; next level ${escapeHtml(card.nextLevel ?? 'none')}` +
    `${card.gap.length === 0 ? '' : ` (fix ${list(card.gap)})`}.</p>` +
    `<ul class="rules"><li>Failed: ${list(card.failed)}</li><li>Waived: ${list(card.waived)}</li>${expired.join('')}</ul></section>`
  );
}

/** Every detail block of a service, in page order. */
export const DETAIL_BLOCKS: readonly ((s: ServiceReport) => string)[] = [
  factsBlock,
  (s) => sloBlock(s.sloDetails),
  (s) => billingBlock(s.billing, s.costHistory),
  (s) => doraBlock(s.dora),
  (s) => doraTrendBlock(s.dora?.trend),
  (s) => (s.scorecards === undefined ? scorecardBlock(s.scorecard) : s.scorecards.map(scorecardBlock).join('')),
  reasonsBlock,
];

/** The whole detail of one service (what opens under its name). */
export function serviceDetailHtml(s: ServiceReport): string {
  return DETAIL_BLOCKS.map((block) => block(s)).join('');
}

/*
 * Fleet-level sections, one per domain the report carries (none when no service has it).
 */

const LIST_LIMIT = 10;
const link = (name: string) => `<a href="#svc-${escapeHtml(name)}">${escapeHtml(name)}</a>`;
function capped(items: readonly string[]): string {
  const more = items.length - LIST_LIMIT;
  return items.slice(0, LIST_LIMIT).join(', ') + (more > 0 ? ` and ${more} more` : '');
}

/** OpenSLO objectives of the fleet: counts by status and alert, and which services they are in. */
export function fleetSloSection(report: Report): string {
  let objectives = 0;
  const exhausted: string[] = [];
  const paging: string[] = [];
  const ticket: string[] = [];
  const noData: string[] = [];
  for (const s of report.services) {
    for (const d of s.sloDetails ?? []) {
      objectives++;
      const who = `${link(s.name)} ${escapeHtml(d.slo)}`;
      if (d.status === 'exhausted') exhausted.push(who);
      else if (d.status === 'no_data') noData.push(who);
      if (d.page === 'firing') paging.push(who);
      else if (d.ticket === 'firing') ticket.push(who);
    }
  }
  if (objectives === 0) return '';
  const line = (label: string, items: readonly string[]) =>
    `<li>${label}: ${items.length}${items.length === 0 ? '' : ` (${capped(items)})`}</li>`;
  return (
    `<section class="fleet-slo"><h2>SLOs</h2><ul><li>${plural(objectives, 'objective')} with SLI data</li>` +
    `${line('Budget exhausted', exhausted)}${line('Page alert firing', paging)}${line('Ticket alert firing', ticket)}${line('No data', noData)}</ul></section>`
  );
}

/** Billing of the fleet: month to date and forecast per currency, and every budget alert. */
export function fleetBillingSection(report: Report): string {
  const byCurrency = new Map<string, { services: number; mtd: number; runRate: number }>();
  const alerts: string[] = [];
  for (const s of report.services) {
    const b = s.billing;
    if (b === undefined) continue;
    const c = byCurrency.get(b.currency) ?? { services: 0, mtd: 0, runRate: 0 };
    c.services++;
    c.mtd += b.monthToDate;
    c.runRate += b.forecast.runRate;
    byCurrency.set(b.currency, c);
    for (const a of b.alerts) alerts.push(`${link(s.name)}: ${escapeHtml(a.message)}`);
  }
  if (byCurrency.size === 0) return '';
  const rows = [...byCurrency].map(
    ([currency, c]) =>
      `<tr><th scope="row">${escapeHtml(currency)}</th>${cell(String(c.services), true)}${cell(formatMoney(c.mtd), true)}${cell(formatMoney(c.runRate), true)}</tr>`,
  );
  return (
    `<section class="fleet-cost"><h2>Billing</h2><table>${headRow(['Currency', 'Services', 'Month to date', 'Run-rate forecast'])}<tbody>${rows.join('')}</tbody></table>` +
    `<p>Budget alerts: ${alerts.length}${alerts.length === 0 ? '' : ` (${capped(alerts)})`}</p></section>`
  );
}

/** DORA levels across the services whose reliability came from events. */
export function fleetDoraSection(report: Report): string {
  const levels = new Map<string, number>();
  let services = 0;
  let deployments = 0;
  for (const s of report.services) {
    if (s.dora === undefined) continue;
    services++;
    deployments += s.dora.deployments;
    const level = s.dora.level ?? 'no data';
    levels.set(level, (levels.get(level) ?? 0) + 1);
  }
  if (services === 0) return '';
  const order = ['elite', 'high', 'medium', 'low', 'no data'];
  const counts = order.filter((l) => levels.has(l)).map((l) => `${levels.get(l)} ${l}`);
  return `<section class="fleet-dora"><h2>DORA</h2><p>${plural(services, 'service')} measured from events, ${plural(deployments, 'deployment')}: ${counts.join(', ')}.</p></section>`;
}

/** Scorecards of the fleet: levels reached and, per rule, how many services fail it or have it waived. */
export function fleetScorecardSection(report: Report): string {
  const levels = new Map<string, number>();
  const rules = new Map<string, { failed: number; waived: number }>();
  let scored = 0;
  const rule = (id: string) => {
    const r = rules.get(id) ?? { failed: 0, waived: 0 };
    rules.set(id, r);
    return r;
  };
  for (const s of report.services) {
    const card = s.scorecard;
    if (card === undefined) continue;
    scored++;
    const level = card.level ?? 'no level';
    levels.set(level, (levels.get(level) ?? 0) + 1);
    for (const id of card.failed) rule(id).failed++;
    for (const id of card.waived) rule(id).waived++;
  }
  if (scored === 0) return '';
  const rows = [...rules]
    .sort(([a, x], [b, y]) => y.failed - x.failed || a.localeCompare(b))
    .map(
      ([id, r]) =>
        `<tr><th scope="row">${escapeHtml(id)}</th>${cell(String(r.failed), true)}${cell(String(r.waived), true)}</tr>`,
    );
  const levelText = [...levels].map(([l, n]) => `${n} ${escapeHtml(l)}`).join(', ');
  return (
    `<section class="fleet-scorecard"><h2>Scorecards</h2><p>${plural(scored, 'service')} scored: ${levelText}.</p>` +
    (rows.length === 0
      ? '<p>No rule failed or waived.</p>'
      : `<table>${headRow(['Rule', 'Failed', 'Waived'])}<tbody>${rows.join('')}</tbody></table>`) +
    '</section>'
  );
}

/** Every fleet-level domain section, in page order. */
export const FLEET_SECTIONS: readonly ((report: Report) => string)[] = [
  fleetSloSection,
  fleetBillingSection,
  fleetDoraSection,
  fleetScorecardSection,
];
