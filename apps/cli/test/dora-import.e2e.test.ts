/**
 * `pt dora import`: events from a git repository the test builds (dated commits and tags), then
 * `pt dora` on them, against figures computed by hand.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { itWithDir as it, runPt, type TempDir } from './run-cli.js';

const ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Dev',
  GIT_AUTHOR_EMAIL: 'dev@example.com',
  GIT_COMMITTER_NAME: 'Dev',
  GIT_COMMITTER_EMAIL: 'dev@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

/** A repository in `dir/repo` whose commits and tags happen at the given UTC times. */
function repo(dir: TempDir) {
  const path = join(dir.path, 'repo');
  mkdirSync(path);
  const git = (args: string[], time?: string) =>
    execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], {
      cwd: path,
      env: time === undefined ? ENV : { ...ENV, GIT_AUTHOR_DATE: time, GIT_COMMITTER_DATE: time },
      encoding: 'utf8',
    }).trim();
  git(['init', '-q', '-b', 'main']);
  let n = 0;
  return {
    path,
    /** A commit touching `file` at `time`; returns its hash. */
    commit(time: string, file = 'src/app.txt', message = `change ${++n}`): string {
      mkdirSync(join(path, file, '..'), { recursive: true });
      writeFileSync(join(path, file), `${message} ${time}\n`);
      git(['add', '-A']);
      git(['commit', '-q', '-m', message], time);
      return git(['rev-parse', 'HEAD']);
    },
    /** An annotated tag on `commit` (default HEAD) made at `time`: a deployment then. */
    tag(name: string, time: string, commit = 'HEAD'): void {
      git(['tag', '-a', name, '-m', name, commit], time);
    },
  };
}

describe.concurrent('pt dora import git', () => {
  it('tags → events → pt dora gives the hand-computed figures', async ({ dir }) => {
    const r = repo(dir);
    r.commit('2026-11-02T10:00:00Z'); // c1
    r.commit('2026-11-02T14:00:00Z'); // c2
    r.tag('v1', '2026-11-02T16:00:00Z'); // ships c1 (6 h), c2 (2 h)
    const c3 = r.commit('2026-11-03T09:00:00Z');
    r.tag('v2', '2026-11-03T12:00:00Z'); // ships c3: reverted below, so v2 failed
    r.commit('2026-11-03T13:00:00Z', 'src/app.txt', `Revert "change 3"\n\nThis reverts commit ${c3}.`); // c4
    r.tag('v3', '2026-11-03T14:00:00Z'); // recovers v2 after 2 h; c3 (5 h), c4 (1 h); rework
    const v3 = execFileSync('git', ['rev-parse', 'v3^{commit}'], { cwd: r.path, encoding: 'utf8' }).trim();
    r.commit('2026-11-05T08:00:00Z'); // c5
    r.tag('v4', '2026-11-05T20:00:00Z'); // ships c5, rolled back by v5
    r.tag('v5', '2026-11-06T10:00:00Z', v3); // rollback to v3's commit: recovers v4 after 14 h; rework
    r.commit('2026-11-07T09:00:00Z'); // c6
    r.tag('v6', '2026-11-07T12:00:00Z'); // ships c5 again (52 h) and c6 (3 h)
    r.tag('other-tag', '2026-11-07T13:00:00Z'); // not a deployment: does not match v*

    const imported = await runPt(
      ['dora', 'import', 'git', 'repo', '--deploy-tags', 'v*', '--service', 'api', '--out', 'events.jsonl'],
      { cwd: dir.path },
    );
    expect(imported.stderr).toBe('pt: wrote events to events.jsonl\n');
    expect(imported.status).toBe(0);

    const dora = await runPt(
      ['dora', 'events.jsonl', '--window', '7d', '--at', '2026-11-09T00:00:00Z', '--format', 'json'],
      { cwd: dir.path },
    );
    expect(dora.stderr).toBe('');
    expect(dora.status).toBe(0);
    const report = JSON.parse(dora.stdout) as { groups: unknown[] };
    expect(report.groups).toEqual([
      {
        name: 'api',
        events: 12, // 6 changes, 6 deployments
        level: 'low',
        // 6 deployments in 7 days
        deploymentFrequency: { deployments: 6, perDay: 0.857, perWeek: 6, bucket: 'daily-weekly', level: 'high' },
        // 1, 2, 3, 5, 6, 52 h → median (3 + 5) / 2 = 4 h; p90 rank ceil(5.4) = 6 → 52 h
        leadTime: { changes: 6, medianHours: 4, p90Hours: 52, level: 'elite' },
        // v2 failed (reverted), v4 rolled back: 2 of 6
        changeFailureRate: { deployments: 6, failed: 2, ratePct: 33.3, level: 'low' },
        timeToRestore: null,
        // v2 → v3 2 h, v4 → v5 14 h → median 8 h
        failedDeploymentRecoveryTime: { deployments: 2, medianMinutes: 480, level: 'high' },
        // v3 (the revert) and v5 (the rollback)
        reworkRate: { deployments: 6, unplanned: 2, ratePct: 33.3 },
        notes: { unknownChanges: 0, changesAfterDeployment: 0, openIncidents: 0, unrecoveredDeployments: 0 },
      },
    ]);
  });

  it('splits a monorepo by path and reports the commits no path takes', async ({ dir }) => {
    const r = repo(dir);
    r.commit('2026-11-02T10:00:00Z', 'services/api/main.go');
    r.commit('2026-11-02T11:00:00Z', 'web/index.html');
    r.commit('2026-11-02T12:00:00Z', 'docs/readme.md');
    r.tag('v1', '2026-11-02T13:00:00Z');
    const result = await runPt(
      [
        'dora',
        'import',
        'git',
        'repo',
        '--deploy-tags',
        'v*',
        '--service-path',
        'api=services/api/**',
        '--service-path',
        'web=web/**',
      ],
      { cwd: dir.path },
    );
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^pt: git: skipped 1 record:\n {2}commit [0-9a-f]{12}: no --service-path glob matches its files\n$/);
    const events = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; id: string; service: string });
    expect(events.filter((e) => e.type === 'deployment').map((e) => [e.id, e.service])).toEqual([
      ['v1:api', 'api'],
      ['v1:web', 'web'],
    ]);
    expect(events.filter((e) => e.type === 'change').map((e) => e.service)).toEqual(['api', 'web']);
  });

  it('keeps `pt dora <events…>` and refuses an import without a deployment rule', async ({ dir }) => {
    repo(dir).commit('2026-11-02T10:00:00Z');
    const r = await runPt(['dora', 'import', 'git', 'repo', '--service', 'api'], { cwd: dir.path });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('give exactly one of --deploy-tags <pattern> and --deploy-branch <branch>');
    const help = await runPt(['dora', '--help']);
    expect(help.stdout).toContain('Usage: pt dora <events.jsonl|events.csv…>');
    expect(help.stdout).toContain('dora import');
  });
});
