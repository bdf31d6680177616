/**
 * `pt dora import github|pagerduty|opsgenie`: the fixture files in examples/events (written from
 * the public API documentation: GitHub REST deployments, deployment statuses, pull requests and
 * pull request commits; PagerDuty incidents; Opsgenie alerts) → events → `pt dora`, against
 * figures computed by hand.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { CLI_DIR, itWithDir as it, runPt } from './run-cli.js';

const EXAMPLES = join(CLI_DIR, '../../examples/events');
const GITHUB = ['deployments.json', 'statuses.json', 'pulls.json', 'pull-commits.json'].map((f) =>
  join(EXAMPLES, 'github', f),
);

describe.concurrent('pt dora import github, pagerduty, opsgenie', () => {
  it('GitHub and PagerDuty files → events → pt dora gives the hand-computed figures', async ({ dir }) => {
    const gh = await runPt(['dora', 'import', 'github', ...GITHUB, '--out', 'delivery.jsonl'], { cwd: dir.path });
    expect(gh.status).toBe(0);
    // Every record not used is named with the reason.
    expect(gh.stderr).toBe(
      `pt: github: skipped 4 records:\n` +
        `  ${GITHUB[2]}: pull request #103: not merged\n` +
        `  ${GITHUB[0]}: deployment 9006: no success, failure or error status (statuses: pending)\n` +
        `  ${GITHUB[0]}: deployment 9004: environment "staging" is not production\n` +
        `  ${GITHUB[3]}: commit eeee00000000: no merged pull request's head.sha leads to it\n` +
        'pt: wrote events to delivery.jsonl\n',
    );
    const pd = await runPt(
      ['dora', 'import', 'pagerduty', join(EXAMPLES, 'pagerduty-incidents.json'), '--out', 'incidents.jsonl'],
      { cwd: dir.path },
    );
    expect(pd.status).toBe(0);
    expect(pd.stderr).toContain('incident Q1CHK004: no service (service.summary is absent; give --service)\n');

    const dora = await runPt(
      ['dora', 'delivery.jsonl', 'incidents.jsonl', '--from', '2026-11-01', '--to', '2026-11-08', '--format', 'json'],
      { cwd: dir.path },
    );
    expect(dora.stderr).toBe('');
    expect(dora.status).toBe(0);
    expect((JSON.parse(dora.stdout) as { groups: unknown[] }).groups).toEqual([
      {
        name: 'checkout', // the repository's name, and the PagerDuty service's summary
        events: 12, // 4 changes, 5 deployments, 3 incidents
        level: 'low',
        // 9001, 9002, 9003, 9005, 9007 in 7 days (9004 staging, 9006 pending: skipped)
        deploymentFrequency: { deployments: 5, perDay: 0.714, perWeek: 5, bucket: 'daily-weekly', level: 'high' },
        // #101's commits 09:00 and 10:00 → 9001 at 13:30: 4.5 h, 3.5 h; #102's 08:00 → 9003 at 14:10: 6 h 10 m;
        // #104 (no commits given: from its creation, 11-04 13:00) → 9007 at 11-05 11:15: 22.25 h.
        // median (4.5 + 6.1667) / 2 = 5.33 h; p90 nearest rank 4 of 4 = 22.25 h
        leadTime: { changes: 4, medianHours: 5.33, p90Hours: 22.25, level: 'elite' },
        // 9002 failure, 9005 error, 9007 named by incident Q1CHK002: 3 of 5
        changeFailureRate: { deployments: 5, failed: 3, ratePct: 60, level: 'low' },
        // Q1CHK001 90 min, Q1CHK002 40 min (Q1CHK003 still open) → median 65 min
        timeToRestore: { incidents: 2, medianMinutes: 65 },
        // 9002 (12:20) → 9003 (14:10): 110 min; 9005 and 9007 have no good deployment after them
        failedDeploymentRecoveryTime: { deployments: 1, medianMinutes: 110, level: 'high' },
        reworkRate: { deployments: 5, unplanned: 0, ratePct: 0 },
        notes: { unknownChanges: 0, changesAfterDeployment: 0, openIncidents: 1, unrecoveredDeployments: 2 },
      },
    ]);
  });

  it('Opsgenie alerts: service and deployment from details, the closed time from report.closeTime', async () => {
    const r = await runPt(['dora', 'import', 'opsgenie', join(EXAMPLES, 'opsgenie-alerts.json')]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(
      /skipped 1 record:\n.*alert 9be4ccf2-5f30-4c2d-8a9d-7b802b3c4d5e: no service \(no details\.service/,
    );
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([
      {
        type: 'incident',
        id: '70413a06-38d6-4c85-92b8-5ebc900d42e2',
        service: 'checkout',
        start: '2026-11-03T12:30:00Z',
        resolved: '2026-11-03T13:20:00Z', // closeTime 3 000 000 ms = 50 min
        severity: 'P2',
        deployment: '9002',
      },
      {
        type: 'incident',
        id: '8ad3bbe1-4e2f-4b1c-9f8c-6a7f1a2b3c4d',
        service: 'search',
        start: '2026-11-04T08:00:00Z',
        resolved: '2026-11-04T09:15:00Z', // no report: closed at updatedAt
        severity: 'P3',
      },
    ]);
    const byEntity = await runPt([
      'dora',
      'import',
      'opsgenie',
      join(EXAMPLES, 'opsgenie-alerts.json'),
      '--service-field',
      'entity',
    ]);
    expect(byEntity.stderr).toBe('');
    expect(byEntity.stdout.trim().split('\n')).toHaveLength(3);
  });

  it('reads --paginate pages and refuses a file that is not JSON, located', async ({ dir }) => {
    writeFileSync(join(dir.path, 'broken.json'), '[{"id": 1}]\n[{"id": 2},\n');
    const r = await runPt(['dora', 'import', 'github', 'broken.json'], { cwd: dir.path });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^broken\.json:3:1: JSON syntax error/m);
    writeFileSync(join(dir.path, 'other.json'), '{"hello": "world"}');
    const other = await runPt(['dora', 'import', 'pagerduty', 'other.json'], { cwd: dir.path });
    expect(other.status).toBe(0);
    expect(other.stderr).toContain('other.json: incident record 1: id: ');
    expect(other.stderr).toContain('pt: warning: pagerduty: no event imported');
  });
});
