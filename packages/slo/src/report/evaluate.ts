import { roundHalfAwayFromZero } from '@pt/input';
import { alertTimeline, evaluateAlerts, type AlertsAt, type FiringSpan } from '../alerts.js';
import { allowedDowntimeMs, evaluateBudget, indexSeries, type BudgetEvaluation, type BudgetInput } from '../budget.js';
import { durationMs, formatDurationHuman } from '../duration.js';
import { formatOpenSloIssue, loadOpenSlo, type OpenSloFile } from '../openslo/load.js';
import type { SloDefinition } from '../openslo/model.js';
import { formatSliDataIssue, parseSliData, type SliSeries } from '../sli-data.js';
import type { SloDetail, SloDetailsByService } from './schema.js';

/** One SLI data file; `slo` names the SLO it belongs to (default: the file's base name, or the only SLO loaded). */
export interface SliDataFile {
  readonly name: string;
  readonly text: string;
  readonly slo?: string;
}

export interface SloSources {
  readonly files: readonly OpenSloFile[];
  readonly data: readonly SliDataFile[];
}

export interface EvaluateSloOptions {
  /** Evaluation time, epoch ms. Default: the latest sample in the data. */
  readonly at?: number;
  /** Minimum events per alert window (default: automatic, see `evaluateAlerts`). */
  readonly minEvents?: number;
}

export type SloSourcesResult =
  | {
      readonly ok: true;
      readonly details: SloDetailsByService;
      readonly slos: readonly SloDefinition[];
      /** The SLI data of each SLO that has some, by SLO name. */
      readonly series: ReadonlyMap<string, SliSeries>;
      readonly at: number;
      /** Located warnings (already formatted). */
      readonly warnings: readonly string[];
    }
  | {
      readonly ok: false;
      /** Errors and warnings, formatted and located, in file order. */
      readonly problems: readonly string[];
      /** How many of them are errors. */
      readonly errors: number;
    };

/** `data/api-availability.csv` → `api-availability`. */
export function sloNameOfDataFile(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.(csv|json)$/i, '');
}

/** What the budget maths needs from one objective of an SLO. */
function budgetSpec(slo: SloDefinition, objective: SloDefinition['objectives'][number]): BudgetInput {
  return {
    target: objective.target,
    budgetingMethod: slo.budgetingMethod,
    window: slo.window,
    ...(objective.timeSliceTarget === undefined ? {} : { timeSliceTarget: objective.timeSliceTarget }),
    ...(objective.timeSliceWindow === undefined ? {} : { timeSliceWindowMs: durationMs(objective.timeSliceWindow) }),
  };
}

function windowLabel(slo: SloDefinition): string {
  const w = slo.window;
  return w.kind === 'rolling' ? `${w.duration.text} rolling` : `${w.duration.text} calendar (${w.timeZone})`;
}

const iso = (ms: number) => new Date(ms).toISOString();
const round = (x: number | null, d: number) => (x === null ? null : roundHalfAwayFromZero(x, d));

/** Evaluates one objective of an SLO over a series at `at`. */
export function sloDetail(
  slo: SloDefinition,
  objectiveIndex: number,
  series: SliSeries,
  at: number,
  options: { minEvents?: number; source?: string } = {},
): SloDetail {
  const objective = slo.objectives[objectiveIndex];
  if (objective === undefined) throw new RangeError(`SLO ${slo.name} has no objective ${objectiveIndex}`);
  const index = indexSeries(series);
  const budget = evaluateBudget(series, budgetSpec(slo, objective), at, { index });
  const alerts = evaluateAlerts(index, objective.target, at, {
    periodMs: durationMs(slo.window.duration),
    ...(options.minEvents === undefined ? {} : { minEvents: options.minEvents }),
  });
  return {
    slo: slo.objectives.length > 1 ? `${slo.name}#${objectiveIndex + 1}` : slo.name,
    target: roundHalfAwayFromZero(objective.target * 100, 6),
    budgetingMethod: slo.budgetingMethod,
    window: windowLabel(slo),
    windowStart: iso(budget.windowStart),
    windowEnd: iso(budget.windowEnd),
    at: iso(at),
    status: budget.status,
    sli: round(budget.sli === null ? null : budget.sli * 100, 4),
    // `+ 0` turns a rounded -0 (a sliver overspent) into 0: no figure prints as `-0`.
    budgetRemainingPct: roundHalfAwayFromZero(budget.remainingPct, 1) + 0,
    burnRate: round(budget.burnRate, 2),
    currentBurnRate: round(budget.currentBurnRate, 2),
    timeToExhaustion: budget.timeToExhaustionMs === null ? null : formatDurationHuman(budget.timeToExhaustionMs),
    page: alerts.page,
    ticket: alerts.ticket,
    ...pageBurn(alerts),
    ...(options.source === undefined || budget.status === 'no_data' ? {} : { source: options.source }),
  };
}

/** The burn-rate factor of the fastest page window that fires (none when the page is not firing). */
function pageBurn(alerts: AlertsAt): { pageBurnFactor?: number } {
  const firing = alerts.alerts.filter((a) => a.severity === 'page' && a.state === 'firing').map((a) => a.burnFactor);
  return firing.length === 0 ? {} : { pageBurnFactor: roundHalfAwayFromZero(Math.max(...firing), 2) };
}

const EMPTY: SliSeries = { timestamps: new Float64Array(0), good: new Float64Array(0), total: new Float64Array(0) };

/**
 * Loads OpenSLO files and SLI data (texts; reading files is the caller's job) and evaluates every
 * SLO objective at `at`. Problems are collected and formatted `file:line …: message`. An SLO
 * without data is reported with status `no_data`; data for no loaded SLO is a problem.
 */
