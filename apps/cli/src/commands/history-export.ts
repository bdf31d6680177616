import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { stringOption, type Command } from '../command.js';
import { CliError, EXIT_CODES } from '../errors.js';
import { HISTORY_OPTIONS } from '../options.js';
import { note } from '../stdio.js';

/** `pt history export --parquet <dir>`: every table of the history as one Parquet file. */
export const historyExportCommand: Command = {
  name: 'history export',
  summary: 'Write the history tables as Parquet files',
  args: [],
  description:
    'Writes each table of the history (runs, services, reasons, summary, migrations) as\n' +
    '<dir>/<table>.parquet, for a warehouse or DuckDB to query. Existing files of those names are replaced.',
  options: {
    parquet: {
      type: 'string',
      value: '<dir>',
      description: 'The directory to write the Parquet files to (created if missing)',
      streamable: false,
    },
    ...HISTORY_OPTIONS,
  },
  examples: ['pt history export --parquet history-parquet/'],
  async run({ values }, io) {
    const dir = stringOption(values, 'parquet');
    if (dir === undefined) throw new CliError('E_USAGE', 'missing --parquet <dir>');
    const lib = await import('@pt/toolkit');
    const { openHistory } = await import('../history/use.js');
    const { TABLES } = await import('../history/store.js');
    try {
      await mkdir(dir, { recursive: true });
    } catch (error) {
      throw new CliError('E_INPUT', `cannot create ${dir}: ${(error as Error).message}`, { cause: error });
    }
    const store = await openHistory(values, 'read');
    try {
      for (const table of TABLES) {
        const file = join(dir, `${table}.parquet`);
        try {
          await store.connection.run(`COPY ${table} TO ${lib.sqlString(file)} (FORMAT parquet)`);
        } catch (error) {
          throw new CliError('E_INPUT', `cannot write ${file}: ${(error as Error).message.split('\n')[0] ?? ''}`, {
            cause: error,
          });
        }
        const [row] = await store.rows(`SELECT count(*) AS n FROM ${table}`);
        await note(io, `pt: wrote ${file} (${Number(row?.['n'] ?? 0)} rows)\n`);
      }
    } finally {
      store.close();
    }
    return EXIT_CODES.ok;
  },
};
