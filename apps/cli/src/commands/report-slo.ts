import { stringOption, type OptionSpec, type ParsedArgs } from '../command.js';
import { CliError } from '../errors.js';
import { write, type Io } from '../stdio.js';
import { loadSloSources, splitList } from './slo-input.js';

import type { PlatformToolkit, SloDetailsByService } from '@pt/toolkit';

/** `pt report` options that add SLOs from OpenSLO files and SLI data (`sloDetails`). */
export const REPORT_SLO_OPTIONS = {
  slo: { type: 'string', value: '<file,…>', description: 'OpenSLO v1 files: adds each service’s error budgets' },
  'slo-data': {
    type: 'string',
    value: '<[slo=]file,…>',
    description: 'SLI data for --slo (CSV or JSON; the SLO is the file name or slo=)',
  },
} as const satisfies Record<string, OptionSpec>;

/** The SLO details for `pt report --slo`, or undefined without `--slo`. Warns about unknown services. */
export async function loadReportSlos(
  toolkit: PlatformToolkit,
  values: ParsedArgs['values'],
  io: Io,
): Promise<SloDetailsByService | undefined> {
  const files = splitList(stringOption(values, 'slo'));
  if (files.length === 0) {
    if (values['slo-data'] !== undefined) {
      throw new CliError('E_USAGE', '--slo-data needs --slo <openslo files>');
    }
    return undefined;
  }
  const lib = await import('@pt/toolkit/slo');
  const result = await loadSloSources(lib, files, splitList(stringOption(values, 'slo-data')), values, io);
  const unknown = [...result.details.keys()].filter((service) => !toolkit.has(service));
  for (const service of unknown) {
    await write(
      io.stderr,
      `pt: warning: OpenSLO service "${service}" is not in the fleet; its SLOs are not reported\n`,
    );
  }
  return result.details;
}
