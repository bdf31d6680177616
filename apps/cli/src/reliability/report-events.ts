import { choiceOption, listOption, stringOption, type OptionSpec, type ParsedArgs } from '../command.js';
import { CliError } from '../errors.js';
import type { Io } from '../stdio.js';
import { TREND_EVERY, WINDOW_OPTIONS, eventFiles, loadEvents, warnUnmatched, windowFrom } from './load-events.js';

import type * as ToolkitModule from '@pt/toolkit';
import type { Fleet, PlatformToolkit, ToolkitOptions } from '@pt/toolkit';

type Toolkit = typeof ToolkitModule;

/** `pt report` options that fill services' reliability from events. */
export const EVENTS_OPTIONS = {
  events: {
    type: 'string',
    streamable: false,
    value: '<files…>',
    description: 'Derive reliability from event files (.jsonl/.ndjson/.csv; repeat or comma-separate)',
    multiple: true,
  },
  ...WINDOW_OPTIONS,
  trend: {
    type: 'string',
    streamable: false,
    value: '<n>',
    description: "Periods of each service's DORA trend, ending at the window end (default: 6; 0: none)",
  },
  every: {
    type: 'string',
    streamable: false,
    value: '<week|month>',
    description: 'Length of a DORA trend period (default: week)',
    choices: TREND_EVERY,
  },
} as const satisfies Record<string, OptionSpec>;

/** `--trend <n>` and `--every`: the trend each service's `dora` key shows. */
function trendFrom(lib: Toolkit, values: ParsedArgs['values']): { every: 'week' | 'month'; periods: number } {
  const text = stringOption(values, 'trend');
  const periods = text === undefined ? lib.DEFAULT_REPORT_TREND.periods : Number(text);
  if (!/^\d{1,3}$/.test(text ?? '0') || periods > 120) {
    throw new CliError('E_USAGE', `--trend must be a whole number of periods from 0 to 120; got "${text ?? ''}"`);
  }
  return { every: choiceOption(values, 'every', TREND_EVERY) ?? lib.DEFAULT_REPORT_TREND.every, periods };
}

/** The toolkit for `pt report`: from the fleet (and scorecard), with reliability from `--events` when given. */
export async function toolkitFor(
  lib: Toolkit,
  fleet: Fleet,
  values: ParsedArgs['values'],
  governance: ToolkitOptions,
  io: Io,
): Promise<PlatformToolkit> {
  const files = eventFiles(listOption(values, 'events'));
  if (files.length === 0) {
    const stray = ['window', 'trend', 'every'].find((name) => values[name] !== undefined);
    if (stray !== undefined) {
      throw new CliError('E_USAGE', `--${stray} needs --events`, { hint: "Run 'pt report --help' for usage." });
    }
    return lib.PlatformToolkit.fromFleet(fleet, governance);
  }
  const window = windowFrom(lib, values);
  const trend = trendFrom(lib, values);
  const events = await loadEvents(lib, files, values, io);
  const { toolkit, unmatched } = lib.toolkitWithEvents(fleet, events, window, governance, trend);
  await warnUnmatched(io, unmatched, 'service not in the fleet', lib.printable);
  return toolkit;
}
