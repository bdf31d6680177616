import { open, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { CliError } from '../errors.js';
import { loadDuckDb, type DuckDb } from '../duckdb.js';

import type { DuckDBConnection, DuckDBInstance, DuckDBValue } from '@duckdb/node-api';
import type { ReasonRow, ReportSummary, RunRecord, ServicePoint, ServiceRow, SummaryPoint } from '@pt/toolkit';

/**
 * The history store: one DuckDB database file (`@duckdb/node-api`, loaded only by the commands
 * that use it). Its schema is versioned: `migrations` lists the versions applied; a newer `pt`
 * applies the missing ones when it records, an older one refuses a file with a version it does
 * not know. DuckDB itself holds the file lock of a writer; a second writer (or a reader while one
 * writes) retries until `--lock-timeout`.
 */

/** The default history file, in the working directory. */
export const DEFAULT_HISTORY = 'pt-history.duckdb';
/** The default `--lock-timeout`, in seconds. */
export const DEFAULT_LOCK_TIMEOUT_S = 30;

/** Every schema version in order; a migration is never changed once released, only added. */
export const MIGRATIONS: readonly { readonly version: number; readonly name: string; readonly sql: string }[] = [
  {
    version: 1,
    name: 'runs, services, reasons, summary',
    sql: `
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  evaluated_at TIMESTAMP NOT NULL,
  recorded_at TIMESTAMP NOT NULL,
  fleet_source VARCHAR NOT NULL,
  pt_version VARCHAR NOT NULL,
  inputs VARCHAR NOT NULL
);
CREATE TABLE services (
  run_id INTEGER NOT NULL,
  name VARCHAR NOT NULL,
  team VARCHAR NOT NULL,
  health VARCHAR NOT NULL,
  points INTEGER NOT NULL,
  reliability_score DOUBLE,
  governance VARCHAR NOT NULL,
  scorecard_name VARCHAR,
  scorecard_level VARCHAR,
  scorecard_score DOUBLE,
  scorecard_next_level VARCHAR,
  monthly_cost DOUBLE NOT NULL,
  cost_trend VARCHAR NOT NULL,
  slos_met INTEGER NOT NULL,
  slos_total INTEGER NOT NULL,
  dora_level VARCHAR
);
CREATE TABLE reasons (
  run_id INTEGER NOT NULL,
  service VARCHAR NOT NULL,
  ordinal INTEGER NOT NULL,
  domain VARCHAR NOT NULL,
  points INTEGER NOT NULL,
  message VARCHAR NOT NULL
);
CREATE TABLE summary (
  run_id INTEGER PRIMARY KEY,
  total_services INTEGER NOT NULL,
  healthy INTEGER NOT NULL,
  degraded INTEGER NOT NULL,
  critical INTEGER NOT NULL,
  unknown INTEGER NOT NULL,
  slo_breaches INTEGER NOT NULL,
  over_budget INTEGER NOT NULL,
  governance_compliant INTEGER NOT NULL,
  total_monthly_cost DOUBLE NOT NULL,
  avg_reliability_score DOUBLE NOT NULL
);`,
  },
  {
    version: 2,
    name: 'team on runs (the --team a run was limited to)',
    sql: `ALTER TABLE runs ADD COLUMN team VARCHAR;`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

/** The tables `pt history export` writes, in order. */
export const TABLES = ['migrations', 'runs', 'services', 'reasons', 'summary'] as const;

const firstLine = (error: unknown) =>
  error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);

/** A DuckDB database file starts with a checksum (8 bytes) and the magic `DUCK`. */
async function checkHeader(file: string): Promise<'missing' | 'duckdb'> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw new CliError('E_INPUT', `cannot read history ${file}: ${firstLine(error)}`, { cause: error });
  }
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new CliError('E_INPUT', `history ${file} is not a regular file`);
    const head = Buffer.alloc(12);
    const { bytesRead } = await handle.read(head, 0, 12, 0);
    if (bytesRead < 12 || head.subarray(8, 12).toString('latin1') !== 'DUCK') {
      throw new CliError(
        'E_INPUT',
        `${file} is not a pt history file (not a DuckDB database); refusing to use it (it is left as it is)`,
      );
    }
    return 'duckdb';
  } finally {
    await handle.close();
  }
}

