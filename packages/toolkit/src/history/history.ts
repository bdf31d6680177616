import { durationMs, escapeMarkdown, formatTimestamp, parseDuration, printable } from '@pt/input';
import type { Health, Reason, Report, ReportSummary, ServiceReport } from '../report/schema.js';

/**
 * Report history: the rows one report gives to a history store, and what is computed back from
 * stored rows (health transitions, trend series, the run nearest a time, a report to diff).
 * Pure: no files, no clock; the CLI reads and writes the store (`pt report --record`, `pt history`).
 */

/** What a run was given: the fleet source, the pt version and the inputs (option → value). */
export interface RunMeta {
  /** Evaluation time (`--at`, or the time of the run), epoch ms. */
  readonly evaluatedAt: number;
  /** When the run was recorded, epoch ms. */
  readonly recordedAt: number;
  readonly fleetSource: string;
  readonly ptVersion: string;
  /** The options the run was given, as a JSON object text. */
  readonly inputs: string;
}

/** One service of one run, as stored. */
export interface ServiceRow {
  readonly name: string;
  readonly team: string;
  readonly health: Health;
  /** Sum of the points of its reasons. */
  readonly points: number;
  readonly reliabilityScore: number | null;
  readonly governance: ServiceReport['governance'];
  /** The scorecard's name; null when the service was not scored. */
  readonly scorecardName: string | null;
  readonly scorecardLevel: string | null;
  readonly scorecardScore: number | null;
  readonly scorecardNextLevel: string | null;
  readonly monthlyCost: number;
  readonly costTrend: ServiceReport['costTrend'];
  readonly slosMet: number;
  readonly slosTotal: number;
  readonly doraLevel: string | null;
}

/** One reason of one service of one run; `ordinal` keeps the report's order. */
export interface ReasonRow {
  readonly service: string;
  readonly ordinal: number;
  readonly domain: Reason['domain'];
  readonly points: number;
  readonly message: string;
}

/** Everything one report gives to the store. */
export interface RunRecord {
  readonly run: RunMeta;
  readonly services: readonly ServiceRow[];
  readonly reasons: readonly ReasonRow[];
  readonly summary: ReportSummary;
}

/** One service's row of a service as stored: one service row with its run's id and time. */
export interface ServicePoint extends ServiceRow {
  readonly runId: number;
  readonly evaluatedAt: number;
  /** Its reasons' messages, in order (filled when the reader asked for them). */
  readonly reasons?: readonly string[];
}

/** The fleet summary of one run. */
export interface SummaryPoint extends ReportSummary {
  readonly runId: number;
  readonly evaluatedAt: number;
}

/** A recorded run as listed. */
export interface RunInfo {
  readonly id: number;
  readonly evaluatedAt: number;
}

/** The store row of one service of a report. */
export function serviceRow(s: ServiceReport): ServiceRow {
  return {
    name: s.name,
    team: s.team,
    health: s.health,
    points: s.reasons.reduce((sum, r) => sum + r.points, 0),
    reliabilityScore: s.reliabilityScore,
    governance: s.governance,
    scorecardName: s.scorecard?.name ?? null,
    scorecardLevel: s.scorecard?.level ?? null,
    scorecardScore: s.scorecard?.score ?? null,
    scorecardNextLevel: s.scorecard?.nextLevel ?? null,
    monthlyCost: s.monthlyCost,
    costTrend: s.costTrend,
    slosMet: s.slosMet,
    slosTotal: s.slosTotal,
    doraLevel: s.dora?.level ?? null,
  };
}

/** The rows a complete report gives: every service, every reason in order, the summary. */
export function historyRecord(report: Report, run: RunMeta): RunRecord {
  const reasons: ReasonRow[] = [];
  for (const s of report.services) {
    s.reasons.forEach((r, ordinal) => {
      reasons.push({ service: s.name, ordinal, domain: r.domain, points: r.points, message: r.message });
    });
  }
  return { run, services: report.services.map(serviceRow), reasons, summary: report.summary };
}

/**
 * A report rebuilt from one stored run (for `pt diff --since`): every field `pt diff` compares.
 * What the store does not keep (SLO details, billing, scorecard gaps) is absent.
 */
