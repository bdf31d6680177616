import { CliError } from '../errors.js';
import { loadDuckDb } from '../duckdb.js';

import type * as ToolkitModule from '@pt/toolkit';
import type { CostConfig, CostCube, CubeSqlRow } from '@pt/toolkit';

type Toolkit = typeof ToolkitModule;

/** The DuckDB table function reading the files: Parquet by extension, else CSV (gzip detected). */
export function sourceSql(lib: Toolkit, files: readonly string[]): string {
  const list = `[${files.map((f) => lib.sqlString(f)).join(', ')}]`;
  const parquet = files.every((f) => /\.parquet$/i.test(f));
  return parquet
    ? `read_parquet(${list}, union_by_name = true)`
    : `read_csv(${list}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"', union_by_name = true)`;
}

/**
 * Column names as the file wrote them: DuckDB renames a repeated CSV column `X` to `X_1`, `X_2`…,
 * which would hide a FOCUS column named twice (the stream engine refuses it).
 */
export function writtenNames(header: readonly string[]): string[] {
  return header.map((name) => {
    const base = /^(.+)_\d+$/.exec(name)?.[1];
    return base !== undefined && header.includes(base) ? base : name;
  });
}

const isDuplicate = (problem: { readonly message: string }) => problem.message.startsWith('duplicate column ');

/**
 * The cube computed by DuckDB (`@duckdb/node-api`, loaded only here): files or globs, CSV or
 * Parquet; the aggregation runs as SQL ({@link ToolkitModule.focusCubeSql}).
 */
export async function duckdbCube(lib: Toolkit, files: readonly string[], config: CostConfig): Promise<CostCube> {
  const duckdb = await loadDuckDb('--engine duckdb');
  const instance = await duckdb.DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    const source = sourceSql(lib, files);
    let header: string[];
    try {
      const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`);
      header = described.getRowObjectsJS().map((r) => {
        const name = r['column_name'];
        return typeof name === 'string' ? name : JSON.stringify(name);
      });
    } catch (error) {
      const message = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
      throw new CliError('E_INPUT', `cannot read ${files.join(', ')}: ${message}`, { cause: error });
    }
    const { names, problems } = lib.resolveColumns(header, config.metric);
    problems.push(...lib.resolveColumns(writtenNames(header), config.metric).problems.filter(isDuplicate));
    if (problems.length > 0) {
      throw new CliError(
        'E_INVALID',
        `${files.join(', ')}: not a FOCUS file: ${problems.map((p) => p.message).join(', ')}`,
      );
    }
    const sql = lib.focusCubeSql({ source, names, metric: config.metric, allocation: config.allocation });
    let rows: CubeSqlRow[];
    try {
      rows = (await connection.runAndReadAll(sql)).getRowObjectsJS() as unknown as CubeSqlRow[];
    } catch (error) {
      const message = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
      throw new CliError('E_INVALID', `cannot aggregate ${files.join(', ')}: ${message}`, { cause: error });
    }
    const cube = lib.cubeFromSqlRows(rows, config.metric);
    if (config.onBadRow === 'error' && cube.stats.skippedRows > 0) {
      const n = cube.stats.skippedRows;
      throw new CliError(
        'E_INVALID',
        `${files.join(', ')}: ${n} bad row${n === 1 ? '' : 's'} (bad currency, amount, timestamp or service tag); ` +
          'run with --engine stream to locate them, or --on-bad-row skip to leave them out',
      );
    }
    return cube;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
