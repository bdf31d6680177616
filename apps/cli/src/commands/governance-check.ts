import { choiceOption, stringOption, type Command } from '../command.js';
import { CliError, EXIT_CODES } from '../errors.js';
import { emitResult } from '../files.js';
import { GOVERNANCE_OPTIONS, loadGovernanceOptions, warnUnknownWaivers } from '../governance/load.js';
import { loadFleet } from '../fleet/load-fleet.js';
import { INPUT_OPTIONS, format, out } from '../options.js';
import { write, type Io } from '../stdio.js';
import type { FailBelowResult } from '@pt/toolkit';

/** Services named in the `--fail-below` message; the rest are counted. */
const MAX_NAMED = 10;

/**
 * `--fail-below`: a note for scorecards without the level (not gated), then `E_CHECK_FAILED`
 * naming the services below it (the result is already written).
 */
async function applyFailBelow(gate: FailBelowResult, several: boolean, io: Io): Promise<void> {
  if (gate.notGated.length > 0) {
    await write(
      io.stderr,
      `pt: note: --fail-below ${gate.level}: not applied to ${gate.notGated.join(', ')} (no level "${gate.level}")\n`,
    );
  }
  if (gate.below.length === 0) return;
  const named = gate.below
    .slice(0, MAX_NAMED)
    .map((b) => `${b.service} (${several ? `${b.scorecard} ` : ''}${b.level ?? 'none'})`);
  const more = gate.below.length - named.length;
  const services = new Set(gate.below.map((b) => b.service)).size;
  throw new CliError(
    'E_CHECK_FAILED',
    `--fail-below ${gate.level}: ${services} service${services === 1 ? '' : 's'} below: ${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
  );
}

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
    'fail-below': {
      type: 'string',
      streamable: false,
      value: '<level>',
      description:
        'Exit 1 when a scored service is below this level on a scorecard that has it (the result is printed)',
    },
    format: format(FORMATS),
    out: out('result'),
    ...INPUT_OPTIONS,
  },
  examples: [
    'pt governance check examples/fleet.yaml --by team',
    'pt governance check fleet.yaml --scorecard scorecard.yaml --catalog catalog/ --at 2026-03-01',
    'pt governance check fleet.yaml --format json',
    'pt governance check fleet.yaml --scorecard services.yaml --scorecard websites.yaml --fail-below silver',
  ],
  async run({ values, positionals }, io) {
    const lib = await import('@pt/toolkit');
    const fleet = await loadFleet(lib, positionals[0] ?? '-', values, io);
    const options = await loadGovernanceOptions(lib, values, io);
    const scorecards = options.scorecards ?? [options.scorecard ?? lib.DEFAULT_SCORECARD];
    const failBelow = stringOption(values, 'fail-below');
    if (failBelow !== undefined) {
      const problem = lib.failBelowProblem(scorecards, failBelow);
      if (problem !== null) {
        throw new CliError('E_USAGE', `--fail-below: ${problem}`, {
          hint: "Run 'pt governance check --help' for usage.",
        });
      }
    }
    await warnUnknownWaivers(lib, fleet, options, io);
    const toolkit = lib.PlatformToolkit.fromFleet(fleet, options);
    const check = lib.governanceCheck(toolkit.services(), {
      scorecards,
      ...(options.at === undefined ? {} : { at: options.at }),
      byTeam: stringOption(values, 'by') === 'team',
      ...(failBelow === undefined ? {} : { failBelow }),
    });
    const format = choiceOption(values, 'format', FORMATS) ?? 'table';
    const text = format === 'json' ? `${JSON.stringify(check, null, 2)}\n` : lib.renderGovernanceCheck(check);
    const out = stringOption(values, 'out');
    await emitResult(io, out, text, `${format} governance check`);
    if (check.failBelow !== undefined) await applyFailBelow(check.failBelow, scorecards.length > 1, io);
    return EXIT_CODES.ok;
  },
};
