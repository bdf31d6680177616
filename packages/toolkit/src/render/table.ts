import { SCORECARD_ROWS_HEAD, scorecardRows } from '@pt/governance';
import { printable } from '@pt/input';
import { scorecardDetailRows } from '@pt/governance';
import { DORA_DETAIL_HEAD, doraDetailRows } from '@pt/reliability';
import { SLO_DETAIL_HEAD, sloDetailRows } from '@pt/slo';
import { createColors } from 'picocolors';
import { DEFAULT_TOP_RISKS, pointsOf, riskSummary, topRisks } from '../report/risks.js';
import type { Health, Report, ServiceReport } from '../report/schema.js';
import { formatMoney, formatScore, plural } from './format.js';

export interface TableOptions {
  /** Use ANSI colours. Decide from the terminal (TTY, `NO_COLOR`); default off. */
  readonly color?: boolean;
  /** Width to fit, in columns. Default 80. */
  readonly width?: number;
  /** How many top risks to list first. Default 5; 0 leaves the section out. */
  readonly topRisks?: number;
}

export const GAP = '  ';

export const HEAD = ['SERVICE', 'HEALTH', 'SCORE', 'GOVERNANCE', 'COST/MO', 'TREND', 'SLOS'] as const;
export const RIGHT_ALIGNED = new Set([2, 4, 6]);
export const MIN_NAME_WIDTH = 12;
/** Marks a score derived from events (`pt report --events`); explained under the table. */
export const EVENTS_MARK = '*';

/** `text` padded to `width`, on the left for right-aligned columns. */
export function pad(text: string, width: number, right: boolean): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

/**
 * Short level labels for the GOVERNANCE column: a level's initial (`G` for gold), `-` for no
 * level; whole names if two levels of the report share an initial.
 */
function levelLabels(report: Report): Map<string | null, string> {
  const levels: (string | null)[] = [];
  for (const s of report.services) {
    if (s.scorecard !== undefined && !levels.includes(s.scorecard.level)) levels.push(s.scorecard.level);
  }
  // No level: the score alone (`non_compliant 0`), never a `-` that would read as a minus sign.
  const initial = (level: string | null) => (level === null ? '' : (level[0] ?? '?').toUpperCase());
  const named = levels.filter((l): l is string => l !== null);
  const unique = new Set(named.map(initial)).size === named.length;
  return new Map(levels.map((l) => [l, l === null ? '' : printable(unique ? initial(l) : l)]));
}

/** `needs_review B60`: the seed's status, then the scorecard level and score when scored. */
function governanceCell(s: ServiceReport, labels: Map<string | null, string>): string {
  if (s.scorecard === undefined) return s.governance;
  return `${s.governance} ${labels.get(s.scorecard.level) ?? '?'}${s.scorecard.score}`;
}

function cells(s: ServiceReport, labels: Map<string | null, string>): string[] {
  return [
    `  ${s.name}`,
    s.health,
    formatScore(s.reliabilityScore) + (s.dora === undefined ? '' : EVENTS_MARK),
    governanceCell(s, labels),
    formatMoney(s.monthlyCost),
    s.costTrend,
    `${s.slosMet}/${s.slosTotal}`,
  ];
}

/** Greedy word wrap of `text` to `width` columns; continuation lines start with `indent`. */
export function wrap(text: string, width: number, indent: string): string {
  // Text that fits, not starting with a space (which the loop drops), is one line as it is.
  if (text.length <= width && text.charCodeAt(0) !== 0x20) return text;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines.join(`\n${indent}`);
}

/**
 * Text from input made safe for a terminal: @pt/input's one sanitizer (controls, bidi and
 * zero-width characters shown escaped), so a team name cannot recolour or rewrite the screen.
 */
export { printable };

/** `text` cut to `max` characters, with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

/**
 * The function that lays out one row of the services table: the name column gets what the terminal
 * `width` leaves after the other columns (at least MIN_NAME_WIDTH; `widths` is changed to say so),
 * cells are padded, and the health cell coloured after padding so widths stay exact.
 */
