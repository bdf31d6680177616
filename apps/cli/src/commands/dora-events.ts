import { choiceOption, stringOption, type Command } from '../command.js';
import { EXIT_CODES, checkFailed } from '../errors.js';
import { emitResult } from '../files.js';
import { loadFleet } from '../fleet/load-fleet.js';
import { INPUT_OPTIONS, TEXT_FORMATS, format, out } from '../options.js';
import { note } from '../stdio.js';
import { RANGE_OPTIONS, WINDOW_OPTIONS, loadEvents, rangeFrom, warnUnmatched } from '../reliability/load-events.js';

const FORMATS = TEXT_FORMATS;
const GROUPINGS = ['service', 'team'] as const;
/** The DORA levels a group may be required to reach, best first (`DoraLevelSchema` of @pt/reliability, without the lowest). */
export const FAIL_BELOW = ['elite', 'high', 'medium'] as const;

/** `pt dora <events…>`: the DORA metrics of event files; the group `pt dora` (dora.ts) sends its arguments here unless they start with a subcommand. */
export const doraEventsCommand: Command = {
  name: 'dora',
  summary: 'DORA metrics and levels from deployment, change and incident events',
  args: ['<events.jsonl|events.csv…>'],
  description:
    'Reads event files (JSON Lines or CSV; "-" reads JSON Lines from standard input) and prints the\n' +
    'DORA metrics of each service or team over a window: deployment frequency, lead time for\n' +
    'changes (median, p90), change failure rate, time to restore (median) and rework rate, each\n' +
    'classified into the DORA 2024 levels. "no data" means nothing in the window to measure.\n' +
    'By team, the team comes from --fleet, else from the events\' "team" field.\n' +
    'With --every week|month, the same figures per period (a trend): a row per period with its\n' +
    'level, then each metric as a sparkline beside its first, last and whole-window values.',
  options: {
    ...WINDOW_OPTIONS,
    ...RANGE_OPTIONS,
    by: {
      type: 'string',
      streamable: false,
      value: '<service|team>',
      description: 'Group by service or by team (default: service)',
      choices: GROUPINGS,
    },
    fleet: {
      type: 'string',
      streamable: false,
      value: '<fleet>',
      description: 'Fleet file: service → team, and services it lacks are reported',
    },
    format: format(FORMATS),
    'fail-below': {
      type: 'string',
      streamable: false,
      value: `<${FAIL_BELOW.join('|')}>`,
      choices: FAIL_BELOW,
      description: 'Exit 1 if a service (or team) has a DORA level below this one (no data is not judged)',
    },
    out: out('result'),
    ...INPUT_OPTIONS,
  },
  examples: [
    'pt dora examples/events/events.jsonl --at 2026-11-28T00:00:00Z',
    'pt dora examples/events/events.jsonl examples/events/incidents.csv --window 90d --by team --fleet examples/fleet.yaml',
    'pt dora events.jsonl --format json --out dora.json',
    'pt dora events.jsonl --every week --from 2026-09-07 --to 2026-11-30',
  ],
  async run({ values, positionals }, io) {
    const lib = await import('@pt/toolkit');
    const range = rangeFrom(lib, values);
    const by = choiceOption(values, 'by', GROUPINGS) ?? 'service';
    const format = choiceOption(values, 'format', FORMATS) ?? 'table';
    const fleetFile = stringOption(values, 'fleet');
    const fleet = fleetFile === undefined ? undefined : await loadFleet(lib, fleetFile, values, io);
    const events = await loadEvents(lib, positionals, values, io);
    const options = fleet === undefined ? { by } : { by, fleet };
    if (range.kind === 'trend') {
      const trend = lib.buildDoraTrend(events, range.periods, range.every, options);
      await warnUnmatched(
        io,
        trend.ungrouped,
        fleet === undefined ? 'no team' : 'service not in the fleet',
        lib.printable,
      );
      const text =
        format === 'json'
          ? lib.renderDoraTrendJson(trend)
          : format === 'markdown'
            ? lib.renderDoraTrendMarkdown(trend)
            : lib.renderDoraTrendTable(trend);
      await emitResult(io, stringOption(values, 'out'), text, `${format} DORA trend`);
      return EXIT_CODES.ok;
    }
    const report = lib.buildDoraReport(events, range.window, options);
    await warnUnmatched(
      io,
      report.ungrouped,
      fleet === undefined ? 'no team' : 'service not in the fleet',
      lib.printable,
    );
    const text =
      format === 'json'
        ? lib.renderDoraJson(report)
        : format === 'markdown'
          ? lib.renderDoraMarkdown(report)
          : lib.renderDoraTable(report);
    const out = stringOption(values, 'out');
    await emitResult(io, out, text, `${format} DORA metrics`);
    const floor = choiceOption(values, 'fail-below', FAIL_BELOW);
    if (floor !== undefined) {
      const { below, unrated } = lib.groupsBelow(report, floor);
      if (unrated.length > 0) {
        const names = unrated.map((g) => lib.printable(g.name));
        await note(io, `pt: note: --fail-below ${floor}: no level to judge for ${names.join(', ')} (no data)\n`);
      }
      const named = below.map((g) => `${lib.printable(g.name)} (${g.level ?? ''})`);
      if (named.length > 0) throw checkFailed(`--fail-below ${floor}`, named, by);
    }
    return EXIT_CODES.ok;
  },
};