export function reportFromHistory(
  summary: ReportSummary,
  services: readonly ServiceRow[],
  reasons: readonly ReasonRow[],
): Report {
  const byService = new Map<string, ReasonRow[]>();
  for (const r of reasons) {
    const list = byService.get(r.service) ?? [];
    list.push(r);
    byService.set(r.service, list);
  }
  return {
    schemaVersion: 1,
    summary: { ...summary },
    services: services.map((s) => ({
      name: s.name,
      team: s.team,
      health: s.health,
      reliabilityScore: s.reliabilityScore,
      governance: s.governance,
      monthlyCost: s.monthlyCost,
      costTrend: s.costTrend,
      slosMet: s.slosMet,
      slosTotal: s.slosTotal,
      ...(s.scorecardName === null
        ? {}
        : {
            scorecard: {
              name: s.scorecardName,
              level: s.scorecardLevel,
              score: s.scorecardScore ?? 0,
              nextLevel: s.scorecardNextLevel,
              gap: [],
              failed: [],
              waived: [],
              expiredWaivers: [],
            },
          }),
      reasons: (byService.get(s.name) ?? [])
        .sort((a, b) => a.ordinal - b.ordinal)
        .map((r) => ({ domain: r.domain, points: r.points, message: r.message })),
    })),
  };
}

/** `--since` of `pt history` and `pt diff`: a duration (`7d`, `12w`, `6M`, `1Y`, `36h`) in ms, or null. */
export function sinceMs(text: string): number | null {
  const duration = parseDuration(text, { units: ['h', 'd', 'w', 'M', 'Y'] });
  return duration === null ? null : durationMs(duration);
}

/** The run evaluated nearest to `target` (epoch ms); on a tie the earlier one; undefined when none. */
export function nearestRun<T extends RunInfo>(runs: readonly T[], target: number): T | undefined {
  let best: T | undefined;
  for (const run of runs) {
    if (best === undefined) {
      best = run;
      continue;
    }
    const d = Math.abs(run.evaluatedAt - target);
    const bestD = Math.abs(best.evaluatedAt - target);
    if (
      d < bestD ||
      (d === bestD &&
        (run.evaluatedAt < best.evaluatedAt || (run.evaluatedAt === best.evaluatedAt && run.id < best.id)))
    ) {
      best = run;
    }
  }
  return best;
}

/** A change of health between two consecutive runs of a service. */
export interface Transition {
  readonly service: string;
  readonly from: Health;
  readonly to: Health;
  /** Evaluation time of the run where the new health was first seen, epoch ms. */
  readonly at: number;
  readonly runId: number;
  /** The reasons of that run (empty when the reader did not ask for them). */
  readonly reasons: readonly string[];
}

/** Points in run order: by evaluation time, then run id. */
export function byRun<T extends { readonly evaluatedAt: number; readonly runId: number }>(points: readonly T[]): T[] {
  return [...points].sort((a, b) => a.evaluatedAt - b.evaluatedAt || a.runId - b.runId);
}

