/**
 * `pt dora` and `pt report --events`: DORA metrics and reliability from event files, run
 * through the built binary.
 */
import { describe, expect } from 'vitest';
import { EXAMPLE_YAML, expectNoCrash, expectUsageError, itWithDir as it, runPt } from './run-cli.js';

const AT = ['--at', '2026-11-28T00:00:00Z'];
const EVENTS = '../../examples/events/events.jsonl';
const INCIDENTS = '../../examples/events/incidents.csv';

/** Hand-computed: a 7-day window ending 2026-11-08T00:00Z. */
const SMALL = [
  '{"type":"change","id":"c1","service":"api","time":"2026-11-03T10:00:00+02:00"}',
  '{"type":"change","id":"c2","service":"api","time":"2026-11-03T08:00:00Z"}',
  '{"type":"deployment","id":"d1","service":"api","time":"2026-11-03T12:00:00Z","status":"success","changes":["c1","c2"]}',
  '{"type":"deployment","id":"d2","service":"api","time":"2026-11-04T12:00:00Z","status":"rolled-back","unplanned":true}',
  '{"type":"deployment","id":"d3","service":"web","time":"2026-11-01T12:00:00Z","status":"success","team":"shop"}',
  '',
].join('\n');
const SMALL_INCIDENTS =
  'type,id,service,start,resolved,severity\nincident,i1,api,2026-11-05T10:00:00+01:00,2026-11-05T09:30:00Z,sev2\n';

