import type { Command } from '../command.js';
import { BILLING_OPTIONS } from '../cost/config.js';
import { BY, FORMATS } from '../cost/inputs.js';
import { INPUT_OPTIONS, format } from '../options.js';

/** `pt cost <summary|anomalies>`: subcommands sharing these options and help, one file each. */
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
  subcommands: {
    options: 'shared',
    entries: [
      {
        name: 'summary',
        summary: 'cost by a dimension',
        load: async () => (await import('./cost-summary.js')).costSummary,
      },
      {
        name: 'anomalies',
        summary: 'anomalous days',
        load: async () => (await import('./cost-anomalies.js')).costAnomalies,
      },
    ],
    unknown: (given) => `unknown cost command "${given}" (use summary or anomalies)`,
  },
};
