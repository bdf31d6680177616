import { SCORECARD_DETAIL_TITLES, scorecardDetailRows } from '@pt/governance';
import { DORA_DETAIL_TITLES, doraDetailRows } from '@pt/reliability';
import { SLO_DETAIL_HEAD, SLO_DETAIL_TITLES, sloDetailRows } from '@pt/slo';
import { SCORECARD_ROWS_TITLES, scorecardRows } from '@pt/governance';
import { escapeMarkdown } from '@pt/input';
import type { Report, ReportSummary, ServiceReport } from '../report/schema.js';
import { DEFAULT_TOP_RISKS, riskSummary, topRisks } from '../report/risks.js';
import { formatMoney, formatScore, plural } from './format.js';

// Shared by every domain's Markdown renderer; kept here for the toolkit's renderers that import it.
export { escapeMarkdown } from '@pt/input';

export const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;

/** Level and score cells, when the report has scorecards: `-` for a service not scored. */
function scorecardCells(s: ServiceReport, scored: boolean): string[] {
  if (!scored) return [];
  if (s.scorecard === undefined) return ['-', '-'];
  return [escapeMarkdown(s.scorecard.level ?? 'none'), String(s.scorecard.score)];
}

function serviceRow(s: ServiceReport, scored: boolean): string {
  return row([
    escapeMarkdown(s.name),
    escapeMarkdown(s.team),
    `**${s.health}**`,
    formatScore(s.reliabilityScore) + (s.dora === undefined ? '' : '\\*'),
    s.governance,
    ...scorecardCells(s, scored),
    formatMoney(s.monthlyCost),
    s.costTrend,
    `${s.slosMet}/${s.slosTotal}`,
  ]);
}

/** The summary as a Markdown table, and the blank line after it. */
export function summaryTable(m: ReportSummary): string[] {
  return [
    row([
      'Services',
      'Healthy',
      'Degraded',
      'Critical',
      'Unknown',
      'SLO breaches',
      'Over budget',
      'Governance compliant',
      'Monthly cost',
      'Avg reliability',
    ]),
    row(Array.from({ length: 10 }, () => '---:')),
    row(
      [
        m.totalServices,
        m.healthy,
        m.degraded,
        m.critical,
        m.unknown,
        m.sloBreaches,
        m.overBudget,
        m.governanceCompliant,
      ]
        .map(String)
        .concat([formatMoney(m.totalMonthlyCost), String(m.avgReliabilityScore)]),
    ),
    '',
  ];
}

export interface MarkdownOptions {
  /** How many top risks to list first. Default 5; 0 leaves the section out. */
  readonly topRisks?: number;
}

/** The report as GitHub-flavoured Markdown: summary table, top risks, a table per team, reasons, SLO budgets. */
export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const m = report.summary;
  const out: string[] = ['# Fleet health report', ''];
  out.push(...summaryTable(m));
  if (report.services.length === 0) {
    out.push('No services.', '');
    return out.join('\n');
  }
  const risks = topRisks(report, options.topRisks ?? DEFAULT_TOP_RISKS);
  if (risks.length > 0) {
    out.push('## Top risks', '');
    risks.forEach((risk, i) => {
      out.push(
        `${i + 1}. **${escapeMarkdown(risk.service.name)}** (${escapeMarkdown(risk.service.team)}): ${riskSummary(risk)}`,
      );
    });
    out.push('');
  }
  out.push('## Services by team', '');
  const scored = report.services.some((s) => s.scorecard !== undefined);
  const levelHead = scored ? ['Level', 'Governance score'] : [];
  const byTeam = new Map<string, ServiceReport[]>();
  for (const s of report.services) {
    const list = byTeam.get(s.team);
    if (list === undefined) byTeam.set(s.team, [s]);
    else list.push(s);
  }
  for (const [team, services] of byTeam) {
    const unhealthy = services.filter((s) => s.health === 'degraded' || s.health === 'critical').length;
    out.push(
      `### ${escapeMarkdown(team)}`,
      '',
      `${plural(services.length, 'service')}, ${unhealthy} degraded or critical.`,
      '',
      row(['Service', 'Team', 'Health', 'Score', 'Governance', ...levelHead, 'Monthly cost', 'Trend', 'SLOs met']),
      row(['---', '---', '---', '---:', '---', ...(scored ? ['---', '---:'] : []), '---:', '---', '---:']),
      ...services.map((s) => serviceRow(s, scored)),
      '',
    );
  }
  const fromEvents = report.services.find((s) => s.dora !== undefined)?.dora;
  if (fromEvents !== undefined) {
    out.push(`\\* reliability from events, ${fromEvents.window.start} to ${fromEvents.window.end}`, '');
  }
  const explained = report.services.filter((s) => s.reasons.length > 0);
  if (explained.length > 0) {
    out.push('## Why', '');
    for (const s of explained) {
      const points = s.reasons.reduce((a, r) => a + r.points, 0);
      out.push(`### ${escapeMarkdown(s.name)}: ${s.health}, ${plural(points, 'point')}`, '');
      for (const r of s.reasons) out.push(`- **${r.domain}** (+${r.points}): ${escapeMarkdown(r.message)}`);
      out.push('');
    }
  }
  const slo = sloDetailRows(report.services);
  if (slo.length > 0) {
    out.push('## SLO error budgets', '');
    out.push(row(SLO_DETAIL_TITLES));
    out.push(row(SLO_DETAIL_HEAD.map((_, i) => (i >= 2 ? '---:' : '---'))));
    for (const r of slo) out.push(row(r.map(escapeMarkdown)));
    out.push('');
  }
  const cards = scorecardRows(report.services);
  if (cards.length > 0) {
    out.push('## Scorecards', '');
    out.push(row(SCORECARD_ROWS_TITLES));
    out.push(row(SCORECARD_ROWS_TITLES.map((_, i) => (i === 3 ? '---:' : '---'))));
    for (const r of cards) out.push(row(r.map(escapeMarkdown)));
    out.push('');
  }
  const dora = doraDetailRows(report.services);
  if (dora.length > 0) {
    out.push('## DORA (from events)', '');
    out.push(row(DORA_DETAIL_TITLES));
    out.push(row(DORA_DETAIL_TITLES.map((_, i) => (i >= 1 && i <= 5 ? '---:' : '---'))));
    for (const r of dora) out.push(row(r.map(escapeMarkdown)));
    out.push('');
  }
  const rules = scorecardDetailRows(report.services);
  if (rules.length > 0) {
    out.push('## Scorecard rules', '', 'Failed rules count toward the verdict; waived rules never do.', '');
    out.push(row(SCORECARD_DETAIL_TITLES));
    out.push(row(SCORECARD_DETAIL_TITLES.map((_, i) => (i === 3 ? '---:' : '---'))));
    for (const r of rules) out.push(row(r.map(escapeMarkdown)));
    out.push('');
  }
  return out.join('\n');
}
