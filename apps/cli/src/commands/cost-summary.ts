import type { CommandRun } from '../command.js';
import { loadCostRun } from '../cost/inputs.js';
import { EXIT_CODES } from '../errors.js';
import { write } from '../stdio.js';

/** `pt cost summary <focus.csv…>`: cost per currency by a dimension. */
export const costSummary: CommandRun = async ({ values, positionals }, io) => {
  const { lib, config, cube, cut, range, grouping, currency, format, services, teams } = await loadCostRun(
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
  return EXIT_CODES.ok;
};
