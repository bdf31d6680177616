import type { Command } from '../command.js';
import { CliError } from '../errors.js';
import { governanceCheckCommand } from './governance-check.js';
import { importCatalogCommand } from './governance-import-catalog.js';

/** `pt governance <check|import-catalog>`: the group; `main` picks the subcommand. */
export const governanceCommand: Command = {
  name: 'governance',
  summary: 'Score services on a governance scorecard; import a Backstage catalog',
  args: [],
  description:
    'Governance scorecards: rules in cumulative levels, weighted, with waivers that expire, rolled up\n' +
    'per team and fleet; and facts from a Backstage software catalog.',
  options: {},
  examples: ['pt governance check examples/fleet.yaml', 'pt governance import-catalog catalog/'],
  subcommands: [governanceCheckCommand, importCatalogCommand],
  run() {
    return Promise.reject(new CliError('E_USAGE', 'missing command for pt governance'));
  },
};
