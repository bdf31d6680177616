import { choiceOption, stringOption, type Command } from '../command.js';
import { EXIT_CODES } from '../errors.js';
import { emitResult } from '../files.js';
import { GOVERNANCE_OPTIONS, loadGovernanceOptions, warnUnknownWaivers } from '../governance/load.js';
import { loadFleet } from '../fleet/load-fleet.js';
import { INPUT_OPTIONS, format, out } from '../options.js';

const FORMATS = ['table', 'json'] as const;

export const governanceCheckCommand: Command = {
  name: 'governance check',
  summary: 'Level, score and next-level gap of every service, with roll-ups',
  args: ['<fleet.yaml|fleet.json|->'],
  description:
    'Scores every service that has a governance section, facts or a catalog entry on a scorecard (default:\n' +
    "the seed's five checks as bronze/silver/gold rules): level reached, weighted score 0-100, the rules to\n" +
    'fix for the next level; then the fleet roll-up (levels, average score, most-failed rules).',
  options: {
    ...GOVERNANCE_OPTIONS,
    by: { type: 'string', streamable: false, value: '<team>', description: 'Also roll up per team', choices: ['team'] },
    format: format(FORMATS),
    out: out('result'),
    ...INPUT_OPTIONS,
  },
  examples: [
    'pt governance check examples/fleet.yaml --by team',
    'pt governance check fleet.yaml --scorecard scorecard.yaml --catalog catalog/ --at 2026-03-01',
    'pt governance check fleet.yaml --format json',
  ],
  async run({ values, positionals }, io) {
    const lib = await import('@pt/toolkit');
    const fleet = await loadFleet(lib, positionals[0] ?? '-', values, io);
    const options = await loadGovernanceOptions(lib, values, io);
    await warnUnknownWaivers(lib, fleet, options, io);
    const toolkit = lib.PlatformToolkit.fromFleet(fleet, options);
    const check = lib.governanceCheck(toolkit.services(), {
      ...(options.scorecard === undefined ? {} : { scorecard: options.scorecard }),
      ...(options.at === undefined ? {} : { at: options.at }),
      byTeam: stringOption(values, 'by') === 'team',
    });
    const format = choiceOption(values, 'format', FORMATS) ?? 'table';
    const text = format === 'json' ? `${JSON.stringify(check, null, 2)}\n` : lib.renderGovernanceCheck(check);
    const out = stringOption(values, 'out');
    await emitResult(io, out, text, `${format} governance check`);
    return EXIT_CODES.ok;
  },
};
