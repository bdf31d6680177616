import type { Command } from '../command.js';

/** `pt history` and `pt history export`: the recorded runs per service, team or fleet; the tables as Parquet. */
export const historyCommand: Command = {
  name: 'history',
  summary: 'Recorded reports over time: health, score, cost and SLOs per service, transitions; export',
  args: [],
  description: 'The runs recorded by "pt report --record", and their export for a warehouse.',
  options: {},
  examples: ['pt history --service checkout', 'pt history export --parquet history-parquet/'],
  subcommands: {
    options: 'own',
    entries: [
      {
        name: 'export',
        summary: 'Write the history tables as Parquet files',
        load: async () => (await import('./history-export.js')).historyExportCommand,
      },
    ],
    unknown: (given) => `unknown command "history ${given}"`,
    otherwise: async () => (await import('./history-show.js')).historyShowCommand,
  },
};
