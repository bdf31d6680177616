import { choiceOption, stringOption, type ParsedArgs } from '../command.js';
import { CliError } from '../errors.js';
import { loadFleet } from '../fleet/load-fleet.js';
import { TEXT_FORMATS, maxInputBytes } from '../options.js';
import { note, type Io } from '../stdio.js';
import { engineOption, jobsOption, loadCostConfig } from './config.js';
import { expandFiles, readCube } from './read.js';

/** `pt cost summary --by` values besides `tag:<key>`. */
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
  const byText = stringOption(values, 'by') ?? 'service';
  const parsedBy = lib.parseGrouping(byText);
  if (!parsedBy.ok) throw new CliError('E_USAGE', parsedBy.message);
  const grouping = parsedBy.grouping;
  const fleetFile = stringOption(values, 'fleet');
  if (grouping.by === 'team' && fleetFile === undefined) {
    throw new CliError('E_USAGE', '--by team needs --fleet <fleet.yaml>: teams come from the fleet file');
  }
  const range = lib.parseDayRange({
    from: stringOption(values, 'from'),
    to: stringOption(values, 'to'),
    month: stringOption(values, 'month'),
  });
  if (!range.ok) throw new CliError('E_USAGE', range.message);
  let config = await loadCostConfig(lib, values, io);
  if (grouping.tag !== undefined) {
    config = { ...config, allocation: lib.allocationForTag(config.allocation, grouping.tag) };
  }
  const threshold = positiveNumber(stringOption(values, 'threshold'), 'threshold');
  const minCost = positiveNumber(stringOption(values, 'min-cost'), 'min-cost');
  const anomalySettings = {
    threshold: threshold ?? config.anomalies.threshold,
    minCost: minCost ?? config.anomalies.minCost,
  };
  const fleet = fleetFile === undefined ? undefined : await loadFleet(lib, fleetFile, values, io);
  const engine = engineOption(values);
  const whole = await readCube(
    lib,
    await expandFiles(files, engine),
    config,
    engine,
    io,
    jobsOption(values),
    maxInputBytes(values['max-input-mb']),
  );
  const cut = lib.cutCube(whole, range.range);
  const cube = cut.cube;
  const currency = stringOption(values, 'currency');
  if (currency !== undefined && !cube.cells.some((c) => c.currency === currency)) {
    const present = [...new Set(cube.cells.map((c) => c.currency))].sort();
    await note(
      io,
      `pt: note: no ${/^[A-Z]{3}$/.test(currency) ? currency : JSON.stringify(currency)} rows in the billing data${range.range === null ? '' : ' in the range'}` +
        ` (currencies: ${present.length === 0 ? 'none' : present.join(', ')}); nothing to show\n`,
    );
  }
  const format = choiceOption(values, 'format', FORMATS) ?? 'table';
  const services = fleet?.services.map((s) => ({ name: s.name, team: s.team }));
  const teams = new Map((fleet?.services ?? []).map((s) => [s.name, s.team]));

  return {
    lib,
    config,
    anomalySettings,
    cube,
    cut,
    range: range.range,
    grouping,
    currency,
    format,
    services,
    teams,
    fleet,
  };
}
