import type { OptionSpec, ParsedArgs } from '../command.js';
import { CliError } from '../errors.js';
import { readInput } from '../files.js';
import { MAX_INPUT_MB, at, maxInputBytes, readAt } from '../options.js';
import { note, write, type Io } from '../stdio.js';

import type * as ToolkitModule from '@pt/toolkit/slo';
import type { SliDataFile, SliSeries, SloDefinition, SloSourcesResult } from '@pt/toolkit/slo';

type Toolkit = typeof ToolkitModule;
type Values = ParsedArgs['values'];

/** Problems printed before the rest are only counted. */
const MAX_PRINTED = 200;

/**
 * The OpenSLO files a `pt slo` subcommand was given: at least one, and only one unless it takes
 * many (`validate`, `status`). Usage errors otherwise.
 */
export function checkSloFiles(sub: string, files: readonly string[], many: boolean): void {
  const hint = "Run 'pt slo --help' for usage.";
  if (files.length === 0) throw new CliError('E_USAGE', `pt slo ${sub}: missing OpenSLO file`, { hint });
  if (!many && files.length > 1) {
    throw new CliError('E_USAGE', `pt slo ${sub} takes one OpenSLO file; got ${files.length}`, { hint });
  }
}

/** `a.csv,avail=b.json` → files with their SLO (explicit, or from the base name). */
export function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Parses `--at` as every command does (a date, ISO 8601 with an offset, or epoch seconds). */
export function parseAt(lib: Toolkit, value: string | undefined): number | undefined {
  return readAt(lib, { at: value });
}

/** Reads OpenSLO files and SLI data files (`[slo=]file`), then evaluates them with the toolkit. */
export async function loadSloSources(
  lib: Toolkit,
  sloFiles: readonly string[],
  dataSpecs: readonly string[],
  values: Values,
  io: Io,
): Promise<Extract<SloSourcesResult, { ok: true }> & { minEvents: { minEvents?: number } }> {
  const limit = maxInputBytes(values['max-input-mb']);
  const files = [];
  for (const name of sloFiles) files.push({ name, text: await readInput(name, limit, io) });
  const data: SliDataFile[] = [];
  for (const spec of dataSpecs) {
    const eq = spec.indexOf('=');
    const slo = eq > 0 ? spec.slice(0, eq) : undefined;
    const name = eq > 0 ? spec.slice(eq + 1) : spec;
    data.push({ name, text: await readInput(name, limit, io), ...(slo === undefined ? {} : { slo }) });
  }
  const minEvents = values['min-events'];
  let min: number | undefined;
  if (typeof minEvents === 'string') {
    min = Number(minEvents);
    if (minEvents.trim() === '' || !Number.isInteger(min) || min < 0) {
      throw new CliError('E_USAGE', `--min-events must be a whole number >= 0; got "${minEvents}"`);
    }
  }
  const at = parseAt(lib, typeof values['at'] === 'string' ? values['at'] : undefined);
  const result = lib.evaluateSloSources(
    { files, data },
    { ...(at === undefined ? {} : { at }), ...(min === undefined ? {} : { minEvents: min }) },
  );
  if (!result.ok) {
    const shown = result.problems.slice(0, MAX_PRINTED);
    const more = result.problems.length - shown.length;
    await write(io.stderr, shown.map((p) => `${p}\n`).join('') + (more > 0 ? `… and ${more} more problems\n` : ''));
    const n = result.errors;
    throw new CliError('E_INVALID', `the SLO input is not valid (${n} error${n === 1 ? '' : 's'})`);
  }
  if (result.warnings.length > 0) await note(io, result.warnings.map((w) => `${w}\n`).join(''));
  return { ...result, minEvents: min === undefined ? {} : { minEvents: min } };
}

/** Options of the `pt slo` commands that read SLI data. */
export const SLO_DATA_OPTIONS = {
  data: {
    type: 'string',
    streamable: false,
    value: '<[slo=]file,…>',
    description: 'SLI data (CSV timestamp,good|bad,total or JSON); the SLO is the file name or slo=',
  },
  at: at('slo'),
  'min-events': {
    type: 'string',
    streamable: false,
    value: '<n>',
    description: 'Fewest events an alert window needs (default: enough that 1 bad event cannot page)',
  },
  'max-input-mb': MAX_INPUT_MB,
} as const satisfies Record<string, OptionSpec>;

/** SLOs with their SLI series and evaluation time, from `--data` files or from `--prometheus`. */
export interface SloData {
  readonly slos: readonly SloDefinition[];
  readonly series: ReadonlyMap<string, SliSeries>;
  readonly at: number;
  readonly minEvents: { minEvents?: number };
}

/**
 * The SLI data of `pt slo <sub>` (`budget`, `alerts`): from `--data` files, or read from
 * `--prometheus` at `--at` (default: now; the clock is read here). Neither is a usage error
 * that says the data is missing; both, a usage error too.
 */
export async function loadSloData(
  lib: Toolkit,
  sub: string,
  files: readonly string[],
  values: Values,
  io: Io,
): Promise<SloData> {
  const hint = "Run 'pt slo --help' for usage.";
  const url = values['prometheus'];
  const data = splitList(typeof values['data'] === 'string' ? values['data'] : undefined);
  if (typeof url === 'string') {
    if (data.length > 0) {
      throw new CliError('E_USAGE', '--data and --prometheus are two sources of SLI data: give one', { hint });
    }
    const at = parseAt(lib, typeof values['at'] === 'string' ? values['at'] : undefined) ?? Date.now();
    const loaded = await loadSloSources(lib, files, [], { ...values, at: new Date(at).toISOString() }, io);
    const { prometheusSeries } = await import('../prometheus/evaluate.js');
    const series = await prometheusSeries(lib, loaded.slos, values, io.env, at);
    return { slos: loaded.slos, series, at, minEvents: loaded.minEvents };
  }
  if (data.length === 0) {
    throw new CliError('E_USAGE', `pt slo ${sub}: missing SLI data: give --data <sli file> or --prometheus <url>`, {
      hint,
    });
  }
  const loaded = await loadSloSources(lib, files, data, values, io);
  return { slos: loaded.slos, series: loaded.series, at: loaded.at, minEvents: loaded.minEvents };
}
