import { escapeMarkdown, printable } from '@pt/input';
import type { BillingAnalysis } from './billing/analyze.js';
import { formatAmount, minorDigits } from './billing/money.js';
import { UNALLOCATED, summarize, type CurrencySummary, type GroupBy } from './billing/split.js';
import type { CostReport } from './report/apply.js';

const money = (value: bigint, currency: string) => `${formatAmount(value, minorDigits(currency))} ${currency}`;
const units = (value: number | null, currency: string) =>
  value === null ? '-' : `${value.toFixed(minorDigits(currency))} ${currency}`;

/** Billing figures of a report (services with a `billing` key), as plain text lines. */
export function renderBillingText(report: CostReport, analysis: BillingAnalysis, markdown: boolean): string {
  const esc = markdown ? escapeMarkdown : (s: string) => s;
  const out: string[] = [markdown ? '## Billing' : 'Billing', ''];
  for (const summary of summarize(analysis.cells, 'service')) {
    out.push(
      `${summary.currency}: total ${money(summary.total, summary.currency)}, shared ${money(summary.shared, summary.currency)}, ` +
        `${UNALLOCATED} ${money(summary.unallocated, summary.currency)}`,
    );
  }
  out.push('');
  for (const s of report.services) {
    const b = s.billing;
    if (b === undefined) continue;
    const f = b.forecast;
    const interval =
      f.low === null || f.high === null ? '' : ` [${units(f.low, b.currency)} – ${units(f.high, b.currency)}]`;
    out.push(
      `${markdown ? '- **' : ''}${esc(printable(s.name))}${markdown ? '**' : ''}: ${b.month} to ${b.asOf} ${units(b.monthToDate, b.currency)}` +
        ` (shared ${units(b.sharedMonthToDate, b.currency)}), forecast run-rate ${units(f.runRate, b.currency)},` +
        ` linear ${units(f.linear, b.currency)}${interval}, trend ${b.trend}`,
    );
    const item = markdown ? '  - ' : '    ';
    const months = analysis.services.find((m) => m.service === s.name && m.currency === b.currency)?.months ?? [];
    if (months.length > 0) {
      out.push(`${item}months: ${months.map((m) => `${m.month} ${money(m.amount, b.currency)}`).join(', ')}`);
    }
    for (const line of b.topLines ?? []) {
      const where = [line.serviceCategory, line.chargeCategory].filter((x) => x !== '').join(', ');
      const name = line.serviceName === '' ? '(no ServiceName)' : line.serviceName;
      out.push(
        `${item}top line: ${esc(printable(name))}${where === '' ? '' : ` (${esc(printable(where))})`} ${units(line.amount, b.currency)}`,
      );
    }
    for (const a of b.anomalies) {
      out.push(
        `${markdown ? '  - ' : '    '}anomaly ${a.day}: ${units(a.amount, b.currency)} (median ${units(a.median, b.currency)}, z ${a.score})`,
      );
    }
    for (const a of b.alerts) out.push(`${markdown ? '  - ' : '    '}budget: ${esc(a.message)}`);
  }
  return `${out.join('\n')}\n`;
}

/** Column heading of a grouping. */
const HEADINGS: Record<GroupBy, string> = {
  service: 'Service',
  team: 'Team',
  month: 'Month',
  day: 'Day',
  category: 'ServiceCategory',
  'charge-category': 'ChargeCategory',
  'service-name': 'ServiceName',
};

/** A cost summary (`pt cost summary`) as an aligned table or Markdown, one block per currency. */
export function renderCostSummary(
  summaries: readonly CurrencySummary[],
  by: GroupBy,
  format: 'table' | 'markdown',
  /** The first column's heading instead of the dimension's (e.g. `tag:application`). */
  label?: string,
): string {
  const out: string[] = [];
  for (const s of summaries) {
    const rows = s.groups.map((g) => [
      g.key,
      formatAmount(g.amount, minorDigits(s.currency)),
      formatAmount(g.shared, minorDigits(s.currency)),
    ]);
    rows.push([
      'Total',
      formatAmount(s.total, minorDigits(s.currency)),
      formatAmount(s.shared, minorDigits(s.currency)),
    ]);
    const head = [
      label === undefined ? HEADINGS[by] : format === 'markdown' ? escapeMarkdown(label) : printable(label),
      `Cost (${s.currency})`,
      'of which shared',
    ];
    if (format === 'markdown') {
      out.push(`| ${head.join(' | ')} |`, '| --- | ---: | ---: |');
      for (const r of rows) out.push(`| ${escapeMarkdown(r[0] ?? '')} | ${r[1]} | ${r[2]} |`);
    } else {
      const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
      const line = (cells: readonly string[]) =>
        cells
          .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
          .join('  ')
          .trimEnd();
      out.push(line(head), widths.map((w) => '-'.repeat(w)).join('  '));
      for (const r of rows) out.push(line(r.map(printable)));
    }
    out.push('');
  }
  return out.join('\n');
}
