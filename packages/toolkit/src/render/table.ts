import Table from 'cli-table3';
import { createColors } from 'picocolors';
import type { Health, Report, ServiceReport } from '../report/schema.js';
import { formatMoney, formatScore, plural } from './format.js';

export interface TableOptions {
  /** Use ANSI colours. Decide from the terminal (TTY, `NO_COLOR`); default off. */
  readonly color?: boolean;
  /** Width to fit, in columns. Default 80. */
  readonly width?: number;
}

const NO_BORDER = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '  ',
};

const HEAD = ['SERVICE', 'HEALTH', 'SCORE', 'GOVERNANCE', 'COST/MO', 'TREND', 'SLOS'] as const;
const RIGHT_ALIGNED = new Set([2, 4, 6]);
const MIN_NAME_WIDTH = 12;

function cells(s: ServiceReport): string[] {
  return [
    `  ${s.name}`,
    s.health,
    formatScore(s.reliabilityScore),
    s.governance,
    formatMoney(s.monthlyCost),
    s.costTrend,
    `${s.slosMet}/${s.slosTotal}`,
  ];
}

/** Greedy word wrap of `text` to `width` columns; continuation lines start with `indent`. */
function wrap(text: string, width: number, indent: string): string {
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

/** `text` cut to `max` characters, with an ellipsis when cut. */
function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
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

  const rows = report.services.map(cells);
  const natural = HEAD.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const gaps = (HEAD.length - 1) * NO_BORDER.middle.length;
  const others = natural.slice(1).reduce((a, b) => a + b, 0);
  natural[0] = Math.max(MIN_NAME_WIDTH, Math.min(natural[0] ?? 0, width - others - gaps));

  const table = new Table({
    head: [],
    colWidths: natural,
    chars: NO_BORDER,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    truncate: '…',
    wordWrap: false,
  });
  table.push(
    HEAD.map((h, i) => ({ content: c.bold(h), hAlign: RIGHT_ALIGNED.has(i) ? ('right' as const) : ('left' as const) })),
  );
  const teams = [...new Set(report.services.map((s) => s.team))];
  for (const team of teams) {
    table.push([{ colSpan: HEAD.length, content: c.cyan(truncate(team, width)) }]);
    for (const s of report.services) {
      if (s.team !== team) continue;
      const row = cells(s);
      table.push(
        row.map((content, i) => ({
          content: i === 1 ? paint[s.health](content) : content,
          hAlign: RIGHT_ALIGNED.has(i) ? ('right' as const) : ('left' as const),
        })),
      );
    }
  }
  out.push('', table.toString());

  const explained = report.services.filter((s) => s.reasons.length > 0);
  if (explained.length > 0) {
    out.push('', c.bold('Why'));
    for (const s of explained) {
      out.push(
        `  ${s.name}: ${paint[s.health](s.health)}, ${plural(
          s.reasons.reduce((a, r) => a + r.points, 0),
          'point',
        )}`,
      );
      for (const r of s.reasons) {
        const head = `    +${r.points} ${r.domain.padEnd(11)} `;
        out.push(head + wrap(r.message, width - head.length, ' '.repeat(head.length)));
      }
    }
  }
  return `${out.join('\n').replace(/[ \t]+$/gm, '')}\n`;
}
