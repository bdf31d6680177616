import { choiceOption, type CommandRun } from '../command.js';
import { BY, loadCostRun } from '../cost/inputs.js';
import { EXIT_CODES } from '../errors.js';
import { write } from '../stdio.js';

/** `pt cost summary <focus.csv…>`: cost per currency by a dimension. */
export const costSummary: CommandRun = async ({ values, positionals }, io) => {
  const { lib, config, cube, currency, format, services, teams } = await loadCostRun(values, positionals, io);
  const by = choiceOption(values, 'by', BY) ?? 'service';
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
      by,
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
    await write(io.stdout, lib.renderCostSummary(summaries, by, format));
  }
  return EXIT_CODES.ok;
};