/** Every service's points, in run order, keyed by service in order of first appearance (sorted by name). */
export function groupByService(points: readonly ServicePoint[]): Map<string, ServicePoint[]> {
  const groups = new Map<string, ServicePoint[]>();
  for (const p of byRun(points)) {
    const list = groups.get(p.name) ?? [];
    list.push(p);
    groups.set(p.name, list);
  }
  return new Map([...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Health transitions: for each service, every run whose health differs from the service's
 * previous recorded run. A service absent from some runs is compared with its last run seen.
 */
export function healthTransitions(points: readonly ServicePoint[]): Transition[] {
  const transitions: Transition[] = [];
  for (const [service, list] of groupByService(points)) {
    for (let i = 1; i < list.length; i++) {
      const before = list[i - 1];
      const after = list[i];
      if (before === undefined || after === undefined || before.health === after.health) continue;
      transitions.push({
        service,
        from: before.health,
        to: after.health,
        at: after.evaluatedAt,
        runId: after.runId,
        reasons: after.reasons ?? [],
      });
    }
  }
  return transitions.sort((a, b) => a.at - b.at || a.runId - b.runId || (a.service < b.service ? -1 : 1));
}

const BARS = '▁▂▃▄▅▆▇█';

/** The most bars a text sparkline draws: a year of daily runs must still fit a terminal line. */
export const MAX_SPARKLINE_BARS = 60;

/**
 * Values folded to at most `bars`: consecutive runs of them share a bar and it shows their mean
 * (missing values left out; a bar with none is missing). At most `bars` values come back as given.
 */
export function foldSeries(values: readonly (number | null)[], bars: number): (number | null)[] {
  if (values.length <= bars) return [...values];
  return Array.from({ length: bars }, (_, b) => {
    const from = Math.floor((b * values.length) / bars);
    const to = Math.floor(((b + 1) * values.length) / bars);
    let sum = 0;
    let n = 0;
    for (let i = from; i < to; i++) {
      const v = values[i];
      if (v !== null && v !== undefined && Number.isFinite(v)) {
        sum += v;
        n++;
      }
    }
    return n === 0 ? null : sum / n;
  });
}

/**
 * A text sparkline: one bar per value, scaled between the smallest and largest (a score moving
 * from 84 to 91 must show; the DORA trend's `sparkline` scales from 0, for counts and rates); a
 * missing value is a space, equal values are the middle bar. More values than `bars` (default
 * {@link MAX_SPARKLINE_BARS}) are folded first: each bar is then the mean of consecutive runs.
 */
export function rangeSparkline(values: readonly (number | null)[], bars = MAX_SPARKLINE_BARS): string {
  const shown = foldSeries(values, bars);
  let min = Infinity;
  let max = -Infinity;
  for (const v of shown) {
    if (v !== null && Number.isFinite(v)) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  return shown
    .map((v) => {
      if (v === null || !Number.isFinite(v)) return ' ';
      if (max === min) return BARS[3];
      return BARS[Math.round(((v - min) / (max - min)) * (BARS.length - 1))];
    })
    .join('');
}

/** A service's score and cost over its runs, oldest first (HTML trend, `pt history`). */
export interface ServiceTrend {
  readonly at: readonly number[];
  readonly score: readonly (number | null)[];
  readonly cost: readonly number[];
}

/** Each service's trend series from its points. */
export function serviceTrends(points: readonly ServicePoint[]): Map<string, ServiceTrend> {
  const trends = new Map<string, ServiceTrend>();
  for (const [name, list] of groupByService(points)) {
    trends.set(name, {
      at: list.map((p) => p.evaluatedAt),
      score: list.map((p) => p.reliabilityScore),
      cost: list.map((p) => p.monthlyCost),
    });
  }
  return trends;
}

/** `pt history` as data: the runs of each service, the transitions, and the fleet summaries. */
export interface HistoryView {
  readonly services: readonly {
    readonly name: string;
    readonly team: string;
    readonly runs: readonly ServicePoint[];
  }[];
  readonly transitions: readonly Transition[];
  readonly fleet?: readonly SummaryPoint[];
}

/** The view of the given points (and fleet summaries, with `--fleet`). */
export function historyView(points: readonly ServicePoint[], fleet?: readonly SummaryPoint[]): HistoryView {
  const services = [...groupByService(points)].map(([name, runs]) => ({
    name,
    team: runs.at(-1)?.team ?? '',
    runs,
  }));
  return {
    services,
    transitions: healthTransitions(points),
    ...(fleet === undefined ? {} : { fleet: byRun(fleet) }),
  };
}

const day = (ms: number) => formatTimestamp(ms).slice(0, 10);
const time = (ms: number) => formatTimestamp(ms);
const score = (v: number | null) => (v === null ? '-' : v.toFixed(1));
const money = (v: number) => v.toFixed(2);
const slos = (p: ServiceRow) => (p.slosTotal === 0 ? '-' : `${p.slosMet}/${p.slosTotal}`);
const level = (p: ServiceRow) => p.scorecardLevel ?? p.doraLevel ?? '-';

/** One line per transition: `checkout: healthy → degraded on 2026-11-20, reasons: …`. */
export function transitionLine(t: Transition): string {
  const why = t.reasons.length === 0 ? '' : `, reasons: ${t.reasons.map((r) => printable(r)).join('; ')}`;
  return `${printable(t.service)}: ${t.from} → ${t.to} on ${day(t.at)}${why}`;
}

function pad(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell + ' '.repeat((widths[i] ?? 0) - [...cell].length))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const RUN_HEAD = ['evaluated at', 'health', 'points', 'score', 'cost', 'trend', 'SLOs', 'level'];
const runCells = (p: ServicePoint) => [
  time(p.evaluatedAt),
  p.health,
  String(p.points),
  score(p.reliabilityScore),
  money(p.monthlyCost),
  p.costTrend,
  slos(p),
  level(p),
];
const FLEET_HEAD = ['evaluated at', 'services', 'healthy', 'degraded', 'critical', 'unknown', 'avg score', 'cost'];
const fleetCells = (f: SummaryPoint) => [
  time(f.evaluatedAt),
  String(f.totalServices),
  String(f.healthy),
  String(f.degraded),
  String(f.critical),
  String(f.unknown),
  f.avgReliabilityScore.toFixed(1),
  money(f.totalMonthlyCost),
];

/** `pt history --format table`: per service its runs, a sparkline line, then transitions and the fleet. */
export function renderHistoryTable(view: HistoryView): string {
  const parts: string[] = [];
  if (view.fleet !== undefined) {
    const healthy = view.fleet.map((f) => f.healthy);
    parts.push(
      `Fleet  healthy ${rangeSparkline(healthy)}  cost ${rangeSparkline(view.fleet.map((f) => f.totalMonthlyCost))}\n` +
        pad([FLEET_HEAD, ...view.fleet.map(fleetCells)]),
    );
  }
  for (const s of view.services) {
    const spark = `score ${rangeSparkline(s.runs.map((p) => p.reliabilityScore))}  cost ${rangeSparkline(s.runs.map((p) => p.monthlyCost))}`;
    parts.push(`${printable(s.name)} (${printable(s.team)})  ${spark}\n${pad([RUN_HEAD, ...s.runs.map(runCells)])}`);
  }
  if (view.services.length === 0 && view.fleet === undefined) parts.push('No recorded runs match.');
  parts.push(
    view.transitions.length === 0
      ? 'Transitions: none'
      : `Transitions:\n${view.transitions.map((t) => `  ${transitionLine(t)}`).join('\n')}`,
  );
  return `${parts.join('\n\n')}\n`;
}

const mdRow = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
const mdTable = (head: readonly string[], rows: readonly (readonly string[])[]) =>
  [mdRow(head), mdRow(head.map(() => '---')), ...rows.map((r) => mdRow(r))].join('\n');

/** `pt history --format markdown`. */
export function renderHistoryMarkdown(view: HistoryView): string {
  const parts: string[] = ['# Report history'];
  if (view.fleet !== undefined) {
    parts.push(`## Fleet\n\n${mdTable(FLEET_HEAD, view.fleet.map(fleetCells))}`);
  }
  for (const s of view.services) {
    const spark = `score \`${rangeSparkline(s.runs.map((p) => p.reliabilityScore))}\`, cost \`${rangeSparkline(s.runs.map((p) => p.monthlyCost))}\``;
    parts.push(
      `## ${escapeMarkdown(s.name)} (${escapeMarkdown(s.team)})\n\n${spark}\n\n` +
        mdTable(
          RUN_HEAD,
          s.runs.map((p) => runCells(p).map((c) => escapeMarkdown(c))),
        ),
    );
  }
  parts.push(
    `## Transitions\n\n${
      view.transitions.length === 0
        ? 'None.'
        : view.transitions.map((t) => `- ${escapeMarkdown(transitionLine(t))}`).join('\n')
    }`,
  );
  return `${parts.join('\n\n')}\n`;
}

/** `pt history --format json`: times as ISO 8601. */
export function renderHistoryJson(view: HistoryView): string {
  const point = (p: ServicePoint) => ({
    runId: p.runId,
    evaluatedAt: time(p.evaluatedAt),
    health: p.health,
    points: p.points,
    reliabilityScore: p.reliabilityScore,
    governance: p.governance,
    scorecard: p.scorecardName,
    scorecardLevel: p.scorecardLevel,
    scorecardScore: p.scorecardScore,
    monthlyCost: p.monthlyCost,
    costTrend: p.costTrend,
    slosMet: p.slosMet,
    slosTotal: p.slosTotal,
    doraLevel: p.doraLevel,
    ...(p.reasons === undefined ? {} : { reasons: p.reasons }),
  });
  const json = {
    services: view.services.map((s) => ({ name: s.name, team: s.team, runs: s.runs.map(point) })),
    transitions: view.transitions.map((t) => ({ ...t, at: time(t.at) })),
    ...(view.fleet === undefined
      ? {}
      : {
          fleet: view.fleet.map(({ runId, evaluatedAt, ...summary }) => ({
            runId,
            evaluatedAt: time(evaluatedAt),
            ...summary,
          })),
        }),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
