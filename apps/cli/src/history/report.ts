import { choiceOption, type ParsedArgs } from '../command.js';
import { FORMATS } from '../report/output.js';
import { note, type Io } from '../stdio.js';

import type * as ToolkitModule from '@pt/toolkit';
import type { Report, ServiceTrend } from '@pt/toolkit';

type Toolkit = typeof ToolkitModule;

/**
 * What the history options do to `pt report`: `--record` records the complete report; `--history`
 * gives the HTML each service's trend. Given where they do nothing, they say so on stderr.
 */
export async function historyHooks(
  lib: Toolkit,
  file: string,
  values: ParsedArgs['values'],
  io: Io,
): Promise<{
  trends?: (report: Report) => Promise<ReadonlyMap<string, ServiceTrend>>;
  record?: (report: Report) => Promise<void>;
}> {
  const record = values['record'] === true;
  const html = (choiceOption(values, 'format', FORMATS) ?? 'table') === 'html';
  const given = values['history'] !== undefined;
  if (!record && (given || values['lock-timeout'] !== undefined) && !html) {
    await note(io, 'pt: warning: --history and --lock-timeout are used only with --record or --format html\n');
  }
  if (!record && !(html && given)) return {};
  const use = await import('./use.js');
  const now = Date.now();
  return {
    ...(html && given ? { trends: (report: Report) => use.reportTrends(lib, report, values, now) } : {}),
    ...(record
      ? {
          record: async (report: Report) => {
            const { id, file: db } = await use.recordReport(lib, report, values, file === '-' ? '<stdin>' : file, now);
            await note(io, `pt: recorded run ${id} (${report.services.length} services) in ${db}\n`);
          },
        }
      : {}),
  };
}
