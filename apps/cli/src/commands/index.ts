import type { Command } from '../command.js';

/** A command as `pt --help` lists it; the module itself is loaded only when it runs. */
export interface CommandEntry {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  readonly load: () => Promise<Command>;
}

/** Every `pt` command, in the order `pt --help` lists them: fleet reports first, then one per domain. Adding one: a file in this folder and an entry here. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'report',
    usage: 'report <fleet|->',
    summary: 'Report the health of every service in a fleet file',
    load: async () => (await import('./report.js')).reportCommand,
  },
  {
    name: 'validate',
    usage: 'validate <fleet|->',
    summary: 'Check a fleet file and list every problem in it',
    load: async () => (await import('./validate.js')).validateCommand,
  },
  {
    name: 'demo',
    usage: 'demo',
    summary: 'Report on the built-in two-service demo fleet',
    load: async () => (await import('./demo.js')).demoCommand,
  },
  {
    name: 'diff',
    usage: 'diff <old.json> <new.json>',
    summary: 'Compare two JSON reports: what changed, what is new, what got worse',
    load: async () => (await import('./diff.js')).diffCommand,
  },
  {
    name: 'history',
    usage: 'history [export]',
    summary: 'Recorded reports over time: health, score, cost and SLOs per service, transitions; export',
    load: async () => (await import('./history.js')).historyCommand,
  },
  {
    name: 'schema',
    usage: 'schema <fleet|report|config>',
    summary: 'Print the JSON Schema of the fleet file, the JSON report or the project config file',
    load: async () => (await import('./schema.js')).schemaCommand,
  },
  {
    name: 'config',
    usage: 'config [command…]',
    summary: 'Show the project config file, or what a command gets from it and from where',
    load: async () => (await import('./config.js')).configCommand(COMMANDS),
  },
  {
    name: 'slo',
    usage: 'slo <validate|budget|alerts|rules|status>',
    summary: 'OpenSLO v1: validate, error budgets, burn-rate alerts, Prometheus rules, status',
    load: async () => (await import('./slo.js')).sloCommand,
  },
  {
    name: 'cost',
    usage: 'cost <summary|anomalies|validate> <focus.csv…>',
    summary: 'Summarise FOCUS billing data, find cost anomalies, check FOCUS conformance',
    load: async () => (await import('./cost.js')).costCommand,
  },
  {
    name: 'dora',
    usage: 'dora [import <git|github|pagerduty|opsgenie>] <files…>',
    summary: 'DORA metrics and levels from deployment, change and incident events',
    load: async () => (await import('./dora.js')).doraCommand,
  },
  {
    name: 'governance',
    usage: 'governance <check|import-catalog>',
    summary: 'Score services on a governance scorecard; import a Backstage catalog',
    load: async () => (await import('./governance.js')).governanceCommand,
  },
  {
    name: 'completion',
    usage: 'completion <bash|zsh|fish>',
    summary: 'Print a shell completion script',
    load: async () => (await import('./completion.js')).completionCommand(COMMANDS),
  },
];
