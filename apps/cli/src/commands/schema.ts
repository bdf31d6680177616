import { stringOption, type Command } from '../command.js';
import { CliError, EXIT_CODES } from '../errors.js';
import { emitResult } from '../files.js';
import { out } from '../options.js';

const SUBJECTS = ['fleet', 'report', 'config'] as const;

export const schemaCommand: Command = {
  name: 'schema',
  summary: 'Print the JSON Schema of the fleet file, the JSON report or the project config file',
  args: ['<fleet|report|config>'],
  description:
    'Prints JSON Schema (draft 2020-12) generated from the schemas pt validates with. Point an editor at the\n' +
    'fleet schema (or the config schema) for completion and inline errors, e.g. with a first line\n' +
    '  # yaml-language-server: $schema=./fleet.schema.json',
  options: {
    out: out('schema'),
  },
  examples: [
    'pt schema fleet --out fleet.schema.json',
    'pt schema report | jq .properties.summary',
    'pt schema config --out pt.config.schema.json',
  ],
  async run({ values, positionals }, io) {
    const subject = SUBJECTS.find((s) => s === positionals[0]);
    if (subject === undefined) {
      throw new CliError('E_USAGE', `expected "fleet", "report" or "config"; got "${positionals[0] ?? ''}"`, {
        hint: "Run 'pt schema --help' for usage.",
      });
    }
    // The config file is the CLI's own: its schema lives here, beside the options it stands for.
    const schema =
      subject === 'config'
        ? (await import('../config/schema.js')).configJsonSchema()
        : (await import('@pt/toolkit')).jsonSchemaFor(subject);
    const text = `${JSON.stringify(schema, null, 2)}\n`;
    const out = stringOption(values, 'out');
    await emitResult(io, out, text, `the ${subject} schema`);
    return EXIT_CODES.ok;
  },
};