export interface OpenOptions {
  /** Record (read-write; creates the file) or only read. */
  readonly mode: 'write' | 'read';
  /** Seconds to wait for another process's lock. */
  readonly lockTimeoutS: number;
}

/** An open history: its connection, closed by {@link HistoryStore.close}. */
export class HistoryStore {
  private constructor(
    readonly file: string,
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    readonly duckdb: DuckDb,
  ) {}

  /**
   * Opens (or, to write, creates) the history file: refuses a file that is not a DuckDB database,
   * a DuckDB database pt did not write, and a schema newer than this pt's; waits for the lock.
   */
  static async open(file: string, options: OpenOptions): Promise<HistoryStore> {
    const state = await checkHeader(file);
    if (state === 'missing' && options.mode === 'read') {
      throw new CliError('E_INPUT', `no history at ${file}: record runs with 'pt report <fleet> --record'`);
    }
    const duckdb = await loadDuckDb('the history');
    const deadline = Date.now() + options.lockTimeoutS * 1000;
    let instance: DuckDBInstance | undefined;
    for (let wait = 50; ; wait = Math.min(wait * 2, 500)) {
      try {
        instance = await duckdb.DuckDBInstance.create(
          file,
          options.mode === 'read' ? { access_mode: 'READ_ONLY' } : { access_mode: 'READ_WRITE' },
        );
        break;
      } catch (error) {
        const message = firstLine(error);
        if (/lock/i.test(message)) {
          if (Date.now() >= deadline) {
            throw new CliError(
              'E_INPUT',
              `history ${file} is locked by another pt (or another program) still writing it; gave up after --lock-timeout ${options.lockTimeoutS} s, nothing was recorded`,
              { cause: error },
            );
          }
          await sleep(Math.min(wait, Math.max(1, deadline - Date.now())));
          continue;
        }
        throw new CliError('E_INPUT', `${file} is not a usable pt history file: ${message}`, { cause: error });
      }
    }
    const connection = await instance.connect();
    const store = new HistoryStore(file, instance, connection, duckdb);
    try {
      await connection.run("SET TimeZone = 'UTC'");
      await store.checkSchema(options.mode);
    } catch (error) {
      store.close();
      throw error;
    }
    return store;
  }

  private async tables(): Promise<string[]> {
    const rows = (
      await this.connection.runAndReadAll(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_name",
      )
    ).getRowObjectsJS();
    return rows.map((r) => text(r['table_name']));
  }

  /** The schema version of the file: 0 for an empty database. */
  private async version(): Promise<number> {
    const tables = await this.tables();
    if (tables.length === 0) return 0;
    if (!tables.includes('migrations') || !tables.includes('runs')) {
      throw new CliError(
        'E_INPUT',
        `${this.file} is a DuckDB database pt did not write (tables: ${tables.slice(0, 5).join(', ')}); refusing to use it (it is left as it is)`,
      );
    }
    const rows = (await this.connection.runAndReadAll('SELECT max(version) AS v FROM migrations')).getRowObjectsJS();
    return Number(rows[0]?.['v'] ?? 0);
  }

  private async checkSchema(mode: OpenOptions['mode']): Promise<void> {
    const version = await this.version();
    if (version > SCHEMA_VERSION) {
      throw new CliError(
        'E_INPUT',
        `${this.file} was written by a newer pt (history schema v${version}; this pt knows up to v${SCHEMA_VERSION}): upgrade pt to use it`,
      );
    }
    if (version === SCHEMA_VERSION || mode === 'read') {
      if (version === 0) throw new CliError('E_INPUT', `no runs recorded in ${this.file}`);
      return;
    }
    // Every missing migration in one transaction: a file is at one version or the next, never between.
    await this.connection.run('BEGIN TRANSACTION');
    try {
      if (version === 0) {
        await this.connection.run(
          'CREATE TABLE migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)',
        );
      }
      for (const m of MIGRATIONS.filter((m) => m.version > version)) {
        await this.connection.run(m.sql);
        await this.connection.run('INSERT INTO migrations VALUES ($1, $2, current_timestamp::TIMESTAMP)', [
          m.version,
          m.name,
        ]);
      }
      await this.connection.run('COMMIT');
    } catch (error) {
      await this.connection.run('ROLLBACK');
      throw new CliError('E_INPUT', `cannot upgrade ${this.file}: ${firstLine(error)}`, { cause: error });
    }
  }

