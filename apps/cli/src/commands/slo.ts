import type { Command } from '../command.js';
import { format, out } from '../options.js';
import { PROMETHEUS_OPTIONS } from '../prometheus/evaluate.js';
import { SLO_DATA_OPTIONS } from '../slo/input.js';

/** `pt slo <validate|budget|alerts|rules|status>`: subcommands sharing these options and help, one file each, loaded when it runs. */
export const sloCommand: Command = {
  name: 'slo',
  summary: 'OpenSLO v1: validate, error budgets, burn-rate alerts, Prometheus rules and status',
  args: ['<validate|budget|alerts|rules|status>', '<file…>'],
  variadic: true,
  description:
    'Works on OpenSLO v1 files (multi-document YAML) and SLI data (CSV "timestamp,good,total" or\n' +
    '"timestamp,bad,total", or JSON). Subcommands:\n' +
    '  validate <files…>                 check OpenSLO files (references resolved across them)\n' +
    '  budget <slo.yaml> --data <sli>     SLI, error budget left, burn rates, time to exhaustion\n' +
    '  alerts <slo.yaml> --data <sli>     multi-window multi-burn-rate alerts now, and when they fired\n' +
    '                                    (budget and alerts read --prometheus <url> instead of --data too)\n' +
    '  rules <slo.yaml> [--out <file>]    Prometheus recording and alerting rules (Sloth-like)\n' +
    '  status <files…> --prometheus <url> the budget figures, from the SLI counters in Prometheus\n' +
    '                                    (auth: PT_PROMETHEUS_TOKEN or PT_PROMETHEUS_USER/PT_PROMETHEUS_PASSWORD)',
  options: {
    ...SLO_DATA_OPTIONS,
    ...PROMETHEUS_OPTIONS,
    format: format(['table', 'json', 'prometheus-operator'], {
      of: 'of budget and alerts',
      note: '; rules: prometheus-operator for a PrometheusRule manifest',
    }),
    out: out('rules', 'rules: write to a file (atomically)'),
    label: {
      type: 'string',
      multiple: true,
      streamable: false,
      value: '<key=value>',
      description: 'rules: a label on every rule (repeatable)',
    },
    naming: {
      type: 'string',
      streamable: false,
      value: '<pt|sloth>',
      choices: ['pt', 'sloth'],
      description: "rules: label and group names (default: pt); sloth: Sloth's, for its dashboards",
    },
    'low-traffic-guard': {
      type: 'boolean',
      streamable: false,
      description: 'rules: alert only on windows with enough events, as alerts does (or --min-events)',
    },
    'fail-on': {
      type: 'string',
      streamable: false,
      value: '<exhausted|page>',
      choices: ['exhausted', 'page'],
      description:
        "budget, status: exit 1 if an objective's error budget is exhausted, or (page) that or its page alert firing",
    },
    runbook: {
      type: 'string',
      streamable: false,
      value: '<url>',
      description: 'rules: a runbook_url annotation on every alert',
    },
  },
  examples: [
    'pt slo validate examples/slo/api-gateway.yaml examples/slo/checkout.yaml',
    'pt slo budget examples/slo/api-gateway.yaml --data examples/slo/data/api-gateway-availability.csv',
    'pt slo alerts examples/slo/api-gateway.yaml --data examples/slo/data/api-gateway-availability.csv --format json',
    'pt slo rules examples/slo/api-gateway.yaml --out api-gateway.rules.yaml',
    'pt slo rules examples/slo/api-gateway.yaml --format prometheus-operator --naming sloth --label team=edge',
    'pt slo status examples/slo/api-gateway.yaml --prometheus http://localhost:9090 --format json',
    'pt slo budget examples/slo/api-gateway.yaml --data examples/slo/data/api-gateway-availability.csv --fail-on page',
  ],
  subcommands: {
    options: 'shared',
    entries: [
      {
        name: 'validate',
        summary: 'check OpenSLO files',
        load: async () => (await import('./slo-validate.js')).sloValidate,
      },
      { name: 'budget', summary: 'error budgets', load: async () => (await import('./slo-budget.js')).sloBudget },
      { name: 'alerts', summary: 'burn-rate alerts', load: async () => (await import('./slo-alerts.js')).sloAlerts },
      { name: 'rules', summary: 'Prometheus rules', load: async () => (await import('./slo-rules.js')).sloRules },
      {
        name: 'status',
        summary: 'budgets from Prometheus',
        load: async () => (await import('./slo-status.js')).sloStatus,
      },
    ],
    unknown: (given) => `unknown slo subcommand "${given}"; expected validate, budget, alerts, rules, status`,
  },
};
