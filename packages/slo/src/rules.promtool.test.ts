/**
 * `promtool test rules` on the rules of every example SLO, over series this test writes from one
 * fixture (test/rules-scenarios.ts): the recorded error ratios must equal what `pt slo alerts` and
 * `pt slo budget` compute from the same events, and each alert must fire exactly when their
 * burn-rate maths says, not a minute before.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { skipWithout, toolRuns } from '../../../test-env.js';
import {
  HEALTHY,
  LOW_TRAFFIC,
  MINUTE,
  REMOVED,
  SCENARIOS,
  counterValues,
  sliSeries,
  type Scenario,
} from '../test/rules-scenarios.js';
import { evaluateAlerts, type AlertWindowSpec } from './alerts.js';
import type { SliSeries } from './sli-data.js';
import { evaluateBudget } from './budget.js';
import { durationMs, formatDurationShort, parseDuration } from './duration.js';
import { formatOpenSloIssue, loadOpenSlo } from './openslo/load.js';
import type { SloDefinition } from './openslo/model.js';
import { prometheusRules, renderPrometheusRules, type AlertingRule, type RecordingRule } from './rules.js';

const ROOT = new URL('../../../', import.meta.url);

function slosOf(name: string, text: string): SloDefinition[] {
  const r = loadOpenSlo([{ name, text }]);
  if (!r.ok) throw new Error(r.issues.map(formatOpenSloIssue).join('\n'));
  return [...r.catalog.slos];
}

/** The issue's case: plain counter selectors, no aggregation, on series with a `code` label. */
const PLAIN_SELECTORS = `apiVersion: openslo/v1
kind: SLO
metadata: { name: checkout-availability }
spec:
  service: checkout
  indicator:
    metadata: { name: checkout-requests }
    spec:
      ratioMetric:
        counter: true
        good: { metricSource: { type: Prometheus, spec: { query: 'http_requests_total{job="checkout",code!~"5.."}' } } }
        total: { metricSource: { type: Prometheus, spec: { query: 'http_requests_total{job="checkout"}' } } }
  timeWindow: [{ duration: 30d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.999 }]
`;

/** An SLO with its own alert policies: a fast burn that pages after 5 minutes, a slow one that opens a ticket. */
export const WITH_POLICIES = `apiVersion: openslo/v1
kind: AlertNotificationTarget
metadata: { name: on-call-pager }
spec: { target: pagerduty-checkout, description: Pages the on-call engineer }
---
apiVersion: openslo/v1
kind: SLO
metadata: { name: checkout-policies }
spec:
  service: checkout
  indicator:
    metadata: { name: checkout-requests }
    spec:
      ratioMetric:
        counter: true
        bad: { metricSource: { type: Prometheus, spec: { query: 'http_requests_total{job="checkout",code=~"5.."}' } } }
        total: { metricSource: { type: Prometheus, spec: { query: 'http_requests_total{job="checkout"}' } } }
  timeWindow: [{ duration: 30d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.99 }]
  alertPolicies:
    - kind: AlertPolicy
      metadata: { name: fast-burn }
      spec:
        conditions:
          - kind: AlertCondition
            metadata: { name: burn-rate-5x-1h }
            spec:
              severity: page
              condition: { kind: burnrate, op: gt, threshold: 5, lookbackWindow: 1h, alertAfter: 5m }
        notificationTargets: [{ targetRef: on-call-pager }]
    - kind: AlertPolicy
      metadata: { name: slow-burn }
      spec:
        conditions:
          - kind: AlertCondition
            metadata: { name: burn-rate-2x-6h }
            spec:
              severity: ticket
              condition: { kind: burnrate, op: gt, threshold: 2, lookbackWindow: 6h, alertAfter: 30m }
        notificationTargets:
          - kind: AlertNotificationTarget
            metadata: { name: team-queue }
            spec: { target: jira-checkout }
`;

