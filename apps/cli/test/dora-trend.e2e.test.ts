/**
 * `pt dora --every`: a 12-week events file the test writes → 12 weekly rows whose deployments,
 * failures and changes add up to the whole window's `pt dora` figures.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { itWithDir as it, runPt } from './run-cli.js';

const T0 = Date.UTC(2026, 8, 7); // Monday 2026-09-07
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

interface Figures {
  deploymentFrequency: { deployments: number } | null;
  leadTime: { changes: number; medianHours: number } | null;
  changeFailureRate: { failed: number } | null;
  level: string | null;
}

/** Week w (0..11): w % 4 + 1 deployments of api, each shipping two changes; every third week one fails. */
function twelveWeeks(): { lines: string[]; deployments: number; changes: number; failed: number } {
  const lines: string[] = [];
  let deployments = 0;
  let changes = 0;
  let failed = 0;
  for (let w = 0; w < 12; w++) {
    for (let k = 0; k < (w % 4) + 1; k++) {
      const time = T0 + w * 7 * 24 * HOUR + (k + 1) * 24 * HOUR;
      const fail = w % 3 === 0 && k === 0;
      const ids = fail ? [] : [`c${w}-${k}-a`, `c${w}-${k}-b`];
      for (const [i, id] of ids.entries()) {
        lines.push(JSON.stringify({ type: 'change', id, service: 'api', time: iso(time - (i + 1) * 2 * HOUR) }));
      }
      lines.push(
        JSON.stringify({
          type: 'deployment',
          id: `d${w}-${k}`,
          service: 'api',
          time: iso(time),
          status: fail ? 'failed' : 'success',
          ...(ids.length > 0 ? { changes: ids } : {}),
        }),
      );
      deployments++;
      changes += ids.length;
      if (fail) failed++;
    }
  }
  return { lines, deployments, changes, failed };
}

describe.concurrent('pt dora --every', () => {
  it('12 weeks → 12 weekly rows that add up to the whole window', async ({ dir }) => {
    const data = twelveWeeks();
    writeFileSync(join(dir.path, 'events.jsonl'), `${data.lines.join('\n')}\n`);
    const range = ['--from', '2026-09-07', '--to', '2026-11-30'];
    const trendRun = await runPt(['dora', 'events.jsonl', '--every', 'week', ...range, '--format', 'json'], {
      cwd: dir.path,
    });
    expect(trendRun.stderr).toBe('');
    expect(trendRun.status).toBe(0);
    const trend = JSON.parse(trendRun.stdout) as {
      periods: { start: string; days: number }[];
      groups: { name: string; whole: Figures; periods: (Figures & { start: string })[] }[];
    };
    expect(trend.periods).toHaveLength(12);
    expect(trend.periods[11]).toEqual({ start: '2026-11-23T00:00:00Z', end: '2026-11-30T00:00:00Z', days: 7 });
    const [api] = trend.groups;
    expect(api?.periods).toHaveLength(12);
    const weekly = api?.periods ?? [];
    // 1, 2, 3, 4, 1, 2, … deployments a week; 50 % fail in week 0 (1 deployment, failed)
    expect(weekly.map((p) => p.deploymentFrequency?.deployments ?? 0)).toEqual([1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4]);
    expect(weekly.map((p) => p.changeFailureRate?.failed ?? 0)).toEqual([1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0]);
    // every shipped change waited 2 h or 4 h: median 3 h in each week that shipped any
    expect(weekly.map((p) => p.leadTime?.medianHours ?? null)).toEqual([null, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
    const sum = (f: (p: Figures) => number) => weekly.reduce((n, p) => n + f(p), 0);

    const wholeRun = await runPt(['dora', 'events.jsonl', ...range, '--format', 'json'], { cwd: dir.path });
    expect(wholeRun.status).toBe(0);
    const whole = (JSON.parse(wholeRun.stdout) as { groups: Figures[] }).groups[0];
    expect(whole?.deploymentFrequency?.deployments).toBe(data.deployments);
    expect(whole?.leadTime?.changes).toBe(data.changes);
    expect(whole?.changeFailureRate?.failed).toBe(data.failed);
    expect(sum((p) => p.deploymentFrequency?.deployments ?? 0)).toBe(data.deployments);
    expect(sum((p) => p.leadTime?.changes ?? 0)).toBe(data.changes);
    expect(sum((p) => p.changeFailureRate?.failed ?? 0)).toBe(data.failed);
    expect(api?.whole).toEqual(
      whole && (({ name: _n, events: _e, ...rest }) => rest)(whole as Figures & { name: string; events: number }),
    );
  });

  it('prints a row per period and a sparkline per metric; Markdown too', async ({ dir }) => {
    writeFileSync(join(dir.path, 'events.jsonl'), `${twelveWeeks().lines.join('\n')}\n`);
    const table = await runPt(['dora', 'events.jsonl', '--every', 'week', '--to', '2026-11-30'], { cwd: dir.path });
    expect(table.status).toBe(0);
    expect(table.stdout).toContain('DORA trend by service, 12 weeks from 2026-09-07T00:00:00Z to 2026-11-30T00:00:00Z');
    expect(table.stdout.split('\n').filter((l) => /^2026-\d\d-\d\d {2}/.test(l))).toHaveLength(12);
    expect(table.stdout).toMatch(/^deployments +▃▅▆█▃▅▆█▃▅▆█ +1 +4 +30$/m);
    const md = await runPt(
      [
        'dora',
        'events.jsonl',
        '--every',
        'month',
        '--from',
        '2026-09-01',
        '--to',
        '2026-12-01',
        '--format',
        'markdown',
      ],
      {
        cwd: dir.path,
      },
    );
    expect(md.status).toBe(0);
    expect(md.stdout).toContain('# DORA trend by service, 3 months from 2026-09-01T00:00:00Z to 2026-12-01T00:00:00Z');
    expect(md.stdout).toContain('| 2026-10-01 |');
  });

  it('refuses a window given twice or backwards', async ({ dir }) => {
    writeFileSync(join(dir.path, 'events.jsonl'), '');
    const both = await runPt(['dora', 'events.jsonl', '--from', '2026-09-01', '--window', '30d'], { cwd: dir.path });
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('give --from or --window, not both');
    const back = await runPt(
      ['dora', 'events.jsonl', '--every', 'week', '--from', '2026-12-01', '--to', '2026-09-01'],
      {
        cwd: dir.path,
      },
    );
    expect(back.status).toBe(2);
    expect(back.stderr).toContain('--from must be before the end of the window');
    const bad = await runPt(['dora', 'events.jsonl', '--every', 'day'], { cwd: dir.path });
    expect(bad.status).toBe(2);
  });
});
