/**
 * `pt report --record`, `pt history`, `pt diff --since`, the HTML trend and `pt history export`
 * on the built CLI; the history file's reliability: SIGKILL while recording, two writers at once,
 * a file that is not a history.
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect } from 'vitest';
import { CLI_DIR, EXAMPLE_YAML, itWithDir as it, runPt, type TempDir } from './run-cli.js';

const FLEET_GEN = fileURLToPath(new URL('../../../tools/fleet-gen/bin/fleet-gen.js', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/pt.js', import.meta.url));
const EXAMPLE = readFileSync(join(CLI_DIR, EXAMPLE_YAML), 'utf8');
const LEDGER_BREACH = '{ name: availability, target: 99.95, current: 99.9 }';
const LEDGER_MET = '{ name: availability, target: 99.95, current: 99.99 }';

const pt = (dir: TempDir, args: readonly string[]) => runPt(args, { cwd: dir.path });

/** Three runs of the example fleet: ledger breaches its SLO, then meets it, then breaches it again. */
async function threeRuns(dir: TempDir): Promise<void> {
  const runs: [string, string][] = [
    ['2026-11-01', EXAMPLE],
    ['2026-11-10', EXAMPLE.replace(LEDGER_BREACH, LEDGER_MET)],
    ['2026-11-20', EXAMPLE],
  ];
  expect(EXAMPLE).toContain(LEDGER_BREACH);
  for (const [at, text] of runs) {
    writeFileSync(join(dir.path, 'fleet.yaml'), text);
    const r = await pt(dir, [
      'report',
      'fleet.yaml',
      '--record',
      '--at',
      at,
      '--format',
      'json',
      '--out',
      `r-${at}.json`,
    ]);
    expect(r.stderr).toMatch(/recorded run \d \(8 services\) in pt-history\.duckdb/);
    expect(r.status).toBe(0);
  }
}

interface HistoryJson {
  services: { name: string; runs: { evaluatedAt: string; health: string; reasons: string[] }[] }[];
  transitions: { service: string; from: string; to: string; at: string; reasons: string[] }[];
  fleet?: { healthy: number }[];
}

