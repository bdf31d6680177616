import type { Command } from '../command.js';
import { EXIT_CODES } from '../errors.js';
import { write } from '../stdio.js';
import { loadFleet } from '../fleet/load-fleet.js';
import { INPUT_OPTIONS } from '../options.js';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check a fleet file and list every problem in it',
  args: ['<fleet.yaml|fleet.json|->'],
  description:
    'Validates a fleet file against the pt/v1 schema. Prints every problem as "file:line path: message"\n' +
    'on stderr and exits 2, or confirms the file on stdout and exits 0.',
  options: INPUT_OPTIONS,
  examples: ['pt validate examples/fleet.yaml', 'pt validate - < fleet.json'],
  async run({ values, positionals }, io) {
    const lib = await import('@pt/toolkit');
    const file = positionals[0] ?? '-';
    const fleet = await loadFleet(lib, file, values, io);
    const teams = new Set(fleet.services.map((s) => s.team)).size;
    const services = fleet.services.length;
    await write(
      io.stdout,
      `${file === '-' ? '<stdin>' : file}: valid (${services} service${services === 1 ? '' : 's'}, ${teams} team${teams === 1 ? '' : 's'})\n`,
    );
    return EXIT_CODES.ok;
  },
};