export function tableLine(
  widths: number[],
  width: number,
  paint: Readonly<Record<Health, (text: string) => string>>,
): (cells: readonly string[], health?: Health) => string {
  const others = widths.slice(1).reduce((a, b) => a + b, 0) + (HEAD.length - 1) * GAP.length;
  widths[0] = Math.max(MIN_NAME_WIDTH, Math.min(widths[0] ?? 0, width - others));
  // A loop rather than map and join: called once per service.
  return (cells, health) => {
    let line = '';
    for (let i = 0; i < cells.length; i++) {
      const w = widths[i] ?? 0;
      const cell = cells[i] ?? '';
      let text = pad(i === 0 ? truncate(cell, w) : cell, w, RIGHT_ALIGNED.has(i));
      if (i === 1 && health !== undefined) text = paint[health](text);
      line = i === 0 ? text : `${line}${GAP}${text}`;
    }
    return line;
  };
}

/**
 * A service's lines in the "Why" section: its name, health and points, then each reason wrapped
 * within `width` (whole and streamed table alike).
 */
export function whyLines(
  s: ServiceReport,
  width: number,
  paint: Readonly<Record<Health, (text: string) => string>>,
): string[] {
  const points = plural(pointsOf(s), 'point');
  const name = truncate(s.name, width - 4 - `${s.health}, ${points}`.length);
  const lines = [`  ${name}: ${paint[s.health](s.health)}, ${points}`];
  for (const r of s.reasons) {
    const head = `    +${r.points} ${r.domain.padEnd(11)} `;
    lines.push(head + wrap(printable(r.message), width - head.length, ' '.repeat(head.length)));
  }
  return lines;
}

/**
 * A row of `scorecardDetailRows` as the table's lines: the service, scorecard, level and score,
 * then its failed and waived rules wrapped within `width`.
 */
export function ruleLines(row: readonly string[], width: number): string[] {
  const [name = '', card = '', level = '', score = '', failed = '', waived = ''] = row;
  const tail = ` (${printable(card)}): ${level === '-' ? '' : `${printable(level)}, `}score ${score}`;
  const lines = [`  ${truncate(printable(name), width - 2 - tail.length)}${tail}`];
  for (const [label, list] of [
    ['failed', failed],
    ['waived', waived],
  ] as const) {
    if (list === '-') continue;
    const head = `    ${label}  `;
    lines.push(head + wrap(printable(list), width - head.length, ' '.repeat(head.length)));
  }
  return lines;
}

/**
 * A terminal table: a summary, one row per service grouped by team, then the reasons of every
 * service that has any (a healthy service may have one, e.g. a reliability score of 60).
 * Fits `width` columns by shortening long service and team names.
 */
