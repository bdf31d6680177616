import { escapeMarkdown, printable } from '@pt/input';
import type { DoraGroupReport, DoraReport } from './report.js';

const NO_DATA = 'no data';

/** Hours as minutes, hours or days, whichever reads best. */
export function formatHours(hours: number): string {
  if (hours < 1) return `${Math.round(hours * 60)}m`;
  if (hours < 48) return `${+hours.toFixed(1)}h`;
  return `${+(hours / 24).toFixed(1)}d`;
}

function cells(g: DoraGroupReport): string[] {
  const df = g.deploymentFrequency;
  const lt = g.leadTime;
  const cfr = g.changeFailureRate;
  const ttr = g.timeToRestore;
  const fdrt = g.failedDeploymentRecoveryTime;
  return [
    g.name,
    g.level ?? NO_DATA,
    df === null ? NO_DATA : `${df.perWeek}/wk ${df.bucket} (${df.level})`,
    lt === null ? NO_DATA : `${formatHours(lt.medianHours)} / ${formatHours(lt.p90Hours)} (${lt.level})`,
    cfr === null ? NO_DATA : `${cfr.ratePct}% (${cfr.level})`,
    fdrt === null ? NO_DATA : `${formatHours(fdrt.medianMinutes / 60)} (${fdrt.level})`,
    ttr === null ? NO_DATA : formatHours(ttr.medianMinutes / 60),
    g.reworkRate === null ? NO_DATA : `${g.reworkRate.ratePct}%`,
  ];
}

function head(report: DoraReport): string[] {
  return [
    report.by === 'team' ? 'TEAM' : 'SERVICE',
    'LEVEL',
    'DEPLOYS',
    'LEAD TIME p50 / p90',
    'CFR',
    'RECOVERY',
    'RESTORE',
    'REWORK',
  ];
}

function footer(report: DoraReport): string[] {
  const lines = [
    'Levels: DORA 2024 performance levels; a group is as good as its worst classified metric.',
    'RECOVERY: failed deployment recovery time (DORA 2024). RESTORE: incident time to restore, not classified.',
    'Rework rate has no published levels. "no data": nothing in the window to measure.',
  ];
  const sum = (key: keyof DoraGroupReport['notes']) => report.groups.reduce((n, g) => n + g.notes[key], 0);
  const notes = [
    [sum('unknownChanges'), 'change id(s) listed by a deployment but defined by no change event'],
    [sum('changesAfterDeployment'), 'change(s) first deployed before their own time'],
    [sum('openIncidents'), 'incident(s) still open at the window end (not in time to restore)'],
    [sum('unrecoveredDeployments'), 'failed deployment(s) not followed by a successful one by the window end'],
  ] as const;
  for (const [count, what] of notes) if (count > 0) lines.push(`Not used: ${count} ${what}`);
  if (report.ungrouped.length > 0) {
    const total = report.ungrouped.reduce((sum, u) => sum + u.events, 0);
    const list = report.ungrouped.map((u) => `${u.service} (${u.events})`);
    const reason =
      report.ungrouped[0]?.reason === 'not in fleet' ? 'services not in the fleet' : 'events without a team';
    lines.push(`Not counted: ${total} event${total === 1 ? '' : 's'} of ${reason}: ${list.join(', ')}`);
  }
  return lines;
}

/** `pt dora` as a terminal table. */
export function renderDoraTable(report: DoraReport): string {
  const { window: w } = report;
  const out = [`DORA metrics by ${report.by}, ${w.start} to ${w.end} (${w.days} days)`, ''];
  if (report.groups.length === 0) out.push('No events in the input.');
  else {
    const rows = [head(report), ...report.groups.map(cells)].map((row) => row.map(printable));
    const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0))) ?? [];
    for (const row of rows)
      out.push(
        row
          .map((cell, i) => cell.padEnd(widths[i] ?? 0))
          .join('  ')
          .trimEnd(),
      );
  }
  out.push('', ...footer(report).map(printable));
  return `${out.join('\n')}\n`;
}

/** `pt dora` as GitHub-flavoured Markdown. */
export function renderDoraMarkdown(report: DoraReport): string {
  const { window: w } = report;
  const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const out = [`# DORA metrics by ${report.by}`, '', `${w.start} to ${w.end} (${w.days} days)`, ''];
  if (report.groups.length === 0) out.push('No events in the input.', '');
  else {
    const h = head(report);
    out.push(row(h), row(h.map(() => '---')), ...report.groups.map((g) => row(cells(g).map(escapeMarkdown))), '');
  }
  out.push(...footer(report).map(escapeMarkdown), '');
  return out.join('\n');
}

/** `pt dora --format json`. */
export function renderDoraJson(report: DoraReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
