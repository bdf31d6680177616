import type { Command } from '../command.js';

/** `pt dora import <source>`: one command file per source. */
export const doraImportCommand: Command = {
  name: 'dora import',
  summary: 'Write delivery events (JSON Lines) from the tools where they live',
  args: [],
  description:
    'Reads delivery data where it lives and writes it as the event JSON Lines `pt dora` reads, on\n' +
    'standard output or to --out. Records it cannot use are counted on stderr with examples.',
  options: {},
  examples: ["pt dora import git . --deploy-tags 'v*' --service api > events.jsonl"],
  subcommands: {
    options: 'own',
    entries: [
      {
        name: 'git',
        summary: 'Changes are commits, deployments are tags or merges into a branch',
        load: async () => (await import('./dora-import-git.js')).doraImportGitCommand,
      },
    ],
    unknown: (given) => `unknown importer "dora import ${given}" (use git)`,
  },
};