/** Sloth's getting-started SLO, written in OpenSLO. */
const SLOTH_GETTING_STARTED = `apiVersion: openslo/v1
kind: SLO
metadata: { name: requests-availability }
spec:
  service: myservice
  indicator:
    metadata: { name: requests-errors }
    spec:
      ratioMetric:
        bad: { metricSource: { type: Prometheus, spec: { query: 'sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))' } } }
        total: { metricSource: { type: Prometheus, spec: { query: 'sum(rate(http_request_duration_seconds_count{job="myservice"}[{{.window}}]))' } } }
  timeWindow: [{ duration: 30d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ targetPercent: 99.9 }]
`;

/**
 * An example SLO as the tests read it. A time-slice budget reads the period once a slice (43,200
 * points for one-minute slices over 30 days); Prometheus allows 50 million samples a query, but
 * promtool's test engine only 10,000, so the checkout month becomes 6 days here (8,640 slices).
 */
const exampleText = (f: string) =>
  readFileSync(new URL(`examples/slo/${f}`, ROOT), 'utf8').replace('duration: 1M', 'duration: 6d');

/** checkout-success budgeted as RatioTimeslices: the period's error is the mean error ratio of its one-minute slices. */
const RATIO_TIMESLICES = exampleText('checkout.yaml')
  .replace('name: checkout-success', 'name: checkout-ratio-slices')
  .replace('budgetingMethod: Timeslices', 'budgetingMethod: RatioTimeslices')
  .replace(/\n\s*timeSliceTarget: 0\.95/, '');

/** A latency SLI read from a gauge (a p99 a recording rule or an exporter keeps): good while under 150 ms. */
const THRESHOLD = `apiVersion: openslo/v1
kind: SLO
metadata: { name: search-latency }
spec:
  service: search
  indicator:
    metadata: { name: search-p99 }
    spec:
      thresholdMetric:
        metricSource: { type: Prometheus, spec: { query: 'search_latency_p99_seconds{job="search"}' } }
  timeWindow: [{ duration: 30d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ op: lt, value: 0.15, target: 0.99 }]
`;

/** The same gauge over 6 days, budgeted in two-minute slices, each good when at least half its samples are. */
const THRESHOLD_TIMESLICES = THRESHOLD.replace('search-latency', 'search-latency-slices')
  .replace('duration: 30d', 'duration: 6d')
  .replace('Occurrences', 'Timeslices')
  .replace('target: 0.99 }', 'target: 0.99, timeSliceTarget: 0.5, timeSliceWindow: 2m }');

type Series = { series: string; values: string }[];

/** A gauge sampled once a minute: sample m + 1 reads minute m of the scenario, as 100 ms plus its share of errors. */
const latencyOf = (s: Scenario, m: number) => {
  const e = s.at(m);
  return 0.1 + e.bad / (e.good + e.bad);
};
const gaugeSeries =
  (series: string) =>
  (s: Scenario): Series => {
    const n = s.removedAt ?? s.minutes;
    // No sample at 0: the first reads minute 0, so a window of w minutes holds w samples, as pt counts w rows.
    return [{ series, values: ['_', ...Array.from({ length: n }, (_, m) => String(latencyOf(s, m)))].join(' ') }];
  };

/** The gauge's samples as the events pt slo budget and pt slo alerts read: one a minute, good when under the threshold. */
function thresholdEvents(s: Scenario): SliSeries {
  const events = sliSeries(s);
  const good = events.good.map((_, m) => (latencyOf(s, m) < 0.15 ? 1 : 0));
  return { timestamps: events.timestamps, good, total: events.total.map(() => 1) };
}

/** Requests counted by a `code` label: good ones as 200, bad ones as 500. */
const byCode =
  (metric: string, job: string) =>
  (s: Scenario): Series => [
    { series: `${metric}{job="${job}",code="200"}`, values: counterValues(s, 'good') },
    { series: `${metric}{job="${job}",code="500"}`, values: counterValues(s, 'bad') },
  ];

/** Every example SLO, with the series that feed its SLI. */
/**
 * `minEvents`: the rules get the low-traffic guard, and are compared with pt slo alerts' (else with no minimum).
 * `events`: the SLI as pt slo budget/alerts read it (default: the scenario's requests).
 * `absentAfter`: minutes from the series' removal until the 5m error ratio is gone (default 5).
 */
