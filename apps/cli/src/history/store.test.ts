import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { HistoryStore, MIGRATIONS, SCHEMA_VERSION } from './store.js';

const dir = mkdtempSync(join(tmpdir(), 'pt-history-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(dir, `h${++n}.duckdb`);

// The CLI loads the toolkit lazily, and so must its tests (an Nx rule forbids a static import).
const { DEMO_FLEET, PlatformToolkit, historyRecord } = await import('@pt/toolkit');
const report = PlatformToolkit.fromFleet(DEMO_FLEET).report();
const record = (at: number) =>
  historyRecord(report, { evaluatedAt: at, recordedAt: at, fleetSource: 'demo', ptVersion: 'test', inputs: '{}' });

async function raw(file: string, sql: string): Promise<void> {
  const db = await DuckDBInstance.create(file);
  const c = await db.connect();
  await c.run(sql);
  c.closeSync();
  db.closeSync();
}

describe('HistoryStore', () => {
  it('creates the schema, records runs and reads them back', async () => {
    const file = fresh();
    const store = await HistoryStore.open(file, { mode: 'write', lockTimeoutS: 1 });
    expect(await store.record(record(Date.UTC(2026, 10, 1)), undefined)).toBe(1);
    expect(await store.record(record(Date.UTC(2026, 10, 2)), 'platform')).toBe(2);
    const versions = await store.rows('SELECT version FROM migrations ORDER BY version');
    expect(versions.map((r) => r['version'])).toEqual(MIGRATIONS.map((m) => m.version));
    store.close();

    const read = await HistoryStore.open(file, { mode: 'read', lockTimeoutS: 1 });
    expect((await read.runs()).map((r) => r.id)).toEqual([1, 2]);
    const points = await read.points({ since: 0, reasons: true });
    expect(points).toHaveLength(2 * report.services.length);
    const back = await read.run(2);
    expect(back.summary).toEqual(report.summary);
    expect(back.services.map((s) => s.name)).toEqual(report.services.map((s) => s.name));
    read.close();
  });

  it('upgrades a file of an older schema when it records', async () => {
    const file = fresh();
    await raw(
      file,
      'CREATE TABLE migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL);' +
        (MIGRATIONS[0]?.sql ?? '') +
        "INSERT INTO migrations VALUES (1, 'v1', current_timestamp::TIMESTAMP);",
    );
    const store = await HistoryStore.open(file, { mode: 'write', lockTimeoutS: 1 });
    await store.record(record(0), 'payments');
    const [row] = await store.rows('SELECT max(version) AS v FROM migrations');
    expect(Number(row?.['v'])).toBe(SCHEMA_VERSION);
    expect((await store.rows('SELECT team FROM runs'))[0]?.['team']).toBe('payments');
    store.close();
  });

  it.each([
    [
      'a newer schema',
      `CREATE TABLE migrations (version INTEGER, name VARCHAR, applied_at TIMESTAMP); CREATE TABLE runs (id INTEGER); INSERT INTO migrations VALUES (${SCHEMA_VERSION + 1}, 'x', now()::TIMESTAMP);`,
      /newer pt \(history schema v\d+; this pt knows up to v\d+\)/,
    ],
    [
      'a foreign DuckDB database',
      'CREATE TABLE orders (id INTEGER); INSERT INTO orders VALUES (1);',
      /DuckDB database pt did not write \(tables: orders\)/,
    ],
  ])('refuses %s, in both modes, and leaves it as it is', async (_, sql, message) => {
    const file = fresh();
    await raw(file, sql);
    const before = readFileSync(file);
    for (const mode of ['write', 'read'] as const) {
      await expect(HistoryStore.open(file, { mode, lockTimeoutS: 1 })).rejects.toThrow(message);
    }
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it.each([
    ['an empty file', ''],
    ['a text file', 'service,cost\ncheckout,12\n'],
    ['a truncated database', 'x'.repeat(8)],
  ])('refuses %s and never overwrites it', async (_, content) => {
    const file = fresh();
    writeFileSync(file, content);
    await expect(HistoryStore.open(file, { mode: 'write', lockTimeoutS: 1 })).rejects.toThrow(
      /not a pt history file \(not a DuckDB database\)/,
    );
    expect(readFileSync(file, 'utf8')).toBe(content);
  });

  it('refuses to read a history that does not exist', async () => {
    await expect(HistoryStore.open(join(dir, 'none.duckdb'), { mode: 'read', lockTimeoutS: 1 })).rejects.toThrow(
      /no history at .*none\.duckdb/,
    );
  });

  it('leaves nothing of a run whose transaction failed', async () => {
    const file = fresh();
    const store = await HistoryStore.open(file, { mode: 'write', lockTimeoutS: 1 });
    await store.record(record(0), undefined);
    // A summary row for the next id already there makes the last insert fail, after the services.
    await store.connection.run('INSERT INTO summary SELECT 2, * EXCLUDE (run_id) FROM summary WHERE run_id = 1');
    await expect(store.record(record(1), undefined)).rejects.toThrow(/cannot record the run/);
    expect(await store.rows('SELECT DISTINCT run_id FROM services')).toEqual([{ run_id: 1 }]);
    expect(await store.rows('SELECT id FROM runs')).toEqual([{ id: 1 }]);
    store.close();
  });
});
