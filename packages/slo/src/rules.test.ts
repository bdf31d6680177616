import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { skipWithout, toolRuns } from '../../../test-env.js';
import { loadOpenSlo, formatOpenSloIssue, type OpenSloFile } from './openslo/load.js';
import type { SloDefinition } from './openslo/model.js';
import { prometheusRules, renderPrometheusRules, sliQueries, type PrometheusRuleFile } from './rules.js';

const ROOT = new URL('../../../', import.meta.url);
const FIXTURES = new URL('../test/fixtures/', import.meta.url);
const readAt = (base: URL, path: string): OpenSloFile => ({
  name: path,
  text: readFileSync(new URL(path, base), 'utf8'),
});

function slosOf(files: OpenSloFile[]): SloDefinition[] {
  const r = loadOpenSlo(files);
  if (!r.ok) throw new Error(r.issues.map(formatOpenSloIssue).join('\n'));
  return [...r.catalog.slos];
}

function rulesOf(slo: SloDefinition): PrometheusRuleFile {
  const r = prometheusRules(slo);
  if (!r.ok) throw new Error(r.message);
  return r.file;
}

/** Every SLO example whose SLI is a Prometheus query: the repo's examples and the OpenSLO go-sdk one. */
const EXAMPLE_SLOS = [
  ...readdirSync(new URL('examples/slo/', ROOT))
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => slosOf([readAt(ROOT, `examples/slo/${f}`)])),
  ...slosOf([readAt(FIXTURES, 'openslo/go-sdk-v1/slos.yaml')]),
  ...slosOf([
    readAt(FIXTURES, 'openslo/go-sdk-v1/slis.yaml'),
    readAt(FIXTURES, 'openslo/go-sdk-v1/data_sources.yaml'),
    {
      name: 'wifi-slo.yaml',
      text: `apiVersion: openslo/v1
kind: SLO
metadata: { name: wifi-satisfaction }
spec:
  service: home-wifi
  indicatorRef: wifi-client-satisfaction
  timeWindow: [{ duration: 7d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.95 }]
`,
    },
  ]),
];

const SLOTH_SPEC = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: requests-availability
spec:
  service: myservice
  indicator:
    metadata: { name: requests-errors }
    spec:
      ratioMetric:
        bad:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))
        total:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(http_request_duration_seconds_count{job="myservice"}[{{.window}}]))
  timeWindow: [{ duration: 30d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ targetPercent: 99.9 }]
`;

interface Rule {
  record?: string;
  alert?: string;
  expr: string;
  labels?: Record<string, string>;
}

/** (window, factor, budget) of every burn-rate term of an alert expression. */
function terms(expr: string): [string, number, number][] {
  return [...expr.matchAll(/ratio_rate(\w+)\{[^}]*\} > \(([\d.]+) \* ([\d.e-]+)\)/g)].map((m) => [
    m[1] ?? '',
    Number(m[2]),
    Number(m[3]),
  ]);
}

describe('prometheusRules', () => {
  it('under --naming sloth, matches Sloth’s own output for its getting-started example', () => {
    const sloth = load(readFileSync(new URL('sloth/_gen/getting-started.yml', FIXTURES), 'utf8')) as {
      groups: { name: string; rules: (Rule & { annotations?: Record<string, string> })[] }[];
    };
    // The spec's labels, and the one Sloth's example generator adds.
    const labels = { cmd: 'examplesgen.sh', owner: 'myteam', repo: 'myorg/myservice', tier: '2' };
    const r = prometheusRules(slosOf([{ name: 'sloth.yaml', text: SLOTH_SPEC }])[0]!, { naming: 'sloth', labels });
    if (!r.ok) throw new Error(r.message);
    const ours = r.file as unknown as typeof sloth;
    expect(ours.groups.map((g) => g.name)).toEqual(sloth.groups.map((g) => g.name));
    const [sli, meta, alerts] = ours.groups;
    const [slothSli, slothMeta, slothAlerts] = sloth.groups;
    // Same error-ratio recordings: names, labels, windows and PromQL.
    expect(sli!.rules).toEqual(slothSli!.rules);
    // Same meta recordings and labels; the info metric says its mode, spec and version as Sloth's
    // does (Sloth read a prometheus/v1 spec on its command line, pt an OpenSLO one).
    expect(meta!.rules.map((x) => [x.record, x.labels])).toEqual(
      slothMeta!.rules.map((x) => [
        x.record,
        x.record === 'sloth_slo_info'
          ? {
              ...x.labels,
              ...labels,
              slo_budgeting_method: 'Occurrences',
              sloth_mode: 'cli-gen-openslo',
              sloth_spec: 'openslo/v1',
              sloth_version: 'pt',
            }
          : { ...x.labels, ...labels },
      ]),
    );
    expect(Object.keys(slothMeta!.rules.at(-1)!.labels!)).toEqual(
      expect.arrayContaining(['sloth_mode', 'sloth_spec', 'sloth_version']),
    );
    // Every meta expression but Sloth's float noise (0.9990000000000001, 1-0.999…) is the same.
    meta!.rules.forEach((x, i) => {
      const theirs = slothMeta!.rules[i]!.expr.replace(/\s+/g, ' ').trim();
      if (/^vector\(1?-?0\.99/.test(theirs)) return;
      expect(x.expr.replace(/\s+/g, ' ').trim()).toBe(theirs);
    });
    // The two burn-rate alerts: same windows, factors, severities, expressions up to the budget's float noise, titles.
    const burn = alerts!.rules.filter((x) => x.alert?.endsWith('ErrorBudgetBurn'));
    const budgetNoise = (e: string) =>
      e.replace(
        /\(([\d.]+) \* ([\d.e-]+)\)/g,
        (_m, f: string, b: string) => `(${f} * ${Number(Number(b).toPrecision(12))})`,
      );
    expect(burn.map((x) => budgetNoise(x.expr))).toEqual(slothAlerts!.rules.map((x) => budgetNoise(x.expr)));
    expect(burn.map((x) => x.labels?.['sloth_severity'])).toEqual(['page', 'ticket']);
    expect(burn.map((x) => (x as { annotations?: Record<string, string> }).annotations?.['title'])).toEqual(
      slothAlerts!.rules.map((x) => x.annotations?.['title']),
    );
  });

  it('puts the Service’s and SLO’s OpenSLO labels, then --label, on every rule, and the runbook they name on every alert', () => {
    const service = `apiVersion: openslo/v1