const CASES: readonly {
  slo: SloDefinition;
  series: (s: Scenario) => Series;
  minEvents?: 'auto';
  events?: (s: Scenario) => SliSeries;
  absentAfter?: number;
}[] = [
  ...readdirSync(new URL('examples/slo/', ROOT))
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => slosOf(f, exampleText(f)))
    .map((slo) => ({
      slo,
      series: {
        'api-gateway-availability': byCode('http_requests_total', 'api-gateway'),
        'api-gateway-latency': (s: Scenario): Series => [
          // Histogram buckets: good requests under 300 ms, bad ones slower.
          {
            series: 'http_request_duration_seconds_bucket{job="api-gateway",le="0.3"}',
            values: counterValues(s, 'good'),
          },
          {
            series: 'http_request_duration_seconds_bucket{job="api-gateway",le="+Inf"}',
            values: counterValues(s, 'total'),
          },
          { series: 'http_request_duration_seconds_count{job="api-gateway"}', values: counterValues(s, 'total') },
        ],
        'checkout-success': (s: Scenario): Series => [
          { series: 'checkout_completed_total{instance="a"}', values: counterValues(s, 'good') },
          { series: 'checkout_started_total{instance="a"}', values: counterValues(s, 'total') },
        ],
      }[slo.name]!,
    })),
  { slo: slosOf('plain.yaml', PLAIN_SELECTORS)[0]!, series: byCode('http_requests_total', 'checkout') },
  {
    slo: slosOf('guarded.yaml', PLAIN_SELECTORS.replace('checkout-availability', 'checkout-guarded'))[0]!,
    series: byCode('http_requests_total', 'checkout'),
    minEvents: 'auto',
  },
  { slo: slosOf('policies.yaml', WITH_POLICIES)[0]!, series: byCode('http_requests_total', 'checkout') },
  {
    slo: slosOf('sloth.yaml', SLOTH_GETTING_STARTED)[0]!,
    series: byCode('http_request_duration_seconds_count', 'myservice'),
  },
  {
    slo: slosOf('ratio-slices.yaml', RATIO_TIMESLICES)[0]!,
    series: (s: Scenario): Series => [
      { series: 'checkout_completed_total{instance="a"}', values: counterValues(s, 'good') },
      { series: 'checkout_started_total{instance="a"}', values: counterValues(s, 'total') },
    ],
  },
  // A sample of the gauge stays 5 minutes, and the 5m ratio reads the 5 samples before: gone 10 minutes after the last.
  ...[THRESHOLD, THRESHOLD_TIMESLICES].map((text) => ({
    slo: slosOf('threshold.yaml', text)[0]!,
    series: gaugeSeries('search_latency_p99_seconds{job="search"}'),
    events: thresholdEvents,
    absentAfter: 10,
  })),
];

const caseOf = (slo: SloDefinition) => CASES.find((c) => c.slo === slo)!;
const eventsOf = (slo: SloDefinition, s: Scenario) => (caseOf(slo).events ?? sliSeries)(s);

/** `count(x > lo < hi)`: 1 when the one series of x is within 1e-6 of `value`. */
const near = (x: string, value: number) => `count(${x} > ${value - 1e-6} < ${value + 1e-6})`;

/** The states of pt slo alerts' table at minute `t` (optionally for other windows), from the same events. */
function alertStates(slo: SloDefinition, s: Scenario, windows?: readonly AlertWindowSpec[]) {
  const series = eventsOf(slo, s);
  const target = slo.objectives[0]!.target;
  const periodMs = durationMs(slo.window.duration);
  // Prometheus at minute T reads the counters' increase over (T - w, T]: the rows T - w .. T - 1.
  const minEvents = CASES.find((c) => c.slo === slo)?.minEvents ?? 0;
  return (t: number) =>
    evaluateAlerts(series, target, t * MINUTE - 1, { periodMs, minEvents, ...(windows ? { windows } : {}) });
}

