import { choiceOption, type CommandRun } from '../command.js';
import { loadCostRun } from '../cost/inputs.js';
import { EXIT_CODES, checkFailed } from '../errors.js';
import { note, write } from '../stdio.js';

/** `pt cost summary <focus.csv…>`: cost per currency by a dimension. */
export const costSummary: CommandRun = async ({ values, positionals }, io) => {
  const failOn = choiceOption(values, 'fail-on', ['over-budget'] as const);
  const { lib, config, cube, cut, range, grouping, currency, format, services, teams, fleet } = await loadCostRun(
    values,
    positionals,
    io,
  );
  const by = grouping.by;
  const label = grouping.tag === undefined ? undefined : `tag:${grouping.tag}`;
  const cells = lib.allocate(cube, {
    method: config.allocation.split,
    ...(services === undefined ? {} : { services: services.map((s) => s.name) }),
  });
  const summaries = lib
    .summarize(cells, by, (s) => teams.get(s))
    .filter((s) => currency === undefined || s.currency === currency);
  if (format === 'json') {
    const amount = (v: bigint) => lib.formatAmount(v);
    const json = {
      schemaVersion: 1,
      metric: cube.metric,
      by: label ?? by,
      ...(range === null
        ? {}
        : {
            range: {
              from: range.from ?? null,
              to: range.to ?? null,
              firstDay: cut.firstDay,
              lastDay: cut.lastDay,
              rowsInside: cut.rowsInside,
              rowsOutside: cut.rowsOutside,
            },
          }),
      stats: {
        rows: cube.stats.rows,
        skippedRows: cube.stats.skippedRows,
        nullAmounts: cube.stats.nullAmounts,
        roundedAmounts: cube.stats.roundedAmounts,
      },
      currencies: summaries.map((s) => ({
        currency: s.currency,
        total: amount(s.total),
        shared: amount(s.shared),
        unallocated: amount(s.unallocated),
        groups: s.groups.map((g) => ({ key: g.key, amount: amount(g.amount), shared: amount(g.shared) })),
      })),
    };
    await write(io.stdout, `${JSON.stringify(json, null, 2)}\n`);
  } else {
    const covered = range === null ? '' : `${lib.describeRange(cut, range)}\n`;
    await write(io.stdout, lib.renderCostSummary(summaries, by, format, label) + covered);
  }
  if (failOn !== undefined) {
    const check = lib.checkBudgets({
      cube,
      config,
      ...(fleet === undefined
        ? {}
        : {
            services: fleet.services.map((s) => ({
              name: s.name,
              team: s.team,
              ...(s.cost?.budgetMonthly === undefined ? {} : { budgetMonthly: s.cost.budgetMonthly }),
              ...(s.cost?.currency === undefined ? {} : { currency: s.cost.currency }),
            })),
          }),
    });
    if (check.budgets === 0) {
      await note(
        io,
        'pt: note: --fail-on over-budget: no budget to check (budgets in --cost-config, or budgetMonthly in a --fleet file)\n',
      );
    }
    const over = check.exceeded.map(
      (a) => `${a.scope} ${a.name} (${a.usedPct}% of ${a.budget} ${a.currency} in ${a.month})`,
    );
    if (over.length > 0) throw checkFailed('--fail-on over-budget', over, 'budget');
  }
  return EXIT_CODES.ok;
};