kind: Service
metadata:
  name: myservice
  labels: { team: [payments, web], tier: '1' }
  annotations: { runbook_url: https://runbooks.example.com/myservice }
spec: {}
---
`;
    const text = SLOTH_SPEC.replace(
      'name: requests-availability',
      'name: requests-availability\n  labels: { tier: "2", app.kubernetes.io/name: shop, slo_name: x }',
    );
    const slo = slosOf([{ name: 'labelled.yaml', text: service + text }])[0]!;
    const r = prometheusRules(slo, { labels: { env: 'prod', tier: '3' }, runbookUrl: 'https://wiki.example.com/slo' });
    if (!r.ok) throw new Error(r.message);
    const rules = r.file.groups.flatMap((g) => g.rules) as (Rule & { annotations?: Record<string, string> })[];
    for (const rule of rules) {
      expect(rule.labels, rule.record ?? rule.alert).toMatchObject({
        team: 'payments,web',
        tier: '3',
        app_kubernetes_io_name: 'shop',
        env: 'prod',
      });
    }
    expect(rules.find((x) => x.record !== undefined)?.labels?.['slo_name']).toBe('requests-availability');
    for (const alert of rules.filter((x) => x.alert !== undefined)) {
      expect(alert.annotations?.['runbook_url']).toBe('https://runbooks.example.com/myservice');
    }
    expect(r.notes).toEqual([
      'SLO "requests-availability": label "slo_name" (metadata.labels) is not written: pt sets slo_name itself',
      'SLO "requests-availability": its own runbook URL (https://runbooks.example.com/myservice) is used instead of --runbook',
    ]);
  });

  it('records the period’s budget in time slices and says the calendar month is 30 rolling days', () => {
    const slo = EXAMPLE_SLOS.find((s) => s.name === 'checkout-success')!;
    const r = prometheusRules(slo);
    if (!r.ok) throw new Error(r.message);
    const rules = r.file.groups.flatMap((g) => g.rules) as Rule[];
    expect(rules.find((x) => x.record === 'slo:sli_error:timeslice_ratio30d')?.expr).toBe(
      'sum_over_time((slo:timeslice_error:ratio{slo_id="checkout-checkout-success", slo_service="checkout", slo_name="checkout-success"} > bool 0.05)[29d23h59m30s:1m])\n/ 43200\n',
    );
    expect(rules.find((x) => x.record === 'slo:period_burn_rate:ratio')?.expr).toMatch(
      /^slo:sli_error:timeslice_ratio30d/,
    );
    expect(r.notes.join('\n')).toContain(
      'calendar window 1M (Europe/Paris): the rules use a rolling 30d window (a month counted as 30 days)',
    );
  });

  it('rescales the factors to the SLO period (28 days: 13.44, 5.6, 2.8, 0.933…)', () => {
    const latency = EXAMPLE_SLOS.find((s) => s.name === 'api-gateway-latency')!;
    const file = rulesOf(latency);
    const alerts = file.groups[2]!.rules as Rule[];
    expect(alerts.flatMap((r) => terms(r.expr).map(([w, f]) => [w, f]))).toEqual([
      ['5m', 13.44],
      ['1h', 13.44],
      ['30m', 5.6],
      ['6h', 5.6],
      ['2h', 2.8],
      ['1d', 2.8],
      ['6h', 0.933333333333],
      ['3d', 0.933333333333],
    ]);
    // `sum(counter)` without a {{.window}} template is read as the sum of the counters' increases;
    // good/total becomes 1 - good/total.
    expect((file.groups[0]!.rules[0] as Rule).expr).toContain(
      '1 - (\n(sum(increase(http_request_duration_seconds_bucket{job="api-gateway",le="0.3"}[5m])))',
    );
    expect((file.groups[0]!.rules.at(-1) as Rule).record).toBe('slo:sli_error:ratio_rate28d');
  });

  it.each([
    [
      'a thresholdMetric SLI of another source',
      readAt(FIXTURES, 'openslo/spec-examples/budgeting-method/occurences-slo.yaml'),
      'SLO "search-slo": the SLI\'s threshold metric source is Any, not Prometheus',
    ],
    [
      'a thresholdMetric query with a {{.window}} template',
      {
        name: 'p99.yaml',
        text: readFileSync(new URL('openslo/spec-examples/budgeting-method/occurences-slo.yaml', FIXTURES), 'utf8')
          .replace('type: Any # Any service with needed metrics.', 'type: Prometheus')
          .replace(
            'query: Any',
            "query: 'histogram_quantile(0.99, sum by (le) (rate(search_seconds_bucket[{{.window}}])))'",
          ),
      },
      'SLO "search-slo": a thresholdMetric query is sampled as written, once a minute: give it its own range (e.g. rate(x[5m])) instead of {{.window}}',
    ],
    [
      'a non-Prometheus source',
      readAt(FIXTURES, 'openslo/spec-examples/budgeting-method/ratio-timeslices.yaml'),
      'SLO "main-page": the SLI\'s good metric source is Any, not Prometheus',
    ],
  ])('refuses %s with a reason', (_what, file, message) => {
    const r = prometheusRules(slosOf([file])[0]!);
    expect(r).toEqual({ ok: false, code: 'E_RULES', message });
  });

  describe('promtool check rules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pt-rules-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const available = toolRuns('promtool');
    // CI installs promtool (.ci/run): there, a missing one fails each case, by name, not a skip.
    it
      .skipIf(skipWithout('promtool', available, 'apt-get install prometheus'))
      .each(EXAMPLE_SLOS.map((s) => [s.name, s] as const))('accepts the rules of %s', (name, slo) => {
      const path = join(dir, `${name}.rules.yaml`);
      writeFileSync(path, renderPrometheusRules(rulesOf(slo)));
      const run = spawnSync('promtool', ['check', 'rules', path], { encoding: 'utf8' });
      expect(run.error, 'promtool must be installed (Debian package "prometheus")').toBeUndefined();
      expect(`${run.stdout}${run.stderr}`).toContain('SUCCESS');
      expect(run.status).toBe(0);
    });
  });
});

describe('sliQueries', () => {
  const api = slosOf([readAt(ROOT, 'examples/slo/api-gateway.yaml')]);
  const indicatorOf = (name: string) => {
    const indicator = api.find((s) => s.name === name)?.objectives[0]?.indicator;
    if (indicator === undefined) throw new Error(`no SLO ${name}`);
    return indicator;
  };

  it.each([
    [
      'api-gateway-availability',
      {
        ok: true,
        form: 'bad',
        counter: true,
        numerator: 'sum(rate(http_requests_total{job="api-gateway",code=~"5.."}[{{.window}}]))',
        total: 'sum(rate(http_requests_total{job="api-gateway"}[{{.window}}]))',
        templated: true,
      },
    ],
    [
      'api-gateway-latency',
      {
        ok: true,
        form: 'good',
        counter: true,
        numerator: 'sum(http_request_duration_seconds_bucket{job="api-gateway",le="0.3"})',
        total: 'sum(http_request_duration_seconds_count{job="api-gateway"})',
        templated: false,
      },
    ],
  ])('%s: the queries the rules use', (name, expected) => {
    expect(sliQueries(indicatorOf(name))).toEqual(expected);
  });

  it('a non-Prometheus source has no queries', () => {
    const indicator = indicatorOf('api-gateway-latency');
    if (indicator.kind !== 'ratio') throw new Error('ratio expected');
    const r = sliQueries({ ...indicator, numerator: { type: 'Datadog', spec: { query: 'x' } } });
    expect(r).toEqual({ ok: false, message: "the SLI's good metric source is Datadog, not Prometheus" });
  });
});
