import { choiceOption, stringOption, type Command } from '../command.js';
import { BILLING_OPTIONS, engineOption, jobsOption, loadCostConfig } from '../cost/config.js';
import { readCube } from '../cost/read.js';
import { CliError, EXIT_CODES } from '../errors.js';
import { write } from '../stdio.js';
import { loadFleet } from '../fleet/load-fleet.js';
import { INPUT_OPTIONS, TEXT_FORMATS, format } from '../options.js';

const SUBCOMMANDS = ['summary', 'anomalies'] as const;
const BY = ['service', 'team', 'month', 'day', 'category', 'charge-category', 'service-name'] as const;
const FORMATS = TEXT_FORMATS;

function positiveNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new CliError('E_USAGE', `--${name} must be a number >= 0; got "${value}"`);
  }
  return n;
}

export const costCommand: Command = {
  name: 'cost',
  summary: 'Summarise FOCUS billing data or find cost anomalies',
  args: ['<summary|anomalies>', '<focus.csv>', '[more.csv…]'],
  description:
    'Reads FOCUS billing exports (CSV or gzip’d CSV; Parquet and globs with --engine duckdb), allocates\n' +
    'rows to services by tags (else ResourceName/SubAccountId patterns), splits shared cost, and either\n' +
    'sums cost per currency by a dimension (summary) or flags days whose cost per service is anomalous\n' +
    '(robust z-score, anomalies). Amounts are exact; currencies are never added together.',
  options: {
    by: {
      type: 'string',
      streamable: false,
      value: `<${BY.join('|')}>`,
      description: 'summary: group by (default: service)',
      choices: BY,
    },
    currency: { type: 'string', streamable: false, value: '<code>', description: 'Only this currency (ISO 4217)' },
    fleet: {
      type: 'string',
      streamable: false,
      value: '<fleet.yaml>',
      description: "Services and teams: shared cost goes to the fleet's services",
    },
    threshold: {
      type: 'string',
      streamable: false,
      value: '<z>',
      description: 'anomalies: robust z-score threshold (default 3.5)',
    },
    'min-cost': {
      type: 'string',
      streamable: false,
      value: '<amount>',
      description: 'anomalies: least deviation from the median (default 1)',
    },
    format: format(FORMATS),
    ...BILLING_OPTIONS,
    ...INPUT_OPTIONS,
  },
  examples: [
    'pt cost summary focus.csv --by service',
    'pt cost summary export.csv.gz --by team --fleet examples/fleet.yaml --format json',
    "pt cost summary 'exports/*.parquet' --engine duckdb --by month",
    'pt cost anomalies focus.csv --threshold 4 --min-cost 10',
  ],
  async run({ values, positionals }, io) {
    const hint = "Run 'pt cost --help' for usage.";
    const sub = SUBCOMMANDS.find((s) => s === positionals[0]);
    if (sub === undefined) {
      throw new CliError('E_USAGE', `unknown cost command "${positionals[0] ?? ''}" (use summary or anomalies)`, {
        hint,
      });
    }
    const files = positionals.slice(1);
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

    if (sub === 'summary') {
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
    }

    const analysis = lib.analyzeBilling({
      cube,
      config: { ...config, anomalies: anomalySettings },
      ...(services === undefined ? {} : { services }),
    });
    const anomalies = analysis.anomalies.filter((a) => currency === undefined || a.currency === currency);
    const round = (n: number, c: string) => Number(n.toFixed(lib.minorDigits(c)));
    if (format === 'json') {
      const json = {
        schemaVersion: 1,
        metric: cube.metric,
        threshold: anomalySettings.threshold,
        minCost: anomalySettings.minCost,
        days: analysis.days.length,
        anomalies: anomalies.map((a) => ({
          currency: a.currency,
          service: a.service,
          day: a.day,
          direction: a.direction,
          amount: round(a.amount, a.currency),
          median: round(a.median, a.currency),
          score: Number.isFinite(a.score) ? Math.round(a.score * 10) / 10 : null,
        })),
      };
      await write(io.stdout, `${JSON.stringify(json, null, 2)}\n`);
      return EXIT_CODES.ok;
    }
    const md = format === 'markdown';
    const cellsOf = anomalies.map((a) => {
      const who = [...(a.service ?? '(unallocated)')]
        .map((ch) => (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 ? '?' : ch))
        .join('');
      const score = Number.isFinite(a.score) ? (Math.round(a.score * 10) / 10).toString() : '∞';
      return [
        a.day,
        who,
        a.direction,
        `${round(a.amount, a.currency).toFixed(lib.minorDigits(a.currency))} ${a.currency}`,
        `${round(a.median, a.currency).toFixed(lib.minorDigits(a.currency))} ${a.currency}`,
        score,
      ];
    });
    const lines = cellsOf.map((cells) => `| ${cells.map((c) => lib.escapeMarkdown(c)).join(' | ')} |`);
    const head = ['Day', 'Service', 'Direction', 'Cost', 'Median', 'z'];
    let body: string[];
    if (md) {
      body = [`| ${head.join(' | ')} |`, '| --- | --- | --- | ---: | ---: | ---: |', ...lines];
    } else {
      const all = [head, ...cellsOf];
      const widths = head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
      body = all.map((r) =>
        r.map((c, i) => (i < 3 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  '),
      );
    }
    const text =
      anomalies.length === 0
        ? `No anomalies in ${analysis.days.length} days (threshold ${anomalySettings.threshold}, minimum ${anomalySettings.minCost}).\n`
        : `${body.join('\n')}\n`;
    await write(io.stdout, text);
    return EXIT_CODES.ok;
  },
};