  /** Records one run in one transaction; returns its id. Nothing of it is visible until the commit. */
  async record(record: RunRecord, team: string | undefined): Promise<number> {
    const c = this.connection;
    await c.run('BEGIN TRANSACTION');
    try {
      const next = (await c.runAndReadAll('SELECT coalesce(max(id), 0) + 1 AS id FROM runs')).getRowObjectsJS();
      const id = Number(next[0]?.['id'] ?? 1);
      const r = record.run;
      await c.run(
        'INSERT INTO runs (id, evaluated_at, recorded_at, fleet_source, pt_version, inputs, team) VALUES ($1, make_timestamp($2::BIGINT * 1000), make_timestamp($3::BIGINT * 1000), $4, $5, $6, $7)',
        [id, r.evaluatedAt, r.recordedAt, r.fleetSource, r.ptVersion, r.inputs, team ?? null],
      );
      const services = await c.createAppender('services');
      const str = (v: string | null) => (v === null ? services.appendNull() : services.appendVarchar(v));
      const dbl = (v: number | null) => (v === null ? services.appendNull() : services.appendDouble(v));
      for (const s of record.services) {
        services.appendInteger(id);
        services.appendVarchar(s.name);
        services.appendVarchar(s.team);
        services.appendVarchar(s.health);
        services.appendInteger(s.points);
        dbl(s.reliabilityScore);
        services.appendVarchar(s.governance);
        str(s.scorecardName);
        str(s.scorecardLevel);
        dbl(s.scorecardScore);
        str(s.scorecardNextLevel);
        services.appendDouble(s.monthlyCost);
        services.appendVarchar(s.costTrend);
        services.appendInteger(s.slosMet);
        services.appendInteger(s.slosTotal);
        str(s.doraLevel);
        services.endRow();
      }
      services.closeSync();
      const reasons = await c.createAppender('reasons');
      for (const x of record.reasons) {
        reasons.appendInteger(id);
        reasons.appendVarchar(x.service);
        reasons.appendInteger(x.ordinal);
        reasons.appendVarchar(x.domain);
        reasons.appendInteger(x.points);
        reasons.appendVarchar(x.message);
        reasons.endRow();
      }
      reasons.closeSync();
      const s = record.summary;
      await c.run('INSERT INTO summary VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)', [
        id,
        s.totalServices,
        s.healthy,
        s.degraded,
        s.critical,
        s.unknown,
        s.sloBreaches,
        s.overBudget,
        s.governanceCompliant,
        s.totalMonthlyCost,
        s.avgReliabilityScore,
      ]);
      await c.run('COMMIT');
      return id;
    } catch (error) {
      await c.run('ROLLBACK').catch(() => undefined);
      throw new CliError('E_INPUT', `cannot record the run in ${this.file}: ${firstLine(error)}`, { cause: error });
    }
  }

  /** Rows of a query as plain objects. */
  async rows(sql: string, params: DuckDBValue[] = []): Promise<Record<string, unknown>[]> {
    const reader = await this.connection.runAndReadAll(sql, params);
    return reader.getRowObjectsJS();
  }

  /** The recorded runs, oldest first. */
  async runs(): Promise<{ id: number; evaluatedAt: number }[]> {
    const rows = await this.rows('SELECT id, epoch_ms(evaluated_at) AS at FROM runs ORDER BY evaluated_at, id');
    return rows.map((r) => ({ id: Number(r['id']), evaluatedAt: Number(r['at']) }));
  }

