import type { Command } from '../command.js';
import { BILLING_OPTIONS } from '../cost/config.js';
import { BY, FORMATS } from '../cost/inputs.js';
import { INPUT_OPTIONS, format } from '../options.js';

/** `pt cost <summary|anomalies>`: subcommands sharing these options and help, one file each. */
export const costCommand: Command = {
  name: 'cost',
  summary: 'Summarise FOCUS billing data, find cost anomalies, check FOCUS conformance',
  args: ['<summary|anomalies|validate>', '<focus.csv>', '[more.csv…]'],
  description:
    'Reads FOCUS billing exports (CSV or gzip’d CSV; Parquet and globs with --engine duckdb), allocates\n' +
    'rows to services by tags (else ResourceName/SubAccountId patterns), splits shared cost, and either\n' +
    'sums cost per currency by a dimension (summary) or flags days whose cost per service is anomalous\n' +
    '(robust z-score, anomalies). Amounts are exact; currencies are never added together. validate\n' +
    'checks files against FOCUS 1.0, 1.1 or 1.2 and locates every violation (exit 2 when any).\n' +
    'Several files and globs (quoted) work with either engine.',
  options: {
    by: {
      type: 'string',
      streamable: false,
      value: `<${BY.join('|')}|tag:KEY>`,
      completions: [...BY, 'tag:'],
      description: 'summary: group by (default: service); tag:KEY groups by any tag (--by team needs --fleet)',
    },
    from: {
      type: 'string',
      streamable: false,
      value: '<YYYY-MM-DD>',
      description: 'Only rows whose ChargePeriodStart is on or after this UTC day',
    },
    to: {
      type: 'string',
      streamable: false,
      value: '<YYYY-MM-DD>',
      description: 'Only rows whose ChargePeriodStart is before this UTC day (half-open)',
    },
    month: {
      type: 'string',
      streamable: false,
      value: '<YYYY-MM>',
      description: 'Only rows whose ChargePeriodStart is in this UTC month',
    },
    'focus-version': {
      type: 'string',
      streamable: false,
      value: '<1.0|1.1|1.2>',
      description: 'validate: check against this FOCUS version (default: the one the columns claim)',
      choices: ['1.0', '1.1', '1.2'],
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
    'fail-on': {
      type: 'string',
      streamable: false,
      value: '<over-budget>',
      choices: ['over-budget'],
      description:
        "summary: exit 1 if a service or team is over its monthly budget (--cost-config budgets, else the --fleet's budgetMonthly) in the month of the last day",
    },
    ...BILLING_OPTIONS,
    ...INPUT_OPTIONS,
  },
  examples: [
    'pt cost summary focus.csv --by service',
    'pt cost summary export.csv.gz --by team --fleet examples/fleet.yaml --format json',
    "pt cost summary 'exports/*.parquet' --engine duckdb --by month",
    'pt cost anomalies focus.csv --threshold 4 --min-cost 10',
    'pt cost summary focus.csv --tag-key application --month 2024-09',
    'pt cost summary focus.csv --by tag:env --from 2024-09-01 --to 2024-09-15',
    'pt cost summary focus.csv --fleet examples/fleet.yaml --fail-on over-budget',
    "pt cost validate 'exports/*.csv' --focus-version 1.1",
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
      {
        name: 'validate',
        summary: 'FOCUS conformance',
        load: async () => (await import('./cost-validate.js')).costValidate,
      },
    ],
    unknown: (given) => `unknown cost command "${given}" (use summary, anomalies or validate)`,
  },
};
