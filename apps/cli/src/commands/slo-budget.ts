import { choiceOption, type ParsedArgs } from '../command.js';
import { EXIT_CODES, checkFailed } from '../errors.js';
import { write, type Io } from '../stdio.js';
import { checkSloFiles, loadSloData } from '../slo/input.js';

import type * as SloModule from '@pt/toolkit/slo';
import type { SloBudget } from '@pt/toolkit/slo';

const fmt = (x: number, d = 2) =>
  Number.isInteger(x) ? x.toLocaleString('en-US') : x.toLocaleString('en-US', { maximumFractionDigits: d });
const pct = (x: number | null, d = 2) => (x === null ? 'undefined (no traffic)' : `${fmt(x, d)}%`);

/** The table form of one objective's budget. */
export function budgetText(b: SloBudget, human: (ms: number) => string, printable: (text: string) => string): string {
  const e = b.budget;
  const unit = (x: number) => (e.unit === 'events' ? `${fmt(x)} bad events` : human(x));
  const lines = [
    // Names and display names come from the SLO file: never raw on the terminal.
    `${printable(b.slo)} (service ${printable(b.service)})${b.objective === null ? '' : ` — ${printable(b.objective)}`}`,
    `  target        ${b.target}% · ${b.window} · ${b.budgetingMethod}`,
    `  window        ${new Date(e.windowStart).toISOString()} → ${new Date(e.windowEnd).toISOString()}, at ${new Date(e.at).toISOString()}`,
    `  events        ${fmt(e.events.good)} good, ${fmt(e.events.bad)} bad, ${fmt(e.events.total)} total`,
    `  SLI           ${e.sli === null ? 'undefined (no traffic)' : pct(e.sli * 100, 4)}`,
    `  budget        ${unit(e.allowed)} allowed, ${unit(e.consumed)} spent (${fmt(e.consumedPct, 1)}%), ${fmt(e.remainingPct, 1)}% left`,
    `  burn rate     ${e.burnRate === null ? '-' : `${fmt(e.burnRate)}x`} over the window, ${e.currentBurnRate === null ? '-' : `${fmt(e.currentBurnRate)}x`} over the last hour`,
    `  exhausted in  ${e.timeToExhaustionMs === null ? (e.status === 'no_data' ? '-' : 'never at the current burn rate') : e.timeToExhaustionMs === 0 ? 'already exhausted' : `${human(e.timeToExhaustionMs)} at the current burn rate`}`,
    `  allowed downtime of ${b.target}% over ${human(e.windowMs)}: ${human(b.allowedDowntimeMs)}`,
    `  status        ${e.status}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** Budgets as `pt slo budget` and `pt slo status` print them: JSON (without the alert timelines) or text. */
export async function printBudgets(
  budgets: readonly SloBudget[],
  format: 'table' | 'json',
  lib: { readonly formatDurationHuman: (ms: number) => string; readonly printable: (text: string) => string },
  io: Io,
): Promise<void> {
  if (format === 'json') {
    await write(
      io.stdout,
      `${JSON.stringify(
        budgets.map(({ alerts: _alerts, ...b }) => b),
        null,
        2,
      )}\n`,
    );
  } else {
    await write(io.stdout, budgets.map((b) => budgetText(b, lib.formatDurationHuman, lib.printable)).join('\n'));
  }
}

/** `--fail-on exhausted|page` of `pt slo budget` and `pt slo status`, after the budgets are printed. */
export function checkSloFailOn(
  lib: typeof SloModule,
  budgets: readonly SloBudget[],
  values: ParsedArgs['values'],
): void {
  const failOn = choiceOption(values, 'fail-on', lib.SLO_FAIL_ON);
  if (failOn === undefined) return;
  const failing = lib.budgetsFailing(budgets, failOn);
  const name = (b: SloBudget) => (b.objective === null ? b.slo : `${b.slo} (${b.objective})`);
  if (failing.length > 0) throw checkFailed(`--fail-on ${failOn}`, failing.map(name), 'objective');
}

/** `pt slo budget <slo.yaml> --data <sli>|--prometheus <url>`: the error budget of every SLO objective in the file. */
export async function sloBudget({ values, positionals }: ParsedArgs, io: Io): Promise<number> {
  checkSloFiles('budget', positionals, false);
  const lib = await import('@pt/toolkit/slo');
  const format = choiceOption(values, 'format', ['table', 'json'] as const) ?? 'table';
  const result = await loadSloData(lib, 'budget', positionals, values, io);
  const minEvents = result.minEvents;
  const budgets = result.slos.flatMap((slo) =>
    lib.sloBudgets(slo, result.series.get(slo.name) ?? lib.sliSeries([], [], []), result.at, minEvents),
  );
  await printBudgets(budgets, format, lib, io);
  checkSloFailOn(lib, budgets, values);
  return EXIT_CODES.ok;
}
