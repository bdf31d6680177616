import type { Command } from '../command.js';

/** `pt governance <check|import-catalog>`: a group of commands with their own options, one file each. */
export const governanceCommand: Command = {
  name: 'governance',
  summary: 'Score services on a governance scorecard; import a Backstage catalog',
  args: [],
  description:
    'Governance scorecards: rules in cumulative levels, weighted, with waivers that expire, rolled up\n' +
    'per team and fleet; and facts from a Backstage software catalog.',
  options: {},
  examples: ['pt governance check examples/fleet.yaml', 'pt governance import-catalog catalog/'],
  subcommands: {
    options: 'own',
    entries: [
      {
        name: 'check',
        summary: 'Level, score and next-level gap of every service, with roll-ups',
        load: async () => (await import('./governance-check.js')).governanceCheckCommand,
      },
      {
        name: 'import-catalog',
        summary: 'Print fleet-file services from Backstage catalog entities',
        load: async () => (await import('./governance-import-catalog.js')).importCatalogCommand,
      },
    ],
    unknown: (given) => `unknown command "governance ${given}"`,
  },
};
