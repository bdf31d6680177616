import { escapeMarkdown, printable } from '@pt/input';
import { formatHours } from './render.js';
import type { DoraTrendGroup, DoraTrendPeriod, DoraTrendReport } from './trend.js';

const BARS = '▁▂▃▄▅▆▇█';
/** What a sparkline shows for a period without data. */
export const SPARK_GAP = '·';

/**
 * One character per value: `▁` (zero or the least) to `█` (the most), scaled from 0 when every
 * value is >= 0 (counts and rates), else from the least; `·` for `null` (no data).
 */
export function sparkline(values: readonly (number | null)[]): string {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (known.length === 0) return values.map(() => SPARK_GAP).join('');
  const max = Math.max(...known);
  const min = Math.min(0, ...known);
  const span = max - min;
  return values
    .map((v) => {
      if (v === null || !Number.isFinite(v)) return SPARK_GAP;
      const index = span === 0 ? 0 : Math.round(((v - min) / span) * (BARS.length - 1));
      return BARS[index] ?? SPARK_GAP;
    })
    .join('');
}

const NO_DATA = '-';

/** A trend's metrics, each read from a period's figures (`null`: no data in it). */
const METRICS: readonly {
  readonly title: string;
  readonly value: (p: Omit<DoraTrendPeriod, 'start' | 'end'>) => number | null;
  readonly show: (v: number) => string;
}[] = [
  { title: 'deployments', value: (p) => p.deploymentFrequency?.deployments ?? 0, show: String },
  { title: 'changes shipped', value: (p) => p.leadTime?.changes ?? 0, show: String },
  { title: 'lead time p50', value: (p) => p.leadTime?.medianHours ?? null, show: formatHours },
  { title: 'change failure rate', value: (p) => p.changeFailureRate?.ratePct ?? null, show: (v) => `${v}%` },
  {
    title: 'failed deployment recovery',
    value: (p) => p.failedDeploymentRecoveryTime?.medianMinutes ?? null,
    show: (v) => formatHours(v / 60),
  },
  { title: 'time to restore', value: (p) => p.timeToRestore?.medianMinutes ?? null, show: (v) => formatHours(v / 60) },
  { title: 'rework rate', value: (p) => p.reworkRate?.ratePct ?? null, show: (v) => `${v}%` },
];

/** A period by its start day (UTC). */
const periodLabel = (p: { start: string }) => p.start.slice(0, 10);

/** Per period: start, level, deployments, changes, lead time p50/p90, CFR, recovery, restore, rework. */
function periodCells(p: DoraTrendPeriod): string[] {
  const df = p.deploymentFrequency;
  const lt = p.leadTime;
  const cfr = p.changeFailureRate;
  const fdrt = p.failedDeploymentRecoveryTime;
  const ttr = p.timeToRestore;
  return [
    periodLabel(p),
    p.level ?? 'no data',
    String(df?.deployments ?? 0),
    String(lt?.changes ?? 0),
    lt === null ? NO_DATA : `${formatHours(lt.medianHours)} / ${formatHours(lt.p90Hours)}`,
    cfr === null ? NO_DATA : `${cfr.ratePct}% (${cfr.failed})`,
    fdrt === null ? NO_DATA : formatHours(fdrt.medianMinutes / 60),
    ttr === null ? NO_DATA : formatHours(ttr.medianMinutes / 60),
    p.reworkRate === null ? NO_DATA : `${p.reworkRate.ratePct}%`,
  ];
}

const PERIOD_HEAD = [
  'PERIOD',
  'LEVEL',
  'DEPLOYS',
  'CHANGES',
  'LEAD p50 / p90',
  'CFR (failed)',
  'RECOVERY',
  'RESTORE',
  'REWORK',
];
const SUMMARY_HEAD = ['METRIC', 'TREND', 'FIRST', 'LAST', 'WHOLE WINDOW'];

/** Per metric: its sparkline over the periods, the first and last period's values and the whole window's. */
function summaryRows(g: DoraTrendGroup): string[][] {
  return METRICS.map((m) => {
    const values = g.periods.map(m.value);
    const shown = (v: number | null | undefined) => (v === null || v === undefined ? NO_DATA : m.show(v));
    return [m.title, sparkline(values), shown(values[0]), shown(values[values.length - 1]), shown(m.value(g.whole))];
  });
}

/** `DORA trend by service, 12 weeks from … to …`. */
function title(report: DoraTrendReport): string {
  const { window: w } = report;
  const n = report.periods.length;
  return `DORA trend by ${report.by}, ${n} ${report.every === 'week' ? 'week' : 'month'}${n === 1 ? '' : 's'} from ${w.start} to ${w.end}`;
}

const NOTES = [
  'Each period is measured like `pt dora` over that period alone; WHOLE WINDOW is all periods at once.',
  'Deployments, failed deployments and changes shipped add up over the periods; medians do not.',
  `TREND: one character per period, ▁ least to █ most; ${SPARK_GAP} no data. "-": no data.`,
];

function aligned(rows: readonly (readonly string[])[]): string[] {
  const safe = rows.map((row) => row.map(printable));
  const widths = safe[0]?.map((_, i) => Math.max(...safe.map((row) => row[i]?.length ?? 0))) ?? [];
  return safe.map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

/** `pt dora --every …` as a terminal table: per group, a row per period, then each metric's sparkline. */
export function renderDoraTrendTable(report: DoraTrendReport): string {
  const out = [title(report), ''];
  if (report.groups.length === 0) out.push('No events in the input.', '');
  for (const g of report.groups) {
    out.push(`${printable(g.name)} (level over the whole window: ${g.whole.level ?? 'no data'})`);
    out.push(...aligned([PERIOD_HEAD, ...g.periods.map(periodCells)]), '');
    out.push(...aligned([SUMMARY_HEAD, ...summaryRows(g)]), '');
  }
  out.push(...NOTES);
  return `${out.join('\n')}\n`;
}

/** `pt dora --every … --format markdown`. */
export function renderDoraTrendMarkdown(report: DoraTrendReport): string {
  const row = (cells: readonly string[]) => `| ${cells.map(escapeMarkdown).join(' | ')} |`;
  const table = (head: readonly string[], rows: readonly (readonly string[])[]) => [
    row(head),
    row(head.map(() => '---')),
    ...rows.map(row),
  ];
  const out = [`# ${escapeMarkdown(title(report))}`, ''];
  if (report.groups.length === 0) out.push('No events in the input.', '');
  for (const g of report.groups) {
    out.push(`## ${escapeMarkdown(g.name)}`, '', `Level over the whole window: ${g.whole.level ?? 'no data'}`, '');
    out.push(...table(PERIOD_HEAD, g.periods.map(periodCells)), '');
    out.push(...table(SUMMARY_HEAD, summaryRows(g)), '');
  }
  out.push(...NOTES.map(escapeMarkdown), '');
  return out.join('\n');
}

/** `pt dora --every … --format json`. */
export function renderDoraTrendJson(report: DoraTrendReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