/** Rows of a query on a history file, opened read-only. */
async function query(file: string, sql: string): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(file, file === ':memory:' ? {} : { access_mode: 'READ_ONLY' });
  const c = await db.connect();
  try {
    return (await c.runAndReadAll(sql)).getRowObjectsJS();
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

describe('pt report --record and pt history', () => {
  it(
    'records three runs; history shows three rows per service and the transitions',
    { timeout: 180_000 },
    async ({ dir }) => {
      await threeRuns(dir);
      const r = await pt(dir, ['history', '--at', '2026-11-21', '--format', 'json']);
      expect(r.status).toBe(0);
      const json = JSON.parse(r.stdout) as HistoryJson;
      expect(json.services).toHaveLength(8);
      for (const s of json.services)
        expect(s.runs.map((x) => x.evaluatedAt.slice(0, 10))).toEqual(['2026-11-01', '2026-11-10', '2026-11-20']);
      expect(json.transitions.map((t) => [t.service, t.from, t.to, t.at.slice(0, 10)])).toEqual([
        ['ledger', 'degraded', 'healthy', '2026-11-10'],
        ['ledger', 'healthy', 'degraded', '2026-11-20'],
      ]);
      expect(json.transitions[1]?.reasons.join(' ')).toMatch(/availability/);

      const table = await pt(dir, ['history', '--service', 'ledger', '--at', '2026-11-21']);
      expect(table.status).toBe(0);
      expect(table.stdout).toMatch(/^ledger \(payments\) {2}score .+ {2}cost .+$/m);
      expect(table.stdout).toContain('ledger: healthy → degraded on 2026-11-20, reasons: ');
      expect(table.stdout.match(/^2026-11-\d\dT/gm)).toHaveLength(3);

      const team = JSON.parse(
        (await pt(dir, ['history', '--team', 'payments', '--at', '2026-11-21', '--format', 'json'])).stdout,
      ) as HistoryJson;
      expect(team.services.map((s) => s.name)).toEqual(['ledger', 'payments']);
      const recent = JSON.parse(
        (await pt(dir, ['history', '--since', '5d', '--at', '2026-11-21', '--fleet', '--format', 'json'])).stdout,
      ) as HistoryJson;
      expect(recent.services[0]?.runs).toHaveLength(1);
      expect(recent.fleet).toHaveLength(1);
      const markdown = await pt(dir, ['history', '--fleet', '--at', '2026-11-21', '--format', 'markdown']);
      expect(markdown.stdout).toContain('## Fleet');
      const none = await pt(dir, ['history', '--service', 'nope', '--at', '2026-11-21']);
      expect(none.stderr).toContain('no recorded run since');
    },
  );

  it('pt diff --since picks the recorded run nearest to that time', { timeout: 120_000 }, async ({ dir }) => {
    await threeRuns(dir);
    // 2026-11-21 - 12d = 11-09: the run of 11-10, where ledger was healthy; against the last run.
    const near = await pt(dir, ['diff', '--since', '12d', '--at', '2026-11-21', '--format', 'json']);
    expect(near.status).toBe(0);
    expect(near.stderr).toContain('comparing with run 2, evaluated at 2026-11-10T00:00:00Z');
    const diff = JSON.parse(near.stdout) as {
      services: { name: string; changes: { field: string; before: unknown; after: unknown }[] }[];
    };
    expect(diff.services.map((s) => s.name)).toEqual(['ledger']);
    expect(diff.services[0]?.changes.find((c) => c.field === 'health')).toMatchObject({
      before: 'healthy',
      after: 'degraded',
    });
    // 11-21 - 19d = 11-02: the first run, where ledger was degraded as in the report given.
    const far = await pt(dir, [
      'diff',
      '--since',
      '19d',
      '--at',
      '2026-11-21',
      'r-2026-11-20.json',
      '--format',
      'json',
    ]);
    expect(far.stderr).toContain('comparing with run 1');
    expect((JSON.parse(far.stdout) as { summary: unknown }).summary).toMatchObject({
      changed: 0,
      added: 0,
      removed: 0,
    });
    const usage = await pt(dir, ['diff', 'r-2026-11-20.json']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('missing argument <new-report.json>');
  });

  it(
    'the HTML report given --history shows each service’s score and cost trend',
    { timeout: 120_000 },
    async ({ dir }) => {
      await threeRuns(dir);
      const r = await pt(dir, [
        'report',
        'fleet.yaml',
        '--format',
        'html',
        '--history',
        'pt-history.duckdb',
        '--at',
        '2026-11-25',
        '--out',
        'r.html',
      ]);
      expect(r.status).toBe(0);
      const html = readFileSync(join(dir.path, 'r.html'), 'utf8');
      // Three recorded runs and this report: four points per series.
      expect(html).toContain(
        'aria-label="Score over 4 recorded runs: 2026-11-01 85, 2026-11-10 85, 2026-11-20 85, 2026-11-25 85"',
      );
      expect(html.match(/class="spark history-trend" data-trend="cost"/g)).toHaveLength(8);
      const plain = await pt(dir, ['report', 'fleet.yaml', '--format', 'html', '--out', 'plain.html']);
      expect(plain.status).toBe(0);
      expect(readFileSync(join(dir.path, 'plain.html'), 'utf8')).not.toContain('history-trend');
    },
  );

  it(
    'pt history export writes every table as Parquet, which DuckDB reads back',
    { timeout: 120_000 },
    async ({ dir }) => {
      await threeRuns(dir);
      const r = await pt(dir, ['history', 'export', '--parquet', 'out']);
      expect(r.status).toBe(0);
      expect(readdirSync(join(dir.path, 'out')).sort()).toEqual([
        'migrations.parquet',
        'reasons.parquet',
        'runs.parquet',
        'services.parquet',
        'summary.parquet',
      ]);
      const rows = await query(
        ':memory:',
        `SELECT count(*) AS n FROM read_parquet('${join(dir.path, 'out', 'services.parquet')}') WHERE name = 'ledger'`,
      );
      expect(Number(rows[0]?.['n'])).toBe(3);
    },
  );
});

describe('the history file', () => {
  it('refuses a file that is not a history and leaves it as it is', async ({ dir }) => {
    writeFileSync(join(dir.path, 'h.duckdb'), 'name,cost\n');
    writeFileSync(join(dir.path, 'fleet.yaml'), EXAMPLE);
    const r = await pt(dir, ['report', 'fleet.yaml', '--record', '--history', 'h.duckdb']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('h.duckdb is not a pt history file (not a DuckDB database)');
    expect(readFileSync(join(dir.path, 'h.duckdb'), 'utf8')).toBe('name,cost\n');
  });

  it(
    'a second writer waits for the lock, then fails with exit 2; nothing is lost',
    { timeout: 120_000 },
    async ({ dir }) => {
      writeFileSync(join(dir.path, 'fleet.yaml'), EXAMPLE);
      expect((await pt(dir, ['report', 'fleet.yaml', '--record'])).status).toBe(0);
      // Another process holding the file (as a long recording would) until its input closes.
      const holder = spawn(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          "const { DuckDBInstance } = await import('@duckdb/node-api'); const db = await DuckDBInstance.create(process.argv[1]); await db.connect(); process.stdout.write('held\\n'); process.stdin.resume(); process.stdin.on('end', () => process.exit(0));",
          join(dir.path, 'pt-history.duckdb'),
        ],
        { cwd: CLI_DIR, stdio: ['pipe', 'pipe', 'inherit'] },
      );
      await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
      const blocked = await pt(dir, ['report', 'fleet.yaml', '--record', '--lock-timeout', '1']);
      expect(blocked.status).toBe(2);
      expect(blocked.stderr).toContain(
        'is locked by another pt (or another program) still writing it; gave up after --lock-timeout 1 s',
      );
      // Started while the file is held, it waits and records once the holder is gone.
      const waiting = pt(dir, ['report', 'fleet.yaml', '--record', '--lock-timeout', '30']);
      await new Promise((resolve) => setTimeout(resolve, 500));
      holder.stdin.end();
      expect((await waiting).status).toBe(0);
      // Two at once: both recorded.
      const both = await Promise.all([0, 1].map(() => pt(dir, ['report', 'fleet.yaml', '--record'])));
      expect(both.map((b) => b.status)).toEqual([0, 0]);
      const runs = await query(
        join(dir.path, 'pt-history.duckdb'),
        'SELECT r.id, count(s.name) AS n FROM runs r JOIN services s ON s.run_id = r.id GROUP BY r.id ORDER BY r.id',
      );
      expect(runs.map((x) => [x['id'], Number(x['n'])])).toEqual([
        [1, 8],
        [2, 8],
        [3, 8],
        [4, 8],
      ]);
    },
  );

  it('SIGKILL at random moments while recording: the file always opens, with every earlier run complete and no partial one', async ({
    dir,
  }) => {
    const gen = spawn(process.execPath, [
      FLEET_GEN,
      '--services',
      '2000',
      '--seed',
      '7',
      '--out',
      join(dir.path, 'big.yaml'),
    ]);
    await new Promise((resolve) => gen.on('close', resolve));
    const file = join(dir.path, 'pt-history.duckdb');
    const record = (killAfterMs?: number) =>
      new Promise<number>((resolve) => {
        const started = performance.now();
        const child = spawn(
          process.execPath,
          [BIN, 'report', 'big.yaml', '--record', '--format', 'json', '--out', 'r.json'],
          { cwd: dir.path, stdio: 'ignore' },
        );
        const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        child.on('close', () => {
          clearTimeout(timer);
          resolve(performance.now() - started);
        });
      });
    const full = await record();
    let seen: number[] = (await query(file, 'SELECT id FROM runs ORDER BY id')).map((r) => Number(r['id']));
    expect(seen).toEqual([1]);
    for (let i = 0; i < 20; i++) {
      await record(Math.random() * full * 1.1);
      const runs = await query(
        file,
        'SELECT r.id, m.total_services AS total, (SELECT count(*) FROM services s WHERE s.run_id = r.id) AS n FROM runs r LEFT JOIN summary m ON m.run_id = r.id ORDER BY r.id',
      );
      const ids = runs.map((r) => Number(r['id']));
      expect(ids.slice(0, seen.length)).toEqual(seen); // every earlier run is still there
      for (const r of runs) expect([Number(r['total']), Number(r['n'])]).toEqual([2000, 2000]); // and complete
      seen = ids;
    }
  }, 240_000);
});