export function renderTable(report: Report, options: TableOptions = {}): string {
  const c = createColors(options.color ?? false);
  const width = Math.max(60, options.width ?? 80);
  const paint: Record<Health, (s: string) => string> = {
    healthy: c.green,
    degraded: c.yellow,
    critical: (s) => c.bold(c.red(s)),
    unknown: c.dim,
  };
  const { summary: m } = report;
  const out: string[] = [];
  out.push(c.bold(`Fleet health: ${plural(m.totalServices, 'service')}`));
  out.push(
    `  ${paint.healthy(`${m.healthy} healthy`)} · ${paint.degraded(`${m.degraded} degraded`)} · ${paint.critical(`${m.critical} critical`)} · ${paint.unknown(`${m.unknown} unknown`)}`,
  );
  out.push(
    `  SLO breaches ${m.sloBreaches} · over budget ${m.overBudget} · governance compliant ${m.governanceCompliant}`,
  );
  out.push(`  monthly cost ${formatMoney(m.totalMonthlyCost)} · avg reliability score ${m.avgReliabilityScore}`);
  if (report.services.length === 0) return `${out.join('\n')}\n\nNo services.\n`;
  const labels = levelLabels(report);
  const scorecard = report.services.find((s) => s.scorecard !== undefined)?.scorecard?.name;
  if (scorecard !== undefined) {
    const several = report.services.some((s) => s.scorecards !== undefined);
    const legend = [...labels].flatMap(([level, label]) =>
      level === null ? [] : [label === level ? label : `${label} ${level}`],
    );
    out.push(
      truncate(
        `  governance level+score (${several ? 'first that applies; all under Scorecards' : `scorecard ${printable(scorecard)}`}): ${legend.join(' · ')}${labels.has(null) ? ' (a score alone: no level)' : ''}`,
        width,
      ),
    );
  }

  const risks = topRisks(report, options.topRisks ?? DEFAULT_TOP_RISKS);
  if (risks.length > 0) {
    out.push('', c.bold('Top risks'));
    risks.forEach((risk, i) => {
      // The team is in the table below; leaving it out here keeps the line within 80 columns.
      const head = `  ${i + 1}. ${printable(risk.service.name)} `;
      out.push(truncate(`${head}${riskSummary(risk)}`, width));
    });
  }

  // Fixed columns laid out by hand: linear in the number of services (a generic table library
  // took minutes for 100,000 rows), and colour is applied after padding so widths stay exact.
  const rows = report.services.map((s) => cells(s, labels));
  const widths = HEAD.map((h) => h.length);
  for (const row of rows) {
    row.forEach((cell, i) => {
      if (cell.length > (widths[i] ?? 0)) widths[i] = cell.length;
    });
  }
  const line = tableLine(widths, width, paint);

  out.push('', c.bold(line(HEAD)));
  const byTeam = new Map<string, number[]>();
  report.services.forEach((s, index) => {
    const list = byTeam.get(s.team);
    if (list === undefined) byTeam.set(s.team, [index]);
    else list.push(index);
  });
  for (const [team, indexes] of byTeam) {
    out.push(c.cyan(truncate(printable(team), width)));
    for (const index of indexes) {
      const service = report.services[index];
      const row = rows[index];
      if (service !== undefined && row !== undefined) out.push(line(row, service.health));
    }
  }

  const fromEvents = report.services.find((s) => s.dora !== undefined)?.dora;
  if (fromEvents !== undefined) {
    out.push('', `${EVENTS_MARK} reliability from events, ${fromEvents.window.start} to ${fromEvents.window.end}`);
  }

  const explained = report.services.filter((s) => s.reasons.length > 0);
  if (explained.length > 0) {
    out.push('', c.bold('Why'));
    for (const s of explained) {
      out.push(...whyLines(s, width, paint));
    }
  }
  const slo = sloDetailRows(report.services);
  if (slo.length > 0) {
    const w = SLO_DETAIL_HEAD.map((h, i) => Math.max(h.length, ...slo.map((r) => printable(r[i] ?? '').length)));
    const sloLine = (r: readonly string[]) => r.map((cell, i) => pad(printable(cell), w[i] ?? 0, i >= 2)).join(GAP);
    out.push('', c.bold('SLO error budgets'), c.bold(sloLine(SLO_DETAIL_HEAD)), ...slo.map(sloLine));
  }
  const cards = scorecardRows(report.services);
  if (cards.length > 0) {
    // Service, scorecard, level, score as columns; the failed and waived rules wrapped after them.
    const head = [...SCORECARD_ROWS_HEAD.slice(0, 4), 'RULES'];
    const rows = cards.map((r) => [
      ...r.slice(0, 4).map(printable),
      [`failed ${r[4] ?? '-'}`, ...(r[5] === '-' ? [] : [`waived ${r[5] ?? '-'}`])].join('; '),
    ]);
    const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const lead = w.slice(0, 4).reduce((a, b) => a + b + GAP.length, 0);
    const cardLine = (r: readonly string[]) =>
      r
        .map((cell, i) =>
          i === 4 ? wrap(printable(cell), Math.max(20, width - lead), ' '.repeat(lead)) : pad(cell, w[i] ?? 0, i === 3),
        )
        .join(GAP);
    out.push('', c.bold('Scorecards'), c.bold(cardLine(head)), ...rows.map(cardLine));
  }
  const dora = doraDetailRows(report.services);
  if (dora.length > 0) {
    const w = DORA_DETAIL_HEAD.map((h, i) => Math.max(h.length, ...dora.map((r) => printable(r[i] ?? '').length)));
    const doraLine = (r: readonly string[]) =>
      r.map((cell, i) => pad(printable(cell), w[i] ?? 0, i >= 1 && i <= 5)).join(GAP);
    out.push('', c.bold('DORA (from events)'), c.bold(doraLine(DORA_DETAIL_HEAD)), ...dora.map(doraLine));
  }
  const rules = scorecardDetailRows(report.services);
  if (rules.length > 0) {
    // One line per service, then its failed and waived rules wrapped within the width.
    out.push('', c.bold('Scorecard rules (failed ones count, waived ones never)'));
    for (const row of rules) out.push(...ruleLines(row, width));
  }
  return `${out.join('\n').replace(/[ \t]+$/gm, '')}\n`;
}
