import { choiceOption, stringOption, type Command } from '../command.js';
import { CliError, EXIT_CODES } from '../errors.js';
import { emitResult } from '../files.js';
import { HISTORY_OPTIONS, TEAM, TEXT_FORMATS, at, format, out } from '../options.js';
import { note } from '../stdio.js';

/** `pt history`: the recorded runs of each service (or team, or the fleet), their transitions. */
export const historyShowCommand: Command = {
  name: 'history',
  summary: 'Recorded reports over time: health, score, cost and SLOs per service, transitions; export',
  args: [],
  description:
    'Reads the history recorded by "pt report --record" and prints, per service, each recorded run\n' +
    '(health, reason points, reliability score, monthly cost and trend, SLOs met, scorecard or DORA\n' +
    'level) with a sparkline of its score and cost, then every health transition with the reasons of\n' +
    'the run that changed. --fleet adds the fleet summary of each run.',
  options: {
    service: {
      type: 'string',
      short: 's',
      value: '<name>',
      description: 'Only this service',
      streamable: false,
    },
    team: TEAM,
    since: {
      type: 'string',
      value: '<duration>',
      description: 'Only runs evaluated this long before --at or now, e.g. 7d, 12w, 6M (default: 90d)',
      streamable: false,
    },
    at: at('since'),
    fleet: { type: 'boolean', description: 'Add the fleet summary of each run', streamable: false },
    format: format(TEXT_FORMATS),
    out: out('history'),
    ...HISTORY_OPTIONS,
  },
  examples: [
    'pt history --service checkout',
    'pt history --team payments --since 30d --format markdown',
    'pt history --fleet --since 1Y --history ci/pt-history.duckdb',
  ],
  async run({ values }, io) {
    const lib = await import('@pt/toolkit');
    const service = stringOption(values, 'service');
    const team = stringOption(values, 'team');
    if (service !== undefined && team !== undefined)
      throw new CliError('E_USAGE', 'give --service or --team, not both');
    const { openHistory, sinceTime } = await import('../history/use.js');
    const since = sinceTime(lib, values, Date.now(), '90d');
    const fleet = values['fleet'] === true;
    const store = await openHistory(values, 'read');
    let view;
    try {
      const points = await store.points({ since, service, team, reasons: true });
      if (points.length === 0 && (service !== undefined || team !== undefined)) {
        const what = service !== undefined ? `service ${JSON.stringify(service)}` : `team ${JSON.stringify(team)}`;
        await note(io, `pt: warning: no recorded run since ${lib.formatTimestamp(since)} has ${what}\n`);
      }
      view = lib.historyView(points, fleet ? await store.summaries(since) : undefined);
    } finally {
      store.close();
    }
    const chosen = choiceOption(values, 'format', TEXT_FORMATS) ?? 'table';
    const text =
      chosen === 'json'
        ? lib.renderHistoryJson(view)
        : chosen === 'markdown'
          ? lib.renderHistoryMarkdown(view)
          : lib.renderHistoryTable(view);
    await emitResult(io, stringOption(values, 'out'), text, `${chosen} history`);
    return EXIT_CODES.ok;
  },
};
