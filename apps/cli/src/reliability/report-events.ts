import { listOption, type OptionSpec, type ParsedArgs } from '../command.js';
import { CliError } from '../errors.js';
import type { Io } from '../stdio.js';
import { WINDOW_OPTIONS, eventFiles, loadEvents, warnUnmatched, windowFrom } from './load-events.js';

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
} as const satisfies Record<string, OptionSpec>;

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
    const stray = ['window'].find((name) => values[name] !== undefined);
    if (stray !== undefined) {
      throw new CliError('E_USAGE', `--${stray} needs --events`, { hint: "Run 'pt report --help' for usage." });
    }
    return lib.PlatformToolkit.fromFleet(fleet, governance);
  }
  const window = windowFrom(lib, values);
  const events = await loadEvents(lib, files, values, io);
  const { toolkit, unmatched } = lib.toolkitWithEvents(fleet, events, window, governance);
  await warnUnmatched(io, unmatched, 'service not in the fleet', lib.printable);
  return toolkit;
}