  /**
   * Service rows of the runs evaluated from `since` (epoch ms), for one service or team or all;
   * with `reasons`, each row's reason messages.
   */
  async points(filter: {
    readonly since: number;
    readonly service?: string | undefined;
    readonly team?: string | undefined;
    readonly reasons: boolean;
  }): Promise<ServicePoint[]> {
    const where = ['r.evaluated_at >= make_timestamp($1::BIGINT * 1000)'];
    const params: DuckDBValue[] = [filter.since];
    if (filter.service !== undefined) {
      params.push(filter.service);
      where.push(`s.name = $${params.length}`);
    }
    if (filter.team !== undefined) {
      params.push(filter.team);
      where.push(`s.team = $${params.length}`);
    }
    const reasons = filter.reasons
      ? `, (SELECT list(x.message ORDER BY x.ordinal) FROM reasons x WHERE x.run_id = s.run_id AND x.service = s.name) AS reasons`
      : '';
    const rows = await this.rows(
      `SELECT s.*, epoch_ms(r.evaluated_at) AS at${reasons} FROM services s JOIN runs r ON r.id = s.run_id WHERE ${where.join(' AND ')} ORDER BY r.evaluated_at, s.run_id, s.name`,
      params,
    );
    return rows.map((r) => ({
      ...serviceRowOf(r),
      runId: Number(r['run_id']),
      evaluatedAt: Number(r['at']),
      ...(filter.reasons ? { reasons: ((r['reasons'] as unknown[] | null) ?? []).map(text) } : {}),
    }));
  }

  /** Fleet summaries of the runs evaluated from `since`. */
  async summaries(since: number): Promise<SummaryPoint[]> {
    const rows = await this.rows(
      'SELECT s.*, epoch_ms(r.evaluated_at) AS at FROM summary s JOIN runs r ON r.id = s.run_id WHERE r.evaluated_at >= make_timestamp($1::BIGINT * 1000) ORDER BY r.evaluated_at, r.id',
      [since],
    );
    return rows.map((r) => ({ ...summaryOf(r), runId: Number(r['run_id']), evaluatedAt: Number(r['at']) }));
  }

  /** One run's rows, to rebuild its report. */
  async run(id: number): Promise<{ summary: ReportSummary; services: ServiceRow[]; reasons: ReasonRow[] }> {
    const [summary] = await this.rows('SELECT * FROM summary WHERE run_id = $1', [id]);
    if (summary === undefined) throw new CliError('E_INPUT', `run ${id} of ${this.file} has no summary`);
    const services = (await this.rows('SELECT * FROM services WHERE run_id = $1 ORDER BY rowid', [id])).map(
      serviceRowOf,
    );
    const reasons = (await this.rows('SELECT * FROM reasons WHERE run_id = $1', [id])).map((r) => ({
      service: String(r['service']),
      ordinal: Number(r['ordinal']),
      domain: String(r['domain']) as ReasonRow['domain'],
      points: Number(r['points']),
      message: String(r['message']),
    }));
    return { summary: summaryOf(summary), services, reasons };
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** A DuckDB value read as text (VARCHAR columns come back as strings). */
const text = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
const strOrNull = (v: unknown) => (v === null || v === undefined ? null : text(v));
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function serviceRowOf(r: Record<string, unknown>): ServiceRow {
  return {
    name: String(r['name']),
    team: String(r['team']),
    health: String(r['health']) as ServiceRow['health'],
    points: Number(r['points']),
    reliabilityScore: numOrNull(r['reliability_score']),
    governance: String(r['governance']) as ServiceRow['governance'],
    scorecardName: strOrNull(r['scorecard_name']),
    scorecardLevel: strOrNull(r['scorecard_level']),
    scorecardScore: numOrNull(r['scorecard_score']),
    scorecardNextLevel: strOrNull(r['scorecard_next_level']),
    monthlyCost: Number(r['monthly_cost']),
    costTrend: String(r['cost_trend']) as ServiceRow['costTrend'],
    slosMet: Number(r['slos_met']),
    slosTotal: Number(r['slos_total']),
    doraLevel: strOrNull(r['dora_level']),
  };
}

function summaryOf(r: Record<string, unknown>): ReportSummary {
  return {
    totalServices: Number(r['total_services']),
    healthy: Number(r['healthy']),
    degraded: Number(r['degraded']),
    critical: Number(r['critical']),
    unknown: Number(r['unknown']),
    sloBreaches: Number(r['slo_breaches']),
    overBudget: Number(r['over_budget']),
    governanceCompliant: Number(r['governance_compliant']),
    totalMonthlyCost: Number(r['total_monthly_cost']),
    avgReliabilityScore: Number(r['avg_reliability_score']),
  };
}
