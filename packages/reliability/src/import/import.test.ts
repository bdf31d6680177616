import { describe, expect, it } from 'vitest';
import { flattenRecords, jsonDocuments } from './documents.js';
import { githubEvents, type SourceRecord } from './github.js';
import { fieldAt, opsgenieEvents, pagerdutyEvents } from './incidents.js';

const API = 'https://api.github.com/repos/o/shop';
const deployment = (id: number, created: string, environment = 'production') => ({
  id,
  sha: 'abc',
  ref: 'main',
  environment,
  created_at: created,
  repository_url: API,
  statuses_url: `${API}/deployments/${id}/statuses`,
});
const status = (id: number, dep: number, state: string, at: string) => ({
  id,
  state,
  created_at: at,
  deployment_url: `${API}/deployments/${dep}`,
});
const pull = (n: number, merged: string | null, head: string) => ({
  number: n,
  url: `${API}/pulls/${n}`,
  created_at: '2026-11-01T00:00:00Z',
  merged_at: merged,
  merge_commit_sha: `m${n}`,
  head: { sha: head },
});
const commit = (sha: string, date: string, parent: string) => ({
  sha,
  url: `${API}/commits/${sha}`,
  commit: { author: { date }, committer: { date } },
  parents: [{ sha: parent }],
});
const records = (...values: unknown[]): SourceRecord[] => values.map((value) => ({ source: 'f.json', value }));

describe('jsonDocuments', () => {
  it.each([
    ['one array', '[1, 2]', [[1, 2]]],
    ['pages one after another', '[1]\n[2, 3]\n', [[1], [2, 3]]],
    ['objects and strings with brackets', '{"a": "]["}{"b": 1}', [{ a: '][' }, { b: 1 }]],
    ['nothing', '  \n', []],
  ])('%s', (_, text, values) => {
    expect(jsonDocuments(text, 'f.json')).toEqual({ ok: true, values });
  });

  it('locates an error in the whole file, and refuses duplicate keys', () => {
    const broken = jsonDocuments('[1]\n[2,\n', 'f.json');
    expect(broken.ok ? undefined : [broken.issue.line, broken.issue.message]).toEqual([
      3,
      expect.stringMatching(/JSON syntax error/),
    ]);
    const dup = jsonDocuments('{"a": 1, "a": 2}', 'f.json');
    expect(dup.ok ? '' : dup.issue.message).toContain('duplicate key "a"');
  });

  it('flattens pages and --slurp arrays of pages into records', () => {
    expect(flattenRecords([[{ a: 1 }], [[{ b: 2 }], [{ c: 3 }]], { d: 4 }])).toEqual([
      { a: 1 },
      { b: 2 },
      { c: 3 },
      { d: 4 },
    ]);
  });
});