/**
 * Whether each alerting rule fires at minute `t`, by pt's maths: the standard table's page and
 * ticket alerts as `pt slo alerts` says; an alert policy's condition over its lookback window
 * (a one-window table with the same burn-rate factor), held for its `alertAfter`.
 */
function expectedFiring(slo: SloDefinition, s: Scenario, allRules: readonly AlertingRule[]) {
  const absent = allRules.filter((r) => r.alert.endsWith('SliAbsent'));
  const rules = allRules.filter((r) => !absent.includes(r));
  // The SLI's 5m ratio needs two samples in (t - 5m, t]: it is absent from 5 minutes after the
  // last one, and the alert fires 10 minutes (its `for:`) later.
  const absentAfter = caseOf(slo).absentAfter ?? 5;
  const absentAlerts = absent.map((rule) => ({
    rule,
    firing: (t: number) => s.removedAt !== undefined && t >= s.removedAt + absentAfter + 10,
  }));
  return [...absentAlerts, ...burnAlerts(slo, s, rules)];
}

function burnAlerts(slo: SloDefinition, s: Scenario, rules: readonly AlertingRule[]) {
  if (slo.alertPolicies.length === 0) {
    const states = alertStates(slo, s);
    return rules.map((rule) => ({
      rule,
      firing: (t: number) => states(t)[rule.labels['severity'] as 'page' | 'ticket'] === 'firing',
    }));
  }
  const periodMs = durationMs(slo.window.duration);
  return slo.alertPolicies.map((p, i) => {
    const lookbackMs = durationMs(p.condition.lookbackWindow);
    const budgetPercent = (p.condition.threshold * lookbackMs * 100) / periodMs;
    const states = alertStates(slo, s, [
      { severity: 'page', budgetPercent, longWindowMs: lookbackMs, shortWindowMs: lookbackMs },
    ]);
    const holdMinutes = durationMs(p.condition.alertAfter) / MINUTE;
    const firing = (t: number) => {
      for (let u = t - holdMinutes; u <= t; u++) if (u < 1 || states(u).page !== 'firing') return false;
      return true;
    };
    return { rule: rules[i]!, firing };
  });
}

