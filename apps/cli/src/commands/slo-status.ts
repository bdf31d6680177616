import { choiceOption, stringOption, type ParsedArgs } from '../command.js';
import { CliError, EXIT_CODES } from '../errors.js';
import { prometheusSeries } from '../prometheus/evaluate.js';
import type { Io } from '../stdio.js';
import { checkSloFailOn, printBudgets } from './slo-budget.js';
import { checkSloFiles, loadSloSources, parseAt } from '../slo/input.js';

/** `pt slo status <slo files…> --prometheus <url>`: `pt slo budget`'s figures, from Prometheus counters. */
export async function sloStatus({ values, positionals }: ParsedArgs, io: Io): Promise<number> {
  checkSloFiles('status', positionals, true);
  const lib = await import('@pt/toolkit/slo');
  const format = choiceOption(values, 'format', ['table', 'json'] as const) ?? 'table';
  if (stringOption(values, 'prometheus') === undefined) {
    throw new CliError('E_USAGE', 'pt slo status needs --prometheus <url>', { hint: "Run 'pt slo --help' for usage." });
  }
  if (values['data'] !== undefined)
    throw new CliError('E_USAGE', 'pt slo status reads Prometheus; --data is for budget');
  // The clock is read here, in the CLI, and only when --at is not given.
  const at = parseAt(lib, stringOption(values, 'at')) ?? Date.now();
  const loaded = await loadSloSources(lib, positionals, [], { ...values, at: new Date(at).toISOString() }, io);
  const series = await prometheusSeries(lib, loaded.slos, values, io.env, at);
  const budgets = loaded.slos.flatMap((slo) =>
    lib.sloBudgets(slo, series.get(slo.name) ?? lib.sliSeries([], [], []), at, loaded.minEvents),
  );
  await printBudgets(budgets, format, lib, io);
  checkSloFailOn(lib, budgets, values);
  return EXIT_CODES.ok;
}
