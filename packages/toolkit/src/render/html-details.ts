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

/**
 * A fleet-level section built a service at a time, in fleet order: `add` each reported service,
 * then `html`. Memory is bounded by what the section shows (lists are kept to their first
 * {@link LIST_LIMIT} items and counted), never by the fleet's size, so a streamed report can
 * build the same section as the whole one.
 */
export interface FleetSection {
  add(s: ServiceReport): void;
  html(): string;
}

/** The first {@link LIST_LIMIT} items, and how many there were. */
class CappedList {
  readonly items: string[] = [];
  length = 0;
  push(item: () => string): void {
    if (this.length++ < LIST_LIMIT) this.items.push(item());
  }
  text(): string {
    const more = this.length - LIST_LIMIT;
    return this.items.join(', ') + (more > 0 ? ` and ${more} more` : '');
  }
}

/** OpenSLO objectives of the fleet: counts by status and alert, and which services they are in. */
class FleetSlo implements FleetSection {
  #objectives = 0;
  readonly #exhausted = new CappedList();
  readonly #paging = new CappedList();
  readonly #ticket = new CappedList();
  readonly #noData = new CappedList();
  add(s: ServiceReport): void {
    for (const d of s.sloDetails ?? []) {
      this.#objectives++;
      const who = () => `${link(s.name)} ${escapeHtml(d.slo)}`;
      if (d.status === 'exhausted') this.#exhausted.push(who);
      else if (d.status === 'no_data') this.#noData.push(who);
      if (d.page === 'firing') this.#paging.push(who);
      else if (d.ticket === 'firing') this.#ticket.push(who);
    }
  }
  html(): string {
    if (this.#objectives === 0) return '';
    const line = (label: string, items: CappedList) =>
      `<li>${label}: ${items.length}${items.length === 0 ? '' : ` (${items.text()})`}</li>`;
    return (
      `<section class="fleet-slo"><h2>SLOs</h2><ul><li>${plural(this.#objectives, 'objective')} with SLI data</li>` +
      `${line('Budget exhausted', this.#exhausted)}${line('Page alert firing', this.#paging)}${line('Ticket alert firing', this.#ticket)}${line('No data', this.#noData)}</ul></section>`
    );
  }
}

/** Billing of the fleet: month to date and forecast per currency, and every budget alert. */
class FleetBilling implements FleetSection {
  readonly #byCurrency = new Map<string, { services: number; mtd: number; runRate: number }>();
  readonly #alerts = new CappedList();
  add(s: ServiceReport): void {
    const b = s.billing;
    if (b === undefined) return;
    const c = this.#byCurrency.get(b.currency) ?? { services: 0, mtd: 0, runRate: 0 };
    c.services++;
    c.mtd += b.monthToDate;
    c.runRate += b.forecast.runRate;
    this.#byCurrency.set(b.currency, c);
    for (const a of b.alerts) this.#alerts.push(() => `${link(s.name)}: ${escapeHtml(a.message)}`);
  }
  html(): string {
    if (this.#byCurrency.size === 0) return '';
    const alerts = this.#alerts;
    const rows = [...this.#byCurrency].map(
      ([currency, c]) =>
        `<tr><th scope="row">${escapeHtml(currency)}</th>${cell(String(c.services), true)}${cell(formatMoney(c.mtd), true)}${cell(formatMoney(c.runRate), true)}</tr>`,
    );
    return (
      `<section class="fleet-cost"><h2>Billing</h2><table>${headRow(['Currency', 'Services', 'Month to date', 'Run-rate forecast'])}<tbody>${rows.join('')}</tbody></table>` +
      `<p>Budget alerts: ${alerts.length}${alerts.length === 0 ? '' : ` (${alerts.text()})`}</p></section>`
    );
  }
}

/** DORA levels across the services whose reliability came from events. */
class FleetDora implements FleetSection {
  readonly #levels = new Map<string, number>();
  #services = 0;
  #deployments = 0;
  add(s: ServiceReport): void {
    if (s.dora === undefined) return;
    this.#services++;
    this.#deployments += s.dora.deployments;
    const level = s.dora.level ?? 'no data';
    this.#levels.set(level, (this.#levels.get(level) ?? 0) + 1);
  }
  html(): string {
    if (this.#services === 0) return '';
    const levels = this.#levels;
    const order = ['elite', 'high', 'medium', 'low', 'no data'];
    const counts = order.filter((l) => levels.has(l)).map((l) => `${levels.get(l)} ${l}`);
    return `<section class="fleet-dora"><h2>DORA</h2><p>${plural(this.#services, 'service')} measured from events, ${plural(this.#deployments, 'deployment')}: ${counts.join(', ')}.</p></section>`;
  }
}

/** Scorecards of the fleet: levels reached and, per rule, how many services fail it or have it waived. */
class FleetScorecard implements FleetSection {
  readonly #levels = new Map<string, number>();
  readonly #rules = new Map<string, { failed: number; waived: number }>();
  #scored = 0;
  #rule(id: string) {
    const r = this.#rules.get(id) ?? { failed: 0, waived: 0 };
    this.#rules.set(id, r);
    return r;
  }
  add(s: ServiceReport): void {
    const card = s.scorecard;
    if (card === undefined) return;
    this.#scored++;
    const level = card.level ?? 'no level';
    this.#levels.set(level, (this.#levels.get(level) ?? 0) + 1);
    for (const id of card.failed) this.#rule(id).failed++;
    for (const id of card.waived) this.#rule(id).waived++;
  }
  html(): string {
    if (this.#scored === 0) return '';
    const rows = [...this.#rules]
      .sort(([a, x], [b, y]) => y.failed - x.failed || a.localeCompare(b))
      .map(
        ([id, r]) =>
          `<tr><th scope="row">${escapeHtml(id)}</th>${cell(String(r.failed), true)}${cell(String(r.waived), true)}</tr>`,
      );
    const levelText = [...this.#levels].map(([l, n]) => `${n} ${escapeHtml(l)}`).join(', ');
    return (
      `<section class="fleet-scorecard"><h2>Scorecards</h2><p>${plural(this.#scored, 'service')} scored: ${levelText}.</p>` +
      (rows.length === 0
        ? '<p>No rule failed or waived.</p>'
        : `<table>${headRow(['Rule', 'Failed', 'Waived'])}<tbody>${rows.join('')}</tbody></table>`) +
      '</section>'
    );
  }
}

/** A whole report's section, from its accumulator. */
const whole =
  (make: () => FleetSection) =>
  (report: Report): string => {
    const section = make();
    for (const s of report.services) section.add(s);
    return section.html();
  };

/** OpenSLO objectives of the fleet: counts by status and alert, and which services they are in. */
export const fleetSloSection = whole(() => new FleetSlo());
/** Billing of the fleet: month to date and forecast per currency, and every budget alert. */
export const fleetBillingSection = whole(() => new FleetBilling());
/** DORA levels across the services whose reliability came from events. */
export const fleetDoraSection = whole(() => new FleetDora());
/** Scorecards of the fleet: levels reached and, per rule, how many services fail it or have it waived. */
export const fleetScorecardSection = whole(() => new FleetScorecard());

/** A new accumulator of every fleet-level domain section, in page order. */
export function fleetSections(): FleetSection[] {
  return [new FleetSlo(), new FleetBilling(), new FleetDora(), new FleetScorecard()];
}

/** Every fleet-level domain section, in page order. */
export const FLEET_SECTIONS: readonly ((report: Report) => string)[] = [
  fleetSloSection,
  fleetBillingSection,
  fleetDoraSection,
  fleetScorecardSection,
];