function testFile(
  slo: SloDefinition,
  rules: readonly (RecordingRule | AlertingRule)[],
  s: Scenario,
  rulesPath: string,
  groupNames: readonly string[],
) {
  const states = alertStates(slo, s);
  const target = slo.objectives[0]!.target;
  const alertRules = rules.filter((r): r is AlertingRule => 'alert' in r);
  const alerts = expectedFiring(slo, s, alertRules);
  const sliLabels = rules.find((r): r is RecordingRule => 'record' in r)!.labels;
  const { slo_window: _, ...seriesLabels } = sliLabels;
  const id = sliLabels['slo_id']!;
  const windows = rules
    .filter((r): r is RecordingRule => 'record' in r && r.record.startsWith('slo:sli_error:ratio_rate'))
    .map((r) => r.labels['slo_window']!)
    .filter((w) => durationMs(parseDuration(w)!) <= 6 * 3_600_000);
  const end = s.minutes;
  const last = states(end);
  // The expected alerts named `name` at minute t, labels and annotations expanded.
  const expected = (name: string, t: number) =>
    alerts
      .filter((a) => a.rule.alert === name && a.firing(t))
      .map(({ rule }) => {
        const exp_labels = { ...seriesLabels, ...rule.labels };
        const exp_annotations = Object.fromEntries(
          Object.entries(rule.annotations).map(([k, v]) => [
            k,
            v.replace(
              /\{\{\s*\$labels\.(\w+)\s*\}\}/g,
              (_m, l: string) => exp_labels[l as keyof typeof exp_labels] ?? '',
            ),
          ]),
        );
        return { exp_labels, exp_annotations };
      });
  const firstFiring = (firing: (t: number) => boolean) => {
    for (let t = 1; t <= end; t++) if (firing(t)) return t;
    return undefined;
  };
  // Prometheus evaluates the alert group apart from the recording group, so an alert may read the
  // ratios of the previous evaluation: it fires within one interval of the maths. Checked are the
  // minutes where the maths says the same as a minute before, so the answer is not in doubt:
  // the minute before each alert starts, and the first settled minute after.
  const settled = (t: number) => t >= 1 && t <= end && alerts.every((a) => a.firing(t) === a.firing(t - 1));
  const checkAt = new Set<number>([30, 60, 90, 120, end].filter(settled));
  for (const a of alerts) {
    const f = firstFiring(a.firing);
    if (f === undefined) continue;
    if (settled(f - 1)) checkAt.add(f - 1);
    let after = f + 1;
    while (after <= end && !settled(after)) after++;
    expect(after - f, `${a.rule.alert} settles soon after it starts`).toBeLessThanOrEqual(3);
    checkAt.add(after);
  }
  const budget = evaluateBudget(
    eventsOf(slo, s),
    { target, budgetingMethod: 'Occurrences', window: slo.window },
    end * MINUTE - 1,
  );
  // Time slices: the period's budget as pt slo budget counts it, over the rolling window the rules use.
  const objective = slo.objectives[0]!;
  const rolling = parseDuration(formatDurationShort(durationMs(slo.window.duration)))!;
  const sliced = evaluateBudget(
    eventsOf(slo, s),
    {
      target,
      budgetingMethod: slo.budgetingMethod,
      window: { kind: 'rolling', duration: rolling },
      ...(objective.timeSliceTarget === undefined ? {} : { timeSliceTarget: objective.timeSliceTarget }),
      ...(objective.timeSliceWindow === undefined ? {} : { timeSliceWindowMs: durationMs(objective.timeSliceWindow) }),
    },
    end * MINUTE - 1,
  );
  const timesliceTests =
    slo.budgetingMethod === 'Occurrences'
      ? []
      : [
          {
            expr: near(`slo:sli_error:timeslice_ratio${rolling.text}{slo_id="${id}"}`, 1 - sliced.sli!),
            eval_time: `${end}m`,
            exp_samples: [{ value: 1 }],
          },
          {
            expr: near(`slo:period_error_budget_remaining:ratio{slo_id="${id}"}`, sliced.remainingPct / 100),
            eval_time: `${end}m`,
            exp_samples: [{ value: 1 }],
          },
        ];
  const test = {
    rule_files: [rulesPath],
    evaluation_interval: '1m',
    // Without an order promtool evaluates the groups in any order, so a meta recording may read the
    // ratios of this minute or of the one before; in file order, the values at a minute are certain.
    group_eval_order: groupNames,
    tests: [
      {
        interval: '1m',
        input_series: [
          ...caseOf(slo).series(s),
          // Another service's series, which the SLI must not read.
          { series: 'http_requests_total{job="other",code="500"}', values: `0+1000x${end}` },
        ],
        promql_expr_test:
          s.removedAt !== undefined
            ? []
            : [
                // Each window's error ratio is pt slo alerts' bad / total over the same window.
                ...windows.map((w) => {
                  const a =
                    last.alerts.find((x) => formatDurationShort(x.longWindowMs) === w) ??
                    last.alerts.find((x) => formatDurationShort(x.shortWindowMs) === w)!;
                  const counts = formatDurationShort(a.longWindowMs) === w ? a.long : a.short;
                  return {
                    expr: near(`slo:sli_error:ratio_rate${w}{slo_id="${id}"}`, counts.bad / counts.total),
                    eval_time: `${end}m`,
                    exp_samples: [{ value: 1 }],
                  };
                }),
                // The 1h burn rate is pt slo budget's current burn rate.
                {
                  expr: near(
                    `slo:sli_error:ratio_rate1h{slo_id="${id}"} / ${1 - target}`,
                    budget.currentBurnRate ?? Number.NaN,
                  ),
                  eval_time: `${end}m`,
                  exp_samples: [{ value: 1 }],
                },
                ...timesliceTests,
              ],
        alert_rule_test: [...new Set(alertRules.map((r) => r.alert))].flatMap((name) =>
          [...checkAt]
            .sort((a, b) => a - b)
            .map((t) => ({ eval_time: `${t}m`, alertname: name, exp_alerts: expected(name, t) })),
        ),
      },
    ],
  };
  return {
    text: dump(test, { lineWidth: -1, noRefs: true }),
    firesAt: (suffix: string) => {
      const a = alerts.find((x) => x.rule.alert.endsWith(suffix));
      return a === undefined ? undefined : firstFiring(a.firing);
    },
    firstPage: alerts
      .filter((a) => a.rule.labels['severity'] === 'page')
      .map((a) => firstFiring(a.firing))
      .find((f) => f !== undefined),
    ratio1h: budget.currentBurnRate! * (1 - target),
    sliced,
  };
}

