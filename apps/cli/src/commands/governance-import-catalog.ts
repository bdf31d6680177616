import { listOption, stringOption, type Command } from '../command.js';
import { CliError, EXIT_CODES } from '../errors.js';
import { emitResult } from '../files.js';
import { note } from '../stdio.js';
import { readCatalog } from '../governance/load.js';
import { INPUT_OPTIONS, out } from '../options.js';

export const importCatalogCommand: Command = {
  name: 'governance import-catalog',
  summary: 'Print fleet-file services from Backstage catalog entities',
  args: ['<dir…>'],
  description:
    'Reads every *.yaml / *.yml file (e.g. catalog-info.yaml, any number of documents) under the folders or\n' +
    'files given and prints a pt/v1 fleet file with one service per Component: team from spec.owner,\n' +
    'governance flags and facts from its links and annotations. Every valid entity is imported; each\n' +
    'invalid one is reported on stderr (file:line document N path: message), then a summary line;\n' +
    'exit 0, or 2 with --strict. --kind, --type and --lifecycle choose the entities (repeatable).',
  options: {
    kind: {
      type: 'string',
      streamable: false,
      value: '<kind>',
      description: 'Import entities of this kind as services (default Component; repeatable)',
      multiple: true,
    },
    type: {
      type: 'string',
      streamable: false,
      value: '<type>',
      description: 'Only entities with this spec.type, e.g. service (repeatable)',
      multiple: true,
    },
    lifecycle: {
      type: 'string',
      streamable: false,
      value: '<lifecycle>',
      description: 'Only entities with this spec.lifecycle, e.g. production (repeatable)',
      multiple: true,
    },
    strict: {
      type: 'boolean',
      streamable: false,
      description: 'Exit 2 (print nothing) if any entity is invalid',
    },
    out: out('fleet file'),
    ...INPUT_OPTIONS,
  },
  examples: [
    'pt governance import-catalog catalog/ > fleet.yaml',
    'pt governance import-catalog catalog/ --type service --lifecycle production --out fleet.yaml',
    'pt governance import-catalog a/catalog-info.yaml b/ --strict',
  ],
  async run({ values, positionals }, io) {
    const lib = await import('@pt/toolkit');
    const strict = values['strict'] === true;
    const catalog = await readCatalog(lib, positionals, values, io, { partial: true });
    const kinds = listOption(values, 'kind');
    const types = listOption(values, 'type');
    const lifecycles = listOption(values, 'lifecycle');
    const chosen = lib.filterEntities(catalog.entities, { kinds, types, lifecycles });
    const fleet = lib.catalogFleet(chosen, kinds.length > 0 ? kinds : undefined);
    const valid = catalog.entities.length;
    const skipped = valid - chosen.length;
    const notServices = chosen.length - fleet.services.length;
    const parts = [
      `imported ${valid} of ${catalog.documents} entities; ${catalog.invalid} invalid`,
      ...(skipped > 0 ? [`${skipped} left out by --kind/--type/--lifecycle`] : []),
      `${fleet.services.length} service${fleet.services.length === 1 ? '' : 's'}` +
        (notServices > 0
          ? ` (${notServices} not of kind ${kinds.length > 0 ? kinds.join(', ') : 'Component'} or a duplicate name)`
          : ''),
    ];
    await note(io, `pt: ${parts.join('; ')}\n`);
    if (strict && catalog.invalid > 0) throw new CliError('E_INVALID', 'the catalog has invalid entities (--strict)');
    await emitResult(io, stringOption(values, 'out'), lib.renderFleetYaml(fleet), 'fleet file');
    return EXIT_CODES.ok;
  },
};
