import type * as DuckDbModule from '@duckdb/node-api';
import { CliError } from './errors.js';

/** DuckDB's JavaScript API (`@duckdb/node-api`). */
export type DuckDb = typeof DuckDbModule;

/**
 * Loads DuckDB's JavaScript API on first use (the commands that need it are the only ones to pay
 * for it). The CLI bundle carries it as a CommonJS module, whose exports arrive as `default`;
 * unbundled (tests), they arrive by name too. `purpose` says what needed it, for the error.
 */
export async function loadDuckDb(purpose: string): Promise<DuckDb> {
  try {
    const loaded = (await import('@duckdb/node-api')) as DuckDb & { readonly default?: DuckDb };
    return loaded.default ?? loaded;
  } catch (error) {
    throw new CliError('E_INPUT', `${purpose} needs the @duckdb/node-api package, which is not installed`, {
      cause: error,
    });
  }
}