describe('promtool test rules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pt-rules-test-'));
  afterAll(() => (process.env.KEEP ? undefined : rmSync(dir, { recursive: true, force: true })));
  const available = toolRuns('promtool');
  const cases = CASES.flatMap(({ slo }) => SCENARIOS.map((s) => [slo.name, s.name, slo, s] as const));

  it.skipIf(skipWithout('promtool', available, 'apt-get install prometheus')).each(cases)(
    '%s, %s series: recorded ratios and alerts agree with pt slo budget/alerts',
    (name, scenario, slo, s) => {
      const minEvents = CASES.find((c) => c.slo === slo)?.minEvents;
      const r = prometheusRules(slo, minEvents === undefined ? {} : { minEvents });
      if (!r.ok) throw new Error(r.message);
      const rulesPath = join(dir, `${name}.rules.yaml`);
      writeFileSync(rulesPath, renderPrometheusRules(r.file));
      const { text, firstPage, ratio1h, firesAt, sliced } = testFile(
        slo,
        r.file.groups.flatMap((g) => g.rules),
        s,
        rulesPath,
        r.file.groups.map((g) => g.name),
      );
      // The fixture means what it says: 10% (50%) errors over the last hour, none when healthy.
      const threshold = slo.objectives[0]!.indicator.kind === 'threshold';
      if (s !== REMOVED) {
        const bad = scenario === 'errors' ? 0.1 : 0.5;
        expect(ratio1h).toBeCloseTo(s === HEALTHY || s === LOW_TRAFFIC ? 0 : threshold ? 1 : bad, 12);
      }
      // Three hours of errors: 180 bad one-minute slices of 6 days' 8,640; a mean slice error of
      // 180 × 10% / 240; 90 bad two-minute slices of 4,320.
      if (scenario === 'errors') {
        const sliceError = {
          'checkout-success': 180 / 8640,
          'checkout-ratio-slices': 0.075,
          'search-latency-slices': 90 / 4320,
        }[name];
        if (sliceError !== undefined) expect(1 - sliced.sli!).toBeCloseTo(sliceError, 12);
      }
      if (scenario === 'outage') expect(firstPage, 'a 50% outage pages').toBeDefined();
      if (s === HEALTHY || s === REMOVED) expect(firstPage).toBeUndefined();
      // One error in a quiet hour pages without the guard, and not with it.
      if (s === LOW_TRAFFIC && name === 'checkout-availability') expect(firstPage).toBeDefined();
      if (s === LOW_TRAFFIC && name === 'checkout-guarded') expect(firstPage).toBeUndefined();
      if (s === REMOVED) {
        const after = (CASES.find((c) => c.slo === slo)?.absentAfter ?? 5) + 10;
        expect(firesAt('SliAbsent'), 'the absent alert fires').toBe(REMOVED.removedAt! + after);
      }
      const testPath = join(dir, `${name}-${scenario}.test.yaml`);
      writeFileSync(testPath, text);
      const run = spawnSync('promtool', ['test', 'rules', testPath], { encoding: 'utf8' });
      // promtool names the failing expression and the value it got.
      if (run.status !== 0) console.log(run.stdout, run.stderr);
      expect(run.error, 'promtool must be installed (Debian package "prometheus")').toBeUndefined();
      expect(`${run.stdout}${run.stderr}`).toContain('SUCCESS');
      expect(run.status).toBe(0);
    },
    // promtool evaluates thousands of points per case; room for a loaded machine (no duration is asserted).
    60_000,
  );
});