describe('githubEvents', () => {
  it('takes the latest success/failure/error status; failed deployments ship nothing', () => {
    const result = githubEvents(
      records(
        deployment(1, '2026-11-02T10:00:00Z'),
        deployment(2, '2026-11-03T10:00:00Z'),
        deployment(3, '2026-11-04T10:00:00Z'),
        status(11, 1, 'success', '2026-11-02T10:10:00Z'),
        status(12, 1, 'inactive', '2026-11-03T10:10:00Z'),
        status(21, 2, 'success', '2026-11-03T10:05:00Z'),
        status(22, 2, 'error', '2026-11-03T10:20:00Z'),
        status(31, 3, 'success', '2026-11-04T10:10:00Z'),
        pull(7, '2026-11-02T12:00:00Z', 'c2'),
        commit('c1', '2026-11-02T08:00:00Z', 'base'),
        commit('c2', '2026-11-02T09:00:00Z', 'c1'),
      ),
    );
    expect(result.skipped).toEqual([]);
    const deployments = result.events.filter((e) => e.type === 'deployment');
    expect(deployments.map((d) => [d.id, d.status, 'changes' in d ? d.changes : undefined])).toEqual([
      ['1', 'success', undefined], // #7 merged after 1 was created
      ['2', 'failed', undefined], // error after success: the latest wins
      ['3', 'success', ['c2', 'c1']],
    ]);
    expect(result.events.filter((e) => e.type === 'change').map((e) => [e.id, e.service])).toEqual([
      ['c2', 'shop'],
      ['c1', 'shop'],
    ]);
  });

  it('honours --service and --environment, and reports what it cannot use', () => {
    const result = githubEvents(
      records(
        deployment(1, '2026-11-02T10:00:00Z', 'prod-eu'),
        deployment(1, '2026-11-02T10:00:00Z', 'prod-eu'),
        deployment(2, '2026-11-02T10:00:00Z'),
        status(11, 1, 'failure', '2026-11-02T10:10:00Z'),
        status(99, 42, 'success', '2026-11-02T10:10:00Z'),
        { id: 5, state: 'exploded', created_at: 'x', deployment_url: `${API}/deployments/1` },
        { hello: 'world' },
        pull(8, null, 'x'),
      ),
      { service: 'api', environment: 'prod-eu' },
    );
    expect(result.events).toEqual([
      { type: 'deployment', id: '1', service: 'api', time: Date.UTC(2026, 10, 2, 10, 10), status: 'failed' },
    ]);
    expect(result.skipped.map((s) => `${s.record}: ${s.reason}`)).toEqual([
      'f.json: deployment 1: given twice',
      'f.json: status record 6: state: Invalid option: expected one of "error"|"failure"|"inactive"|"in_progress"|"queued"|"pending"|"success"',
      'f.json: record 7: not a deployment, deployment status, pull request or pull request commit',
      'f.json: pull request #8: not merged',
      'f.json: deployment 2: environment "production" is not prod-eu',
      'f.json: 1 status of deployment 42: the deployment is not in the input',
    ]);
  });
});

describe('incident importers', () => {
  const pd = (id: string, extra: Record<string, unknown> = {}) => ({
    id,
    created_at: '2026-11-02T10:00:00Z',
    status: 'resolved',
    resolved_at: '2026-11-02T11:00:00Z',
    urgency: 'high',
    service: { id: 'P1', summary: 'api' },
    ...extra,
  });

  it('PagerDuty: resolved_at, else last_status_change_at; open incidents stay open; the deployment field', () => {
    const result = pagerdutyEvents(
      records(
        { incidents: [pd('A'), pd('B', { resolved_at: null, last_status_change_at: '2026-11-02T12:00:00Z' })] },
        pd('C', { status: 'acknowledged', resolved_at: null, custom: { deploy: 42 } }),
        pd('D', { resolved_at: '2026-11-02T09:00:00Z' }),
        pd('A'),
      ),
      { deploymentField: 'custom.deploy' },
    );
    expect(result.events.map((e) => (e.type === 'incident' ? [e.id, e.resolved, e.deployment] : []))).toEqual([
      ['A', Date.UTC(2026, 10, 2, 11), undefined],
      ['B', Date.UTC(2026, 10, 2, 12), undefined],
      ['C', undefined, '42'],
    ]);
    expect(result.skipped.map((s) => s.reason)).toEqual(['resolved before it was created', 'given twice']);
  });

  it('Opsgenie: report.closeTime after createdAt; --service for all', () => {
    const alert = {
      id: 'x',
      createdAt: '2026-11-02T10:00:00Z',
      status: 'closed',
      priority: 'P1',
      report: { closeTime: 90_000 },
    };
    const result = opsgenieEvents(records({ data: [alert] }), { service: 'web' });
    expect(result.events).toEqual([
      {
        type: 'incident',
        id: 'x',
        service: 'web',
        start: Date.UTC(2026, 10, 2, 10),
        resolved: Date.UTC(2026, 10, 2, 10, 1, 30),
        severity: 'P1',
      },
    ]);
  });

  it.each([
    [{ a: { b: 'x' } }, 'a.b', 'x'],
    [{ a: { b: 'x' } }, 'a.c', undefined],
    [{ a: 'x' }, 'a.b', undefined],
    [{}, '__proto__.toString', undefined],
  ])('fieldAt(%j, %s)', (value, path, expected) => {
    expect(fieldAt(value, path)).toBe(expected);
  });
});
