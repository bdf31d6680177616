import type { Command } from '../command.js';
import { EXIT_CODES } from '../errors.js';
import { write } from '../stdio.js';
import { loadCatalog } from '../governance/load.js';
import { INPUT_OPTIONS } from '../options.js';

export const importCatalogCommand: Command = {
  name: 'governance import-catalog',
  summary: 'Print fleet-file services from Backstage catalog entities',
  args: ['<dir…>'],
  description:
    'Reads every *.yaml / *.yml file (e.g. catalog-info.yaml, any number of documents) under the folders or\n' +
    'files given and prints a pt/v1 fleet file with one service per Component: team from spec.owner,\n' +
    'governance flags and facts from its links and annotations. Any invalid entity fails the import.',
  options: INPUT_OPTIONS,
  examples: [
    'pt governance import-catalog catalog/ > fleet.yaml',
    'pt governance import-catalog a/catalog-info.yaml b/',
  ],
  async run({ values, positionals }, io) {
    const lib = await import('@pt/toolkit');
    const entities = await loadCatalog(lib, positionals, values, io);
    await write(io.stdout, lib.renderFleetYaml(lib.catalogFleet(entities)));
    return EXIT_CODES.ok;
  },
};
