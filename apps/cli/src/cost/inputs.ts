import { choiceOption, stringOption, type ParsedArgs } from '../command.js';
import { CliError } from '../errors.js';
import { loadFleet } from '../fleet/load-fleet.js';
import { TEXT_FORMATS } from '../options.js';
import type { Io } from '../stdio.js';
import { engineOption, jobsOption, loadCostConfig } from './config.js';
import { readCube } from './read.js';

/** `pt cost summary --by` values. */
export const BY = ['service', 'team', 'month', 'day', 'category', 'charge-category', 'service-name'] as const;
/** `pt cost` output formats. */
export const FORMATS = TEXT_FORMATS;

function positiveNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new CliError('E_USAGE', `--${name} must be a number >= 0; got "${value}"`);
  }
  return n;
}

/**
 * What both `pt cost` subcommands read, in this order: the cost settings, the anomaly options,
 * the fleet (`--fleet`), the billing files; then the output options.
 */
export async function loadCostRun(values: ParsedArgs['values'], files: readonly string[], io: Io) {
  const lib = await import('@pt/toolkit');
  const config = await loadCostConfig(lib, values, io);
  const threshold = positiveNumber(stringOption(values, 'threshold'), 'threshold');
  const minCost = positiveNumber(stringOption(values, 'min-cost'), 'min-cost');
  const anomalySettings = {
    threshold: threshold ?? config.anomalies.threshold,
    minCost: minCost ?? config.anomalies.minCost,
  };
  const fleetFile = stringOption(values, 'fleet');
  const fleet = fleetFile === undefined ? undefined : await loadFleet(lib, fleetFile, values, io);
  const cube = await readCube(lib, files, config, engineOption(values), io, jobsOption(values));
  const currency = stringOption(values, 'currency');
  const format = choiceOption(values, 'format', FORMATS) ?? 'table';
  const services = fleet?.services.map((s) => ({ name: s.name, team: s.team }));
  const teams = new Map((fleet?.services ?? []).map((s) => [s.name, s.team]));

  return { lib, config, anomalySettings, cube, currency, format, services, teams };
}
