import { stringOption, type Command } from '../command.js';
import { CliError, EXIT_CODES } from '../errors.js';
import { emitResult } from '../files.js';
import { out } from '../options.js';

const SUBJECTS = ['fleet', 'report'] as const;

export const schemaCommand: Command = {
  name: 'schema',
  summary: 'Print the JSON Schema of the fleet file or of the JSON report',
  args: ['<fleet|report>'],
  description:
    'Prints JSON Schema (draft 2020-12) generated from the schemas pt validates with. Point an editor at the\n' +
    'fleet schema for completion and inline errors, e.g. with a first line\n' +
    '  # yaml-language-server: $schema=./fleet.schema.json',
  options: {
    out: out('schema'),
  },
  examples: ['pt schema fleet --out fleet.schema.json', 'pt schema report | jq .properties.summary'],
  async run({ values, positionals }, io) {
    const subject = SUBJECTS.find((s) => s === positionals[0]);
    if (subject === undefined) {
      throw new CliError('E_USAGE', `expected "fleet" or "report"; got "${positionals[0] ?? ''}"`, {
        hint: "Run 'pt schema --help' for usage.",
      });
    }
    const lib = await import('@pt/toolkit');
    const text = `${JSON.stringify(lib.jsonSchemaFor(subject), null, 2)}\n`;
    const out = stringOption(values, 'out');
    await emitResult(io, out, text, `the ${subject} schema`);
    return EXIT_CODES.ok;
  },
};