export function evaluateSloSources(sources: SloSources, options: EvaluateSloOptions = {}): SloSourcesResult {
  const loaded = loadOpenSlo(sources.files);
  if (!loaded.ok) {
    const errors = loaded.issues.filter((i) => i.severity === 'error').length;
    return { ok: false, problems: loaded.issues.map(formatOpenSloIssue), errors };
  }
  const problems: string[] = [];
  const seriesBySlo = new Map<string, SliSeries>();
  const sourceBySlo = new Map<string, string>();
  const names = new Set(loaded.catalog.slos.map((s) => s.name));
  for (const file of sources.data) {
    // The file's base name names its SLO; with a single SLO loaded, any unnamed file is its data.
    const base = sloNameOfDataFile(file.name);
    const only = names.size === 1 ? [...names][0] : undefined;
    const slo = file.slo ?? (names.has(base) || only === undefined ? base : only);
    if (!names.has(slo)) {
      problems.push(`${file.name}: no SLO named "${slo}" is loaded (name the file <slo>.csv or pass <slo>=<file>)`);
      continue;
    }
    if (seriesBySlo.has(slo)) {
      problems.push(`${file.name}: SLO "${slo}" already has SLI data`);
      continue;
    }
    const parsed = parseSliData(file.text, { filename: file.name });
    if (!parsed.ok) problems.push(...parsed.issues.map(formatSliDataIssue));
    else {
      seriesBySlo.set(slo, parsed.series);
      sourceBySlo.set(slo, file.name);
    }
  }
  if (problems.length > 0) return { ok: false, problems, errors: problems.length };
  let at = options.at;
  if (at === undefined) {
    let latest = Number.NEGATIVE_INFINITY;
    for (const s of seriesBySlo.values()) latest = Math.max(latest, s.timestamps.at(-1) ?? latest);
    if (!Number.isFinite(latest))
      return { ok: false, problems: ['no SLI data: give the evaluation time (--at)'], errors: 1 };
    at = latest;
  }
  const details = new Map<string, SloDetail[]>();
  for (const slo of loaded.catalog.slos) {
    const series = seriesBySlo.get(slo.name) ?? EMPTY;
    const list = details.get(slo.service) ?? [];
    const source = sourceBySlo.get(slo.name);
    slo.objectives.forEach((_, i) =>
      list.push(sloDetail(slo, i, series, at, { ...options, ...(source === undefined ? {} : { source }) })),
    );
    details.set(slo.service, list);
  }
  return {
    ok: true,
    details,
    slos: loaded.catalog.slos,
    series: seriesBySlo,
    at,
    warnings: loaded.warnings.map(formatOpenSloIssue),
  };
}

/**
 * Every objective of `slos` evaluated at `at` over the series read for it (from Prometheus, by
 * the caller), grouped by service in file order; an SLO without a series has no data. `source`
 * names where the series came from (e.g. `Prometheus`).
 */
export function sloDetailsFromSeries(
  slos: readonly SloDefinition[],
  series: ReadonlyMap<string, SliSeries>,
  at: number,
  options: { minEvents?: number; source?: string } = {},
): SloDetailsByService {
  const details = new Map<string, SloDetail[]>();
  for (const slo of slos) {
    const list = details.get(slo.service) ?? [];
    const s = series.get(slo.name) ?? EMPTY;
    slo.objectives.forEach((_, i) => list.push(sloDetail(slo, i, s, at, options)));
    details.set(slo.service, list);
  }
  return details;
}

/** The budget of each objective of one SLO, with the target's allowed downtime over the window. */
export interface SloBudget {
  readonly slo: string;
  readonly service: string;
  readonly objective: string | null;
  readonly target: number;
  readonly budgetingMethod: SloDefinition['budgetingMethod'];
  readonly window: string;
  /** `(1 - target) × window length`, ms. */
  readonly allowedDowntimeMs: number;
  readonly budget: BudgetEvaluation;
  readonly alerts: AlertsAt;
}

/** Budget and alert state of every objective of `slo` over `series` at `at`. */
export function sloBudgets(
  slo: SloDefinition,
  series: SliSeries,
  at: number,
  options: { minEvents?: number } = {},
): SloBudget[] {
  const index = indexSeries(series);
  return slo.objectives.map((objective) => {
    const budget = evaluateBudget(series, budgetSpec(slo, objective), at, { index });
    return {
      slo: slo.name,
      service: slo.service,
      objective: objective.displayName ?? null,
      target: roundHalfAwayFromZero(objective.target * 100, 6),
      budgetingMethod: slo.budgetingMethod,
      window: windowLabel(slo),
      allowedDowntimeMs: allowedDowntimeMs(objective.target, budget.windowMs),
      budget,
      alerts: evaluateAlerts(index, objective.target, at, {
        periodMs: durationMs(slo.window.duration),
        ...(options.minEvents === undefined ? {} : { minEvents: options.minEvents }),
      }),
    };
  });
}

/** When each severity fired over the whole series, per objective of `slo`. */
export function sloAlertTimeline(
  slo: SloDefinition,
  series: SliSeries,
  options: { minEvents?: number } = {},
): { objective: string | null; target: number; spans: FiringSpan[] }[] {
  return slo.objectives.map((objective) => ({
    objective: objective.displayName ?? null,
    target: roundHalfAwayFromZero(objective.target * 100, 6),
    spans: alertTimeline(series, objective.target, {
      periodMs: durationMs(slo.window.duration),
      ...(options.minEvents === undefined ? {} : { minEvents: options.minEvents }),
    }),
  }));
}
