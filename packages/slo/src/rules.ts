import { dump } from 'js-yaml';
import { burnRateAlerts, minEventsFor, ruleNumber, STANDARD_ALERT_WINDOWS, type AlertWindowSpec } from './alerts.js';
import { durationMs, formatDurationPromQl, formatDurationShort, parseDuration } from './duration.js';
import { aggregated, aggregatedOverWindow, topAggregation } from './promql-shape.js';
import type { AlertPolicyDefinition, Indicator, Objective, SloDefinition } from './openslo/model.js';
import type { MetricSource } from './openslo/schema.js';

/** A Prometheus recording rule. */
export interface RecordingRule {
  readonly record: string;
  readonly expr: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** A Prometheus alerting rule. */
export interface AlertingRule {
  readonly alert: string;
  readonly expr: string;
  /** How long the condition must hold before the alert fires (OpenSLO `alertAfter`). */
  readonly for?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** A Prometheus rule file (`groups:`), as `promtool check rules` reads it. */
export interface PrometheusRuleFile {
  readonly groups: readonly { readonly name: string; readonly rules: readonly (RecordingRule | AlertingRule)[] }[];
}

export interface RuleOptions {
  /** Alert windows (default: the SRE Workbook table, factors rescaled to the SLO's period). */
  readonly windows?: readonly AlertWindowSpec[];
  /** Extra labels on every rule. */
  readonly labels?: Readonly<Record<string, string>>;
  /** `pt` (default) or `sloth`: Sloth's label names (`sloth_id`, `sloth_service`, `sloth_slo`, `sloth_window`), group names and info metric. */
  readonly naming?: 'pt' | 'sloth';
  /** An alert when the SLI's series vanish (its 5m error ratio is absent for 10m). Default true. */
  readonly absentAlert?: boolean;
  /** A `runbook_url` annotation on every alert, for SLOs whose OpenSLO annotations name none ({@link runbookOf}). */
  readonly runbookUrl?: string;
  /** With `naming: 'sloth'`: the `sloth_version` label of `sloth_slo_info` (default `pt`). */
  readonly version?: string;
  /**
   * The low-traffic guard of `pt slo alerts` (opt-in): each window of a burn-rate pair must
   * also hold this many events (`auto`: `ceil(1 / threshold)`, so one bad event cannot page).
   * The rules then record `slo:sli_events:count<w>`, the SLI's total events over each window.
   */
  readonly minEvents?: number | 'auto';
}

export type RuleResult =
  | {
      readonly ok: true;
      readonly file: PrometheusRuleFile;
      /** What the rules do not do as the SLO says (e.g. Timeslices budgeted as Occurrences), one line each. */
      readonly notes: readonly string[];
    }
  | { readonly ok: false; readonly code: 'E_RULES'; readonly message: string };

const WINDOW_TEMPLATE = /\{\{\s*\.window\s*\}\}/g;

/** `api-availability` → `ApiAvailability`. */
function pascal(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((p) => p !== '')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');
}

function queryOf(source: MetricSource | undefined, part: string): string {
  if (source === undefined) throw new RuleError(`the SLI has no ${part} query`);
  const type = source.type;
  if (type !== undefined && type.toLowerCase() !== 'prometheus') {
    throw new RuleError(`the SLI's ${part} metric source is ${type}, not Prometheus`);
  }
  const query = source.spec?.['query'];
  if (typeof query !== 'string' || query.trim() === '') {
    throw new RuleError(`the SLI's ${part} metric source has no spec.query string`);
  }
  return query.trim();
}

class RuleError extends Error {}

/** A counter or gauge query over window `w`, aggregated: `{{.window}}` is substituted, else a range or subquery. */
function overWindow(query: string, w: string, how: 'increase' | 'sum_over_time'): string {
  if (WINDOW_TEMPLATE.test(query)) {
    WINDOW_TEMPLATE.lastIndex = 0;
    return aggregated(query.replace(WINDOW_TEMPLATE, w));
  }
  return aggregatedOverWindow(query, w, how);
}

/** A raw ratio over window `w`: averaged over time (`{{.window}}` substituted, else a subquery). */
function rawOverWindow(query: string, w: string): string {
  if (WINDOW_TEMPLATE.test(query)) {
    WINDOW_TEMPLATE.lastIndex = 0;
    return query.replace(WINDOW_TEMPLATE, w);
  }
  return `avg_over_time((${query})[${w}:])`;
}

/** PromQL of the SLI's total events over window `w` (the low-traffic guard's count). */
export function eventsExpr(indicator: Indicator, w: string): string {
  if (indicator.kind !== 'ratio' || indicator.form === 'raw') {
    throw new RuleError(
      `the low-traffic guard needs a good/bad and total SLI: ${indicator.kind === 'ratio' ? 'a raw ratio' : 'a thresholdMetric'} has no event count`,
    );
  }
  const total = queryOf(indicator.total, 'total');
  if (!WINDOW_TEMPLATE.test(total))
    return aggregatedOverWindow(total, w, indicator.counter ? 'increase' : 'sum_over_time');
  WINDOW_TEMPLATE.lastIndex = 0;
  const q = aggregated(total.replace(WINDOW_TEMPLATE, w));
  if (/\bincrease\s*\(/.test(q)) return q;
  if (/\b(?:rate|irate)\s*\(/.test(q)) return `(${q}) * ${durationMs(parseWindow(w)) / 1000}`;
  throw new RuleError(
    'the low-traffic guard needs the total as events: its {{.window}} query uses neither rate() nor increase()',
  );
}

function parseWindow(w: string) {
  const d = parseDuration(w);
  if (d === null) throw new RuleError(`bad window ${w}`);
  return d;
}

/** How often a thresholdMetric query is sampled: once a minute, or once a time slice when slices are shorter. */
export const THRESHOLD_SAMPLE_MS = 60_000;

/** The comparison that makes a thresholdMetric sample bad: the negation of the objective's `op` (good when `op value`). */
const BAD_WHEN = { lt: '>=', lte: '>', gt: '<=', gte: '<' } as const;

/**
 * `[range:step]` of a subquery whose `window / step` points tile `(t - window, t]`: the range is
 * half a step short of the window, so Prometheus 2 (ranges closed at both ends) and 3 (open at
 * the start) take the same points, and a window shorter than a step takes one.
 */
function subqueryRange(windowMs: number, stepMs: number): string {
  return `[${formatDurationPromQl(Math.max(windowMs, stepMs) - stepMs / 2)}:${formatDurationShort(stepMs)}]`;
}

/**
 * A thresholdMetric's error ratio over window `w`: the share of its samples (one a minute, see
 * {@link THRESHOLD_SAMPLE_MS}) that miss the objective (`metric op value` is good), averaged over
 * the series unless the query aggregates them itself. A sample without a value is not bad.
 */
function thresholdErrorExpr(
  metric: Indicator & { kind: 'threshold' },
  w: string,
  objective: ThresholdObjective,
): string {
  const query = queryOf(metric.metric, 'threshold');
  if (WINDOW_TEMPLATE.test(query)) {
    WINDOW_TEMPLATE.lastIndex = 0;
    throw new RuleError(
      'a thresholdMetric query is sampled as written, once a minute: give it its own range (e.g. rate(x[5m])) instead of {{.window}}',
    );
  }
  const stepMs = Math.min(THRESHOLD_SAMPLE_MS, objective.stepMs ?? THRESHOLD_SAMPLE_MS);
  const bad = `(${query}) ${BAD_WHEN[objective.op]} bool ${ruleNumber(objective.value)}`;
  const share = `avg_over_time((${bad})${subqueryRange(durationMs(parseWindow(w)), stepMs)})`;
  return topAggregation(query) === undefined ? `avg(${share})` : share;
}

/** What a thresholdMetric SLI is compared with: the objective's `op` and `value`, and the sampling step (the time slice). */
export interface ThresholdObjective {
  readonly op: 'lt' | 'lte' | 'gt' | 'gte';
  readonly value: number;
  /** Sample at most this far apart (a time slice shorter than a minute). */
  readonly stepMs?: number;
}

function thresholdOf(objective: Objective): ThresholdObjective | undefined {
  if (objective.op === undefined || objective.value === undefined) return undefined;
  const slice = objective.timeSliceWindow === undefined ? undefined : durationMs(objective.timeSliceWindow);
  return { op: objective.op, value: objective.value, ...(slice === undefined ? {} : { stepMs: slice }) };
}

/** PromQL of the SLI's error ratio over window `w` (a thresholdMetric SLI needs its objective's `op` and `value`). */
export function errorRatioExpr(indicator: Indicator, w: string, threshold?: ThresholdObjective): string {
  if (indicator.kind !== 'ratio') {
    if (threshold === undefined) throw new RuleError("a thresholdMetric SLI needs the objective's op and value");
    return thresholdErrorExpr(indicator, w, threshold);
  }
  if (indicator.form === 'raw') {
    const raw = rawOverWindow(queryOf(indicator.numerator, 'raw'), w);
    return indicator.rawType === 'failure' ? `(${raw})` : `1 - (${raw})`;
  }
  const how = indicator.counter ? 'increase' : 'sum_over_time';
  const part = overWindow(queryOf(indicator.numerator, indicator.form), w, how);
  const total = overWindow(queryOf(indicator.total, 'total'), w, how);
  return indicator.form === 'bad' ? `(${part})\n/\n(${total})` : `1 - (\n(${part})\n/\n(${total})\n)`;
}

/**
 * Prometheus rules for an SLO whose SLI is a Prometheus ratio query, shaped like Sloth's output:
 * per objective, a group of error-ratio recordings `slo:sli_error:ratio_rate<window>` (every alert
 * window plus the SLO period), a group of meta recordings (objective, budget, period, current and
 * period burn rate, budget remaining) and a group of two multi-window multi-burn-rate alerts
 * (`severity: page` and `ticket`), factors rescaled to the SLO period.
 */
export function prometheusRules(slo: SloDefinition, options: RuleOptions = {}): RuleResult {
  try {
    const notes: string[] = [];
    const labels = ruleLabels(slo, options.labels ?? {}, (n) => notes.push(`SLO "${slo.name}": ${n}`));
    const runbookUrl = runbookOf(slo) ?? options.runbookUrl;
    if (options.runbookUrl !== undefined && runbookUrl !== options.runbookUrl) {
      notes.push(`SLO "${slo.name}": its own runbook URL (${runbookUrl ?? ''}) is used instead of --runbook`);
    }
    const own = { ...options, labels, ...(runbookUrl === undefined ? {} : { runbookUrl }) };
    const file = { groups: slo.objectives.flatMap((_, i) => groupsFor(slo, i, own)) };
    if (slo.budgetingMethod !== 'Occurrences') {
      notes.push(
        `SLO "${slo.name}": budgeting method ${slo.budgetingMethod}: the budget (slo:sli_error:timeslice_ratio${formatDurationShort(durationMs(slo.window.duration))}, ` +
          'period burn rate, budget remaining) counts time slices as pt slo budget does; the burn-rate alerts read the ' +
          "SLI's error ratio over their windows, as pt slo alerts does",
      );
    }
    if (slo.window.kind === 'calendar') {
      const d = slo.window.duration;
      const unitDays = {
        M: ' (a month counted as 30 days)',
        Q: ' (a quarter counted as 90 days)',
        Y: ' (a year counted as 365 days)',
      } as const;
      notes.push(
        `SLO "${slo.name}": calendar window ${d.amount}${d.unit} (${slo.window.timeZone}): the rules use a rolling ` +
          `${formatDurationShort(durationMs(d))} window${d.unit in unitDays ? unitDays[d.unit as keyof typeof unitDays] : ''}: ` +
          'Prometheus ranges cannot follow the calendar (pt slo budget does)',
      );
    }
    return {
      ok: true,
      file: options.naming === 'sloth' ? slothNaming(file, options.version) : file,
      notes,
    };
  } catch (error) {
    if (error instanceof RuleError) {
      return { ok: false, code: 'E_RULES', message: `SLO "${slo.name}": ${error.message}` };
    }
    throw error;
  }
}

/** Labels pt writes itself: a label given with one of these names is dropped (with a note). */
const RESERVED_LABEL = /^(?:slo_|sloth_|__)|^(?:severity|alert_policy|alert_condition|notification_targets)$/;

/**
 * The labels on every rule: the OpenSLO `metadata.labels` of the SLO's Service, then of the SLO,
 * then `given` (`--label`), each later one winning. Label names are made Prometheus label names
 * (`app.kubernetes.io/name` → `app_kubernetes_io_name`); a list of values is joined by commas.
 */
function ruleLabels(
  slo: SloDefinition,
  given: Readonly<Record<string, string>>,
  note: (text: string) => void,
): Record<string, string> {
  const labels: Record<string, string> = {};
  const sources = [
    ['its Service', slo.serviceMetadata?.labels ?? {}],
    ['metadata.labels', slo.labels ?? {}],
    ['--label', given],
  ] as const;
  for (const [from, source] of sources) {
    for (const [key, value] of Object.entries(source)) {
      const name = key.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=[0-9])/, '_');
      if (RESERVED_LABEL.test(name)) {
        note(`label "${key}" (${from}) is not written: pt sets ${name} itself`);
        continue;
      }
      labels[name] = value;
    }
  }
  return labels;
}

/** Annotation keys that name a runbook, with or without a prefix (`runbook_url`, `example.com/runbook-url`). */
const RUNBOOK_ANNOTATION = /^(?:[^/]*\/)?runbook[_-]url$/;

/** The runbook URL the SLO's `metadata.annotations` name, else its Service's. */
export function runbookOf(slo: SloDefinition): string | undefined {
  for (const annotations of [slo.annotations, slo.serviceMetadata?.annotations]) {
    const found = Object.entries(annotations ?? {}).find(([k, v]) => RUNBOOK_ANNOTATION.test(k) && v.trim() !== '');
    if (found !== undefined) return found[1].trim();
  }
  return undefined;
}

function groupsFor(slo: SloDefinition, objectiveIndex: number, options: RuleOptions): PrometheusRuleFile['groups'] {
  const objective = slo.objectives[objectiveIndex];
  if (objective === undefined) return [];
  const id =
    slo.objectives.length > 1 ? `${slo.service}-${slo.name}-${objectiveIndex + 1}` : `${slo.service}-${slo.name}`;
  const base = { ...options.labels, slo_id: id, slo_service: slo.service, slo_name: slo.name };
  const selector = `{slo_id="${id}", slo_service="${slo.service}", slo_name="${slo.name}"}`;
  const periodMs = durationMs(slo.window.duration);
  const period = formatDurationShort(periodMs);
  const alerts = burnRateAlerts(periodMs, options.windows ?? STANDARD_ALERT_WINDOWS);
  const lookbacks = slo.alertPolicies.map((p) => durationMs(p.condition.lookbackWindow));
  const windows = [...new Set([...alerts.flatMap((a) => [a.shortWindowMs, a.longWindowMs]), ...lookbacks])].sort(
    (a, b) => a - b,
  );
  const shortest = formatDurationShort(windows[0] ?? 300_000);
  const budget = String(ruleNumber(1 - objective.target));
  const threshold = thresholdOf(objective);

  const sli: RecordingRule[] = windows.map((ms) => {
    const w = formatDurationShort(ms);
    return {
      record: `slo:sli_error:ratio_rate${w}`,
      expr: `${errorRatioExpr(objective.indicator, w, threshold)}\n`,
      labels: { ...base, slo_window: w },
    };
  });
  const guard = options.minEvents;
  if (guard !== undefined) {
    for (const ms of windows) {
      const w = formatDurationShort(ms);
      sli.push({
        record: `slo:sli_events:count${w}`,
        expr: `${eventsExpr(objective.indicator, w)}\n`,
        labels: { ...base, slo_window: w },
      });
    }
  }
  if (!windows.includes(periodMs)) {
    const rate = `slo:sli_error:ratio_rate${shortest}${selector}`;
    sli.push({
      record: `slo:sli_error:ratio_rate${period}`,
      expr: `sum_over_time(${rate}[${period}])\n/ ignoring (slo_window)\ncount_over_time(${rate}[${period}])\n`,
      labels: { ...base, slo_window: period },
    });
  }
  // Timeslices: the period's error is counted in time slices, as pt slo budget counts it.
  const slices = timesliceRules(slo, objective, { base, selector, periodMs, threshold });
  sli.push(...slices.rules);
  const periodRatio = slices.periodRatio ?? `slo:sli_error:ratio_rate${period}`;
  const meta: RecordingRule[] = [
    { record: 'slo:objective:ratio', expr: `vector(${ruleNumber(objective.target)})`, labels: base },
    { record: 'slo:error_budget:ratio', expr: `vector(${budget})`, labels: base },
    { record: 'slo:time_period:days', expr: `vector(${ruleNumber(periodMs / 86_400_000)})`, labels: base },
    {
      record: 'slo:current_burn_rate:ratio',
      expr: `slo:sli_error:ratio_rate${shortest}${selector}\n/ on(slo_id, slo_name, slo_service) group_left\nslo:error_budget:ratio${selector}\n`,
      labels: base,
    },
    {
      record: 'slo:period_burn_rate:ratio',
      expr: `${periodRatio}${selector}\n/ on(slo_id, slo_name, slo_service) group_left\nslo:error_budget:ratio${selector}\n`,
      labels: base,
    },
    slices.remaining === undefined
      ? {
          record: 'slo:period_error_budget_remaining:ratio',
          expr: `1 - slo:period_burn_rate:ratio${selector}`,
          labels: base,
        }
      : {
          record: 'slo:period_error_budget_remaining:ratio',
          expr: slices.remaining,
          labels: { ...base, slo_window: period },
        },
    {
      record: 'pt_slo_info',
      expr: 'vector(1)',
      labels: {
        ...base,
        slo_objective: String(ruleNumber(objective.target * 100)),
        slo_budgeting_method: slo.budgetingMethod,
        ...slices.info,
      },
    },
  ];
  const standardAlerts: AlertingRule[] = (['page', 'ticket'] as const).flatMap((severity) => {
    const rows = alerts.filter((a) => a.severity === severity);
    if (rows.length === 0) return [];
    const ratioTerm = (ms: number, factor: number) =>
      `max(slo:sli_error:ratio_rate${formatDurationShort(ms)}${selector} > (${ruleNumber(factor)} * ${budget})) without (slo_window)`;
    // With the guard, a window also needs the events pt slo alerts needs (`> 0` when that is 0).
    const term = (ms: number, factor: number) => {
      if (guard === undefined) return ratioTerm(ms, factor);
      const n = minEventsFor(guard, factor * (1 - objective.target));
      const count = `max(slo:sli_events:count${formatDurationShort(ms)}${selector} ${n > 0 ? `>= ${n}` : '> 0'}) without (slo_window)`;
      return `(${ratioTerm(ms, factor)} and ${count})`;
    };
    const expr = rows
      .map(
        (a) => `(\n    ${term(a.shortWindowMs, a.burnFactor)}\n    and\n    ${term(a.longWindowMs, a.burnFactor)}\n)`,
      )
      .join('\nor\n');
    return [
      {
        alert: `${pascal(slo.service)}${pascal(slo.name)}ErrorBudgetBurn`,
        expr: `${expr}\n`,
        labels: { ...options.labels, severity, slo_severity: severity },
        annotations: {
          title: `(${severity}) {{$labels.slo_service}} {{$labels.slo_name}} SLO error budget burn rate is too fast.`,
          summary: `${slo.displayName ?? slo.name}: error budget of ${slo.service} burning faster than ${rows
            .map((a) => `${ruleNumber(a.burnFactor)}x`)
            .join(' / ')} over ${period}.`,
        },
      },
    ];
  });
  // OpenSLO alert policies replace the standard table: one alert per burn-rate condition.
  const burnAlerts =
    slo.alertPolicies.length === 0
      ? standardAlerts
      : slo.alertPolicies.map((p) => policyAlert(slo, p, { selector, budget, labels: options.labels ?? {} }));
  if (options.absentAlert !== false) {
    // Like Pyrra's SLOMetricAbsent: when the SLI's series vanish, its ratio vanishes (not 0), and no burn alert can fire.
    burnAlerts.push({
      alert: `${pascal(slo.service)}${pascal(slo.name)}SliAbsent`,
      expr: `absent(slo:sli_error:ratio_rate${shortest}${selector})\n`,
      for: '10m',
      labels: { ...options.labels, ...base, severity: 'ticket', slo_severity: 'ticket' },
      annotations: {
        title: `(ticket) {{$labels.slo_service}} {{$labels.slo_name}} SLO: the SLI has no data.`,
        summary: `${slo.displayName ?? slo.name}: no ${shortest} error ratio of ${slo.service} for 10m: the SLI's series are missing.`,
      },
    });
  }
  const alertRules =
    options.runbookUrl === undefined
      ? burnAlerts
      : burnAlerts.map((a) => ({ ...a, annotations: { ...a.annotations, runbook_url: options.runbookUrl ?? '' } }));
  return [
    { name: `pt-slo-sli-recordings-${id}`, rules: sli },
    { name: `pt-slo-meta-recordings-${id}`, rules: meta },
    { name: `pt-slo-alerts-${id}`, rules: alertRules },
  ];
}

/**
 * The time-slice rules of a Timeslices or RatioTimeslices objective (none for Occurrences):
 * `slo:timeslice_error:ratio`, the SLI's error ratio over the slice that ends now; and
 * `slo:sli_error:timeslice_ratio<period>`, the period's error as pt slo budget counts it, read
 * once a slice by a subquery: Timeslices, the share of the period's slices that miss
 * `timeSliceTarget` (a slice without data is good); RatioTimeslices, the mean error ratio of the
 * slices with data.
 */
function timesliceRules(
  slo: SloDefinition,
  objective: Objective,
  at: {
    readonly base: Readonly<Record<string, string>>;
    readonly selector: string;
    readonly periodMs: number;
    readonly threshold: ThresholdObjective | undefined;
  },
): { rules: RecordingRule[]; periodRatio?: string; remaining?: string; info: Record<string, string> } {
  if (slo.budgetingMethod === 'Occurrences') return { rules: [], info: {} };
  const sliceMs = objective.timeSliceWindow === undefined ? 60_000 : durationMs(objective.timeSliceWindow);
  const slice = formatDurationShort(sliceMs);
  const period = formatDurationShort(at.periodMs);
  const error = `slo:timeslice_error:ratio${at.selector}`;
  const range = subqueryRange(at.periodMs, sliceMs);
  // A slice is bad when its good ratio is under timeSliceTarget (default 1: any error), i.e. its error ratio is over 1 - target.
  const badAbove = ruleNumber(1 - (objective.timeSliceTarget ?? 1));
  const expr =
    slo.budgetingMethod === 'Timeslices'
      ? `sum_over_time((${error} > bool ${badAbove})${range})\n/ ${Math.ceil(at.periodMs / sliceMs)}\n`
      : `avg_over_time((${error} >= 0)${range})\n`;
  const periodRatio = `slo:sli_error:timeslice_ratio${period}`;
  return {
    rules: [
      {
        record: 'slo:timeslice_error:ratio',
        expr: `${errorRatioExpr(objective.indicator, slice, at.threshold)}\n`,
        labels: { ...at.base, slo_window: slice },
      },
      { record: periodRatio, expr, labels: { ...at.base, slo_window: period } },
    ],
    periodRatio,
    // RatioTimeslices: the budget spent is the slices' error over the whole period (a slice without data spends none),
    // while the period's error ratio (and burn rate) is the mean over the slices with data, as pt slo budget says both.
    ...(slo.budgetingMethod === 'RatioTimeslices'
      ? {
          remaining:
            `1 - (\nsum_over_time((${error} >= 0)${range})\n/ ${Math.ceil(at.periodMs / sliceMs)}\n)\n` +
            `/ on(slo_id, slo_name, slo_service) group_left\nslo:error_budget:ratio${at.selector}\n`,
        }
      : {}),
    info: {
      slo_time_slice_window: slice,
      ...(slo.budgetingMethod === 'Timeslices'
        ? { slo_time_slice_target: String(ruleNumber((objective.timeSliceTarget ?? 1) * 100)) }
        : {}),
    },
  };
}

const OPS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/**
 * The alert of one OpenSLO alert policy: its burn-rate condition over its lookback window
 * (`error ratio op threshold × budget`), `for:` its `alertAfter`, its severity as the `severity`
 * label, and its notification targets as a `notification_targets` label (names) and one
 * `notification_target_<name>` annotation each (the target).
 */
function policyAlert(
  slo: SloDefinition,
  policy: AlertPolicyDefinition,
  at: { readonly selector: string; readonly budget: string; readonly labels: Readonly<Record<string, string>> },
): AlertingRule {
  const c = policy.condition;
  const lookback = formatDurationShort(durationMs(c.lookbackWindow));
  const alertAfterMs = durationMs(c.alertAfter);
  const targets = policy.notificationTargets;
  return {
    alert: `${pascal(slo.service)}${pascal(slo.name)}${pascal(policy.name)}`,
    expr: `max(slo:sli_error:ratio_rate${lookback}${at.selector} ${OPS[c.op]} (${ruleNumber(c.threshold)} * ${at.budget})) without (slo_window)\n`,
    ...(alertAfterMs > 0 ? { for: formatDurationShort(alertAfterMs) } : {}),
    labels: {
      ...at.labels,
      severity: c.severity,
      slo_severity: c.severity,
      alert_policy: policy.name,
      alert_condition: c.name,
      ...(targets.length > 0 ? { notification_targets: targets.map((t) => t.name).join(',') } : {}),
    },
    annotations: {
      title: `(${c.severity}) {{$labels.slo_service}} {{$labels.slo_name}} SLO: ${policy.name}.`,
      summary: `${slo.displayName ?? slo.name}: burn rate over ${lookback} ${OPS[c.op]} ${ruleNumber(c.threshold)} for ${formatDurationShort(alertAfterMs)}.`,
      ...Object.fromEntries(
        targets.map((t) => [`notification_target_${t.name.replace(/[^A-Za-z0-9_]/g, '_')}`, t.target]),
      ),
    },
  };
}

const SLOTH_LABELS: Readonly<Record<string, string>> = {
  slo_id: 'sloth_id',
  slo_service: 'sloth_service',
  slo_name: 'sloth_slo',
  slo_window: 'sloth_window',
  slo_severity: 'sloth_severity',
  slo_objective: 'sloth_objective',
};
const SLOTH_LABEL = new RegExp(String.raw`\b(${Object.keys(SLOTH_LABELS).join('|')})\b`, 'g');

/** The same rules under Sloth's names: labels, group names and info metric, so Sloth's dashboards keep working. */
function slothNaming(file: PrometheusRuleFile, version = 'pt'): PrometheusRuleFile {
  const text = (t: string) => t.replace(SLOTH_LABEL, (m) => SLOTH_LABELS[m] ?? m);
  const labels = (l: Readonly<Record<string, string>>) =>
    Object.fromEntries(Object.entries(l).map(([k, v]) => [SLOTH_LABELS[k] ?? k, v]));
  return {
    groups: file.groups.map((g) => ({
      name: g.name.replace(/^pt-slo-/, 'sloth-slo-'),
      rules: g.rules.map((r) =>
        'record' in r
          ? {
              ...r,
              record: r.record === 'pt_slo_info' ? 'sloth_slo_info' : r.record,
              expr: text(r.expr),
              // Sloth's info metric also says how it was made: its mode, spec and version.
              labels:
                r.record === 'pt_slo_info'
                  ? {
                      ...labels(r.labels),
                      sloth_mode: 'cli-gen-openslo',
                      sloth_spec: 'openslo/v1',
                      sloth_version: version,
                    }
                  : labels(r.labels),
            }
          : {
              ...r,
              expr: text(r.expr),
              labels: labels(r.labels),
              annotations: Object.fromEntries(Object.entries(r.annotations).map(([k, v]) => [k, text(v)])),
            },
      ),
    })),
  };
}

/**
 * The rule file as a Prometheus Operator `PrometheusRule` manifest (`monitoring.coreos.com/v1`),
 * named `name` (made a DNS-1123 name) with `labels` on the object, for the operator's `ruleSelector`.
 */
export function renderPrometheusOperatorRule(
  file: PrometheusRuleFile,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): string {
  const dnsName =
    name
      .toLowerCase()
      .replace(/[^a-z0-9.-]+/g, '-')
      .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
      .slice(0, 253) || 'pt-slo-rules';
  const manifest = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: dnsName, ...(Object.keys(labels).length > 0 ? { labels } : {}) },
    spec: file,
  };
  return `# Code generated by pt slo rules. DO NOT EDIT.\n${dump(manifest, { lineWidth: -1, noRefs: true })}`;
}

