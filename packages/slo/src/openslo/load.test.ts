import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatOpenSloIssue, loadOpenSlo, type OpenSloLoadResult } from './load.js';

const FIXTURES = new URL('../../test/fixtures/openslo/', import.meta.url);
const read = (path: string) => ({ name: path, text: readFileSync(new URL(path, FIXTURES), 'utf8') });
const lines = (r: OpenSloLoadResult) => (r.ok ? r.warnings : r.issues).map(formatOpenSloIssue);

const GO = [
  'alert_conditions',
  'alert_notification_targets',
  'alert_policies',
  'data_sources',
  'services',
  'slis',
  'slos',
];

describe('every shared OpenSLO example loads or is rejected with a precise reason', () => {
  it.each([
    ['go-sdk-v1/alert_conditions.yaml', true, []],
    ['go-sdk-v1/alert_notification_targets.yaml', true, []],
    ['go-sdk-v1/data_sources.yaml', true, []],
    [
      'go-sdk-v1/services.yaml',
      false,
      [
        'go-sdk-v1/services.yaml:24 (document 1) [1].metadata.name: Service "example-service" is already defined in go-sdk-v1/services.yaml (document 1)',
      ],
    ],
    [
      'go-sdk-v1/slos.yaml',
      true,
      [
        'go-sdk-v1/slos.yaml:40 (document 1) [0].spec.objectives[0].op: warning: op and value apply to thresholdMetric SLIs only; ignored for this ratioMetric',
      ],
    ],
    ['spec-examples/budgeting-method/occurences-slo.yaml', true, []],
    [
      'spec-examples/budgeting-method/ratio-timeslices.yaml',
      true,
      [
        'spec-examples/budgeting-method/ratio-timeslices.yaml:32 (document 1) spec.objectives[0].op: warning: op and value apply to thresholdMetric SLIs only; ignored for this ratioMetric',
      ],
    ],
    [
      'spec-examples/budgeting-method/timeslices-slo.yaml',
      true,
      [
        'spec-examples/budgeting-method/timeslices-slo.yaml:27 (document 1) spec.timeWindow[0].duration: warning: a calendar window of 1m is shorter than a day (m is minutes; a month is 1M)',
        'spec-examples/budgeting-method/timeslices-slo.yaml:35 (document 1) spec.objectives[0].op: warning: op and value apply to thresholdMetric SLIs only; ignored for this ratioMetric',
      ],
    ],
    [
      'spec-examples/treat-low-traffic-as-equally-important/timeslices-slo.yaml',
      true,
      [
        'spec-examples/treat-low-traffic-as-equally-important/timeslices-slo.yaml:33 (document 1) spec.objectives[0].op: warning: op and value apply to thresholdMetric SLIs only; ignored for this ratioMetric',
      ],
    ],
  ])('%s: ok %s', (file, ok, expected) => {
    const result = loadOpenSlo([read(file)]);
    expect(result.ok).toBe(ok);
    expect(lines(result)).toEqual(expected);
  });

  it('alert_policies.yaml alone: its references are unresolved; with the conditions, only the missing targets remain', () => {
    const alone = loadOpenSlo([read('go-sdk-v1/alert_policies.yaml')]);
    expect(alone.ok).toBe(false);
    expect(lines(alone)).toHaveLength(4);
    const together = loadOpenSlo([read('go-sdk-v1/alert_policies.yaml'), read('go-sdk-v1/alert_conditions.yaml')]);
    expect(lines(together)).toEqual([
      'go-sdk-v1/alert_policies.yaml:18 (document 1) [0].spec.notificationTargets[0].targetRef: no AlertNotificationTarget named "on-call-mail-notification" is loaded',
      'go-sdk-v1/alert_policies.yaml:50 (document 1) [1].spec.notificationTargets[0].targetRef: no AlertNotificationTarget named "on-call-pd-notification" is loaded',
    ]);
  });

  it('slis.yaml: unresolved data sources are warnings; with data_sources.yaml one of them resolves', () => {
    const alone = loadOpenSlo([read('go-sdk-v1/slis.yaml')]);
    expect(alone.ok).toBe(true);
    expect(lines(alone)).toHaveLength(6);
    const withSources = loadOpenSlo([read('go-sdk-v1/slis.yaml'), read('go-sdk-v1/data_sources.yaml')]);
    expect(lines(withSources)).toHaveLength(5);
    expect(lines(withSources).join('\n')).not.toContain('"prometheus"');
    if (withSources.ok)
      expect(withSources.catalog.names.SLI).toEqual([
        'search-availability',
        'end-user-response',
        'wifi-client-satisfaction',
        'annotator-throughput',
      ]);
  });

  it('the whole go-sdk set together is rejected only for its own clashes and dangling references', () => {
    const result = loadOpenSlo(GO.map((f) => read(`go-sdk-v1/${f}.yaml`)));
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.issues.filter((i) => i.severity === 'error');
    expect(errors.map((e) => e.code)).toEqual(['E_REFERENCE', 'E_REFERENCE', 'E_DUPLICATE']);
  });

  it('normalises the SLOs: inline SLIs, windows, targets, time slices', () => {
    const result = loadOpenSlo([
      read('go-sdk-v1/slos.yaml'),
      read('spec-examples/budgeting-method/occurences-slo.yaml'),
    ]);
    if (!result.ok) throw new Error(lines(result).join('\n'));
    const [web, search] = result.catalog.slos;
    expect(web?.service).toBe('web');
    expect(web?.budgetingMethod).toBe('Timeslices');
    expect(web?.window).toEqual({
      kind: 'calendar',
      duration: { amount: 1, unit: 'w', text: '1w' },
      startTime: { year: 2022, month: 1, day: 1, hour: 12, minute: 0, second: 0 },
      timeZone: 'America/New_York',
    });
    expect(web?.objectives[0]).toMatchObject({ target: 0.995, timeSliceTarget: 0.95, timeSliceWindow: { text: '1m' } });
    expect(web?.objectives[0]?.indicator).toMatchObject({ kind: 'ratio', form: 'good', counter: true });
    expect(search?.objectives[0]).toMatchObject({
      target: 0.99,
      op: 'lt',
      value: 500,
      indicator: { kind: 'threshold' },
    });
    expect(search?.window).toEqual({ kind: 'rolling', duration: { amount: 2, unit: 'w', text: '2w' } });
    expect(search?.source).toEqual({ file: 'spec-examples/budgeting-method/occurences-slo.yaml', document: 1 });
  });
});

