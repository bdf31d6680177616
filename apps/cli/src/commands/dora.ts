import type { Command } from '../command.js';

/** `pt dora <events…>` and `pt dora import <source>`: the metrics of event files, and events from your tools. */
export const doraCommand: Command = {
  name: 'dora',
  summary: 'DORA metrics and levels from deployment, change and incident events',
  args: [],
  description: 'DORA metrics from event files, and importers that write such files from git and other tools.',
  options: {},
  examples: ['pt dora events.jsonl', "pt dora import git . --deploy-tags 'v*' --service api"],
  subcommands: {
    options: 'own',
    entries: [
      {
        name: 'import',
        summary: 'Write events (JSON Lines) from git, GitHub, PagerDuty or Opsgenie',
        load: async () => (await import('./dora-import.js')).doraImportCommand,
      },
    ],
    unknown: (given) => `unknown command "dora ${given}"`,
    otherwise: async () => (await import('./dora-events.js')).doraEventsCommand,
  },
};
