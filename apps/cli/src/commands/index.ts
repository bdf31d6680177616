import type { Command } from '../command.js';

/** A command as `pt --help` lists it; the module itself is loaded only when it runs. */
export interface CommandEntry {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  readonly load: () => Promise<Command>;
}

/** Every `pt` command. Adding one: a file in this folder and a line here. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'demo',
    usage: 'demo',
    summary: 'Report on the built-in two-service demo fleet',
    load: async () => (await import('./demo.js')).demoCommand,
  },
  {
    name: 'report',
    usage: 'report <fleet|->',
    summary: 'Report the health of every service in a fleet file',
    load: async () => (await import('./report.js')).reportCommand,
  },
  {
    name: 'cost',
    usage: 'cost <summary|anomalies> <focus.csv…>',
    summary: 'Summarise FOCUS billing data or find cost anomalies',
    load: async () => (await import('./cost.js')).costCommand,
  },
  {
    name: 'validate',
    usage: 'validate <fleet|->',
    summary: 'Check a fleet file and list every problem in it',
    load: async () => (await import('./validate.js')).validateCommand,
  },
];