const SLI = `apiVersion: openslo/v1
kind: SLI
metadata:
  name: availability-sli
spec:
  ratioMetric:
    counter: true
    bad:
      metricSource:
        type: Prometheus
        spec:
          query: sum(http_requests_total{code=~"5.."})
    total:
      metricSource:
        type: Prometheus
        spec:
          query: sum(http_requests_total)
`;

const slo = (extra: string) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: api-availability
spec:
  service: api
  indicatorRef: availability-sli
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
${extra}`;

describe('located errors in multi-document files', () => {
  it('resolves indicatorRef across documents and converts targetPercent', () => {
    const result = loadOpenSlo([{ name: 'multi.yaml', text: `${SLI}---\n${slo('    - targetPercent: 99.9\n')}` }]);
    if (!result.ok) throw new Error(lines(result).join('\n'));
    expect(result.catalog.slos[0]?.objectives[0]?.target).toBeCloseTo(0.999, 12);
    expect(result.catalog.slos[0]?.objectives[0]?.indicator).toMatchObject({
      kind: 'ratio',
      form: 'bad',
      name: 'availability-sli',
    });
    expect(result.catalog.slos[0]?.source.document).toBe(2);
  });

  it.each([
    [
      '    - target: 0.999\n      targetPercent: 99.9\n',
      'multi.yaml:31 (document 2) spec.objectives[0]: needs exactly one of target (0-1) or targetPercent (0-100)',
    ],
    ['    - target: 99.9\n', 'multi.yaml:31 (document 2) spec.objectives[0].target: must be <= 1, got 99.9'],
    ['    - target: 0.99\n      tagret: 1\n', 'multi.yaml:32 (document 2) spec.objectives[0].tagret: unknown key'],
    [
      '    - target: 0.99\n      timeSliceWindow: 1m\n',
      'multi.yaml:31 (document 2) spec.objectives[0]: timeSliceTarget/timeSliceWindow only apply to Timeslices and RatioTimeslices budgeting',
    ],
  ])('%j → %s', (objectives, expected) => {
    const result = loadOpenSlo([{ name: 'multi.yaml', text: `${SLI}---\n${slo(objectives)}` }]);
    expect(result.ok).toBe(false);
    expect(lines(result)).toEqual([expected]);
  });

  it.each([
    [
      'apiVersion: openslo/v1alpha\nkind: SLO\n',
      'x.yaml:1 (document 1) apiVersion: must be "openslo/v1", got "openslo/v1alpha" (only OpenSLO v1 is read)',
    ],
    [
      'apiVersion: openslo/v1\nkind: Slo\n',
      'x.yaml:2 (document 1) kind: must be one of Service, SLO, SLI, DataSource, AlertPolicy, AlertCondition, AlertNotificationTarget, got "Slo"',
    ],
    ['a: [1\n', 'x.yaml:2 (document 1): YAML syntax error: deficient indentation'],
    [
      '--- 42\n',
      'x.yaml:1 (document 1): must be an OpenSLO object (a mapping with apiVersion, kind, metadata, spec), got 42',
    ],
    [
      `${SLI}---\n${SLI}`,
      'x.yaml:22 (document 2) metadata.name: SLI "availability-sli" is already defined in x.yaml (document 1)',
    ],
    [slo('    - target: 0.9\n'), 'x.yaml:7 (document 1) spec.indicatorRef: no SLI named "availability-sli" is loaded'],
    [
      slo('    - target: 0.9\n').replace('isRolling: true', 'isRolling: false'),
      'x.yaml:9 (document 1) spec.timeWindow[0].calendar: is required when isRolling is false',
    ],
    [
      slo('    - target: 0.9\n').replace('30d', '1M'),
      'x.yaml:9 (document 1) spec.timeWindow[0].duration: a rolling window needs a fixed length (s, m, h, d, w), e.g. 30d or 4w; "1M" is a calendar unit',
    ],
  ])('%j → %s', (text, expected) => {
    const result = loadOpenSlo([{ name: 'x.yaml', text }]);
    expect(result.ok).toBe(false);
    expect(lines(result)).toEqual([expected]);
  });

  it('refuses alias bombs', () => {
    let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 8; i++)
      text += `a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]\n`;
    const result = loadOpenSlo([{ name: 'bomb.yaml', text }]);
    expect(result.ok).toBe(false);
    expect(lines(result)[0]).toContain('YAML aliases expand beyond');
  });
});

describe('bad input never throws', () => {
  it('arbitrary text and arbitrary YAML values are reported, not thrown', async () => {
    const fc = (await import('fast-check')).default;
    const { dump } = await import('js-yaml');
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const r = loadOpenSlo([{ name: 'x.yaml', text }]);
        expect(typeof r.ok).toBe('boolean');
      }),
    );
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 6 }),
        fc.constantFrom('SLO', 'SLI', 'AlertPolicy', 'Service'),
        (spec, kind) => {
          const text = dump({ apiVersion: 'openslo/v1', kind, metadata: { name: 'a' }, spec });
          const r = loadOpenSlo([{ name: 'x.yaml', text }]);
          if (!r.ok) for (const i of r.issues) expect(i.message.length).toBeGreaterThan(0);
        },
      ),
    );
  });

  it.each(['', '# only a comment\n', '---\n---\n'])(
    'a file with no OpenSLO object (%j) is an error, not "valid"',
    (text) => {
      const r = loadOpenSlo([{ name: 'empty.yaml', text }]);
      expect(r.ok).toBe(false);
      expect(lines(r)).toEqual([
        'empty.yaml (document 1): the file is empty; expected OpenSLO objects (apiVersion: openslo/v1, kind, metadata, spec)',
      ]);
    },
  );

  it('deep nesting is an error, not a crash', () => {
    const r = loadOpenSlo([{ name: 'deep.yaml', text: `${'['.repeat(5000)}${']'.repeat(5000)}` }]);
    expect(r.ok).toBe(false);
  });
});