/** The rule file as YAML (block style, no folding), headed by a generated-file comment. */
export function renderPrometheusRules(file: PrometheusRuleFile): string {
  return `# Code generated by pt slo rules. DO NOT EDIT.\n${dump(file, { lineWidth: -1, noRefs: true })}`;
}

/** The Prometheus queries of a ratio SLI, read as the rules generator reads them. */
export type SliQueries =
  | {
      readonly ok: true;
      readonly form: 'good' | 'bad' | 'raw';
      /** Counters grow over time; otherwise each value is a count per interval. */
      readonly counter: boolean;
      readonly numerator: string;
      /** Absent with `form: 'raw'`. */
      readonly total?: string;
      /** Whether the queries contain `{{.window}}`, to be replaced by a range. */
      readonly templated: boolean;
    }
  | { readonly ok: false; readonly message: string };

/** The `good`/`bad`/`raw` and `total` PromQL of a ratio SLI, or why there is none. */
export function sliQueries(indicator: Indicator): SliQueries {
  try {
    if (indicator.kind !== 'ratio') throw new RuleError('a thresholdMetric SLI has no good/total queries');
    const numerator = queryOf(indicator.numerator, indicator.form);
    const total = indicator.form === 'raw' ? undefined : queryOf(indicator.total, 'total');
    const templated = [numerator, total ?? ''].some((q) => {
      WINDOW_TEMPLATE.lastIndex = 0;
      return WINDOW_TEMPLATE.test(q);
    });
    WINDOW_TEMPLATE.lastIndex = 0;
    return {
      ok: true,
      form: indicator.form,
      counter: indicator.counter,
      numerator,
      ...(total === undefined ? {} : { total }),
      templated,
    };
  } catch (error) {
    if (error instanceof RuleError) return { ok: false, message: error.message };
    throw error;
  }
}