describe.concurrent('pt dora', () => {
  it('computes each metric as hand-computed, JSON', async ({ dir }) => {
    dir.file('e.jsonl', SMALL);
    dir.file('i.csv', SMALL_INCIDENTS);
    const r = await runPt(
      ['dora', 'e.jsonl', 'i.csv', '--window', '7d', '--at', '2026-11-08T00:00:00Z', '-f', 'json'],
      {
        cwd: dir.path,
      },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { groups: { name: string }[]; window: unknown };
    expect(report.window).toEqual({ start: '2026-11-01T00:00:00Z', end: '2026-11-08T00:00:00Z', days: 7 });
    expect(report.groups[0]).toEqual({
      name: 'api',
      events: 5,
      level: 'low',
      // 2 deployments in 7 days
      deploymentFrequency: { deployments: 2, perDay: 0.286, perWeek: 2, bucket: 'daily-weekly', level: 'high' },
      // c1 at 08:00Z and c2 at 08:00Z, both shipped at 12:00Z: 4 h each
      leadTime: { changes: 2, medianHours: 4, p90Hours: 4, level: 'elite' },
      // d2 rolled back: 1 of 2
      changeFailureRate: { deployments: 2, failed: 1, ratePct: 50, level: 'low' },
      // 09:00Z to 09:30Z
      timeToRestore: { incidents: 1, medianMinutes: 30 },
      // d2 rolled back and no successful api deployment after it
      failedDeploymentRecoveryTime: null,
      reworkRate: { deployments: 2, unplanned: 1, ratePct: 50 },
      notes: { unknownChanges: 0, changesAfterDeployment: 0, openIncidents: 0, unrecoveredDeployments: 1 },
    });
    expect(report.groups[1]).toMatchObject({ name: 'web', leadTime: null, timeToRestore: null });
  });

  it('groups by team from the events, reporting events without a team', async ({ dir }) => {
    dir.file('e.jsonl', SMALL);
    const r = await runPt(['dora', 'e.jsonl', '--window', '7d', '--at', '2026-11-08T00:00:00Z', '--by', 'team'], {
      cwd: dir.path,
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('pt: warning: 4 events not counted (no team): api (4)\n');
    expect(r.stdout).toMatch(/^shop +high +/m);
    expect(r.stdout).toContain('Not counted: 4 events of events without a team: api (4)');
  });

  it("groups the example events by the fleet's teams and reports services the fleet lacks", async () => {
    const r = await runPt(['dora', EVENTS, INCIDENTS, ...AT, '--by', 'team', '--fleet', EXAMPLE_YAML]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('pt: warning: 1 event not counted (service not in the fleet): billing (1)\n');
    expect(r.stdout.split('\n')[0]).toBe(
      'DORA metrics by team, 2026-10-29T00:00:00Z to 2026-11-28T00:00:00Z (30 days)',
    );
    expect(r.stdout).toMatch(/^TEAM +LEVEL +DEPLOYS +LEAD TIME p50 \/ p90 +CFR +RECOVERY +RESTORE +REWORK$/m);
    for (const team of ['payments', 'platform', 'storefront']) expect(r.stdout).toMatch(new RegExp(`^${team} `, 'm'));
  });

  it('says "no data", not 0, for an empty window', async ({ dir }) => {
    dir.file('e.jsonl', SMALL);
    const r = await runPt(['dora', 'e.jsonl', '--at', '2020-01-01T00:00:00Z', '-f', 'markdown'], { cwd: dir.path });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('| api | no data | no data | no data | no data | no data | no data | no data |');
  });

  it('locates every problem in every file, then exits 2', async ({ dir }) => {
    dir.file('a.jsonl', '{"type":"change","id":"c","service":"s","time":"2026-11-01T10:00:00"}\n\nnot json\n');
    dir.file('b.csv', 'type,id,service,time,status\ndeployment,d,s,2026-11-01T10:00:00Z,done\n');
    const r = await runPt(['dora', 'a.jsonl', 'b.csv', ...AT], { cwd: dir.path });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expectNoCrash(r);
    expect(r.stderr.split('\n')).toEqual([
      'a.jsonl:1 time: must be an ISO 8601 time with an offset (e.g. 2026-11-02T10:00:00Z or …+01:00), got "2026-11-01T10:00:00"',
      expect.stringMatching(/^a\.jsonl:3: not valid JSON \(/) as string,
      'b.csv:2 status: must be "success" or "failed" or "rolled-back", got "done"',
      'pt: the event input is not valid (3 problems)',
      '',
    ]);
  });

  it('reports an id repeated across files, and a file given twice', async ({ dir }) => {
    const line = '{"type":"change","id":"c","service":"s","time":"2026-11-01T10:00:00Z"}\n';
    dir.file('a.jsonl', line);
    dir.file('b.jsonl', line);
    const r = await runPt(['dora', 'a.jsonl', 'b.jsonl', ...AT], { cwd: dir.path });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'b.jsonl: duplicate change id "c" (also in a.jsonl)\npt: the event input is not valid (1 problem)\n',
    );
    const twice = await runPt(['dora', 'a.jsonl', 'a.jsonl', ...AT], { cwd: dir.path });
    expect(twice.status).toBe(2);
    expect(twice.stderr).toBe('pt: a.jsonl is given more than once\n');
  });

  it.each([
    [['dora', EVENTS, '--window', '30x'], '--window must be a number and m, h, d or w (e.g. 30d); got "30x"'],
    [
      ['dora', EVENTS, '--at', '2026-11-28T00:00:00'],
      '--at must be a date (2026-11-28), an ISO 8601 time with an offset (2026-11-28T12:00:00Z) or epoch seconds (1795824000); got "2026-11-28T00:00:00"',
    ],
    [['dora', EVENTS, '--by', 'org'], '--by must be one of service, team; got "org"'],
  ])('pt %j is a usage error', async (args, message) => {
    const r = await runPt(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe(`pt: ${message}`);
  });
});

describe.concurrent('pt report --events', () => {
  it('fills reliability from events and marks the scores that came from them', async () => {
    const r = await runPt(['report', EXAMPLE_YAML, '--events', EVENTS, '--events', INCIDENTS, ...AT]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('pt: warning: 1 event not counted (service not in the fleet): billing (1)\n');
    expect(r.stdout).toMatch(/^ {2}api-gateway +healthy +85\* /m);
    expect(r.stdout).toMatch(/^ {2}notifications +degraded +20 /m); // no events: the fleet's section
    expect(r.stdout).toContain('* reliability from events, 2026-10-29T00:00:00Z to 2026-11-28T00:00:00Z');
  });

  it('adds the dora key (JSON) only to services whose reliability came from events', async () => {
    const r = await runPt(['report', EXAMPLE_YAML, '--events', `${EVENTS},${INCIDENTS}`, ...AT, '-f', 'json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { services: { name: string; dora?: { source: string; trend?: { periods: unknown[] } } }[] };
    expect(report.services.filter((s) => s.dora !== undefined).map((s) => s.name)).toEqual([
      'api-gateway',
      'auth',
      'search-indexer',
      'payments',
      'ledger',
      'checkout',
    ]);
    // api-gateway: one 8-minute incident in 30 days, no failed deployment out of 24.
    expect(report.services[0]?.dora).toEqual({
      source: 'events',
      window: { start: '2026-10-29T00:00:00Z', end: '2026-11-28T00:00:00Z' },
      uptimePct: 99.981,
      mttrMinutes: 8,
      incidents30d: 1,
      changeFailureRatePct: 0,
      deployments: 24,
      resolvedIncidents: 1,
      downtimeMinutes: 8,
      level: 'high',
      // the last 6 weeks (the default --trend) ending at the window end
      trend: { every: 'week', periods: expect.any(Array) as unknown },
    });
    const trend = report.services[0]?.dora?.trend;
    expect(trend?.periods).toHaveLength(6);
    expect(trend?.periods[5]).toMatchObject({ end: '2026-11-28T00:00:00Z', start: '2026-11-21T00:00:00Z' });
  });

  it('leaves the default report byte-identical', async () => {
    const [plain, withNothing] = await Promise.all([
      runPt(['report', EXAMPLE_YAML]),
      runPt(['report', EXAMPLE_YAML, '--max-input-mb', '512']),
    ]);
    expect(withNothing.stdout).toBe(plain.stdout);
    expect(plain.stdout).not.toContain('reliability from events');
  });

  it('--window without --events is a usage error', async () => {
    expectUsageError(
      await runPt(['report', EXAMPLE_YAML, '--window', '7d']),
      '--window needs --events',
      "Run 'pt report --help' for usage.",
    );
  });
});
