import { stringOption, type OptionSpec, type ParsedArgs } from '../command.js';
import { CliError } from '../errors.js';
import { note, type Io } from '../stdio.js';
import { PROMETHEUS_OPTIONS } from '../prometheus/evaluate.js';
import { loadSloSources, parseAt, splitList } from './input.js';

import type { Fleet, SloDetailsByService } from '@pt/toolkit';

/** `pt report` options that add SLOs from OpenSLO files and SLI data (`sloDetails`). */
export const REPORT_SLO_OPTIONS = {
  slo: {
    type: 'string',
    streamable: false,
    value: '<file,…>',
    description: 'OpenSLO v1 files: adds each service’s error budgets',
  },
  'slo-data': {
    type: 'string',
    streamable: false,
    value: '<[slo=]file,…>',
    description: 'SLI data for --slo (CSV or JSON; the SLO is the file name or slo=)',
  },
  ...PROMETHEUS_OPTIONS,
} as const satisfies Record<string, OptionSpec>;

/**
 * The SLO details for `pt report --slo` (they feed each service's verdict), or undefined without
 * `--slo`. Warns about services not in the fleet.
 */
export async function loadReportSlos(
  fleet: Fleet,
  values: ParsedArgs['values'],
  io: Io,
): Promise<SloDetailsByService | undefined> {
  const files = splitList(stringOption(values, 'slo'));
  if (files.length === 0) {
    if (values['slo-data'] !== undefined) {
      throw new CliError('E_USAGE', '--slo-data needs --slo <openslo files>');
    }
    if (values['prometheus'] !== undefined) throw new CliError('E_USAGE', '--prometheus needs --slo <openslo files>');
    return undefined;
  }
  const lib = await import('@pt/toolkit/slo');
  const fromPrometheus = stringOption(values, 'prometheus') !== undefined;
  if (fromPrometheus && values['slo-data'] !== undefined) {
    throw new CliError('E_USAGE', '--slo-data and --prometheus are two sources of SLI data: give one');
  }
  // With --prometheus, the budgets are read now (the clock is read here) unless --at says when.
  const at = fromPrometheus ? (parseAt(lib, stringOption(values, 'at')) ?? Date.now()) : undefined;
  const result = await loadSloSources(
    lib,
    files,
    splitList(stringOption(values, 'slo-data')),
    at === undefined ? values : { ...values, at: new Date(at).toISOString() },
    io,
  );
  let details = result.details;
  if (at !== undefined) {
    const { prometheusSeries } = await import('../prometheus/evaluate.js');
    const series = await prometheusSeries(lib, result.slos, values, io.env, at);
    details = lib.sloDetailsFromSeries(result.slos, series, at, { ...result.minEvents, source: 'Prometheus' });
  }
  const names = new Set(fleet.services.map((s) => s.name));
  const unknown = [...details.keys()].filter((service) => !names.has(service));
  for (const service of unknown) {
    await note(io, `pt: warning: OpenSLO service "${service}" is not in the fleet; its SLOs are not reported\n`);
  }
  return details;
}
