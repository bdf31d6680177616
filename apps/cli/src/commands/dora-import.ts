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
  examples: [
    "pt dora import git . --deploy-tags 'v*' --service api > events.jsonl",
    'pt dora import github deployments.json statuses.json pulls.json pull-commits.json > events.jsonl',
    'pt dora import pagerduty incidents.json > incidents.jsonl',
  ],
  subcommands: {
    options: 'own',
    entries: [
      {
        name: 'git',
        summary: 'Changes are commits, deployments are tags or merges into a branch',
        load: async () => (await import('./dora-import-git.js')).doraImportGitCommand,
      },
      {
        name: 'github',
        summary: 'Deployments, statuses, merged pull requests and commits from GitHub API JSON',
        load: async () => (await import('./dora-import-github.js')).doraImportGithubCommand,
      },
      {
        name: 'pagerduty',
        summary: 'Incidents from PagerDuty REST API JSON',
        load: async () => (await import('./dora-import-pagerduty.js')).doraImportPagerdutyCommand,
      },
      {
        name: 'opsgenie',
        summary: 'Incidents from an Opsgenie alert export',
        load: async () => (await import('./dora-import-opsgenie.js')).doraImportOpsgenieCommand,
      },
    ],
    unknown: (given) => `unknown importer "dora import ${given}" (use git, github, pagerduty or opsgenie)`,
  },
};
