/**
 * Where each value of the config file goes: the option of the options registry it stands for in
 * every command that takes that option, or the positional arguments of the commands listed. One
 * table, read in one place (`apply.ts`) for every command. A test checks every option named here
 * exists in the registry with the same shape.
 */
export interface Binding {
  /** Its path in the config file, e.g. `['slo', 'files']`. */
  readonly key: readonly string[];
  /** The options it fills: the first one the running command has. */
  readonly options: readonly string[];
  /**
   * Commands whose positional arguments it gives when none are given: `many` takes the whole
   * list, `one` only a list of one (the command takes a single file).
   */
  readonly args?: Readonly<Record<string, 'many' | 'one'>>;
  /** `path`/`paths`: resolved against the config file's directory; `data`: `[slo=]path`; `value`: as written. */
  readonly kind: 'path' | 'paths' | 'data' | 'value';
  /** A list joined into one comma-separated value (the option is a comma list, not repeated). */
  readonly join?: boolean;
  /** Options that, given as a flag, make this value unusable (two sources of the same thing). */
  readonly unless?: readonly string[];
}

/** The commands a `commands:` section may name (a test keeps it equal to the command registry). */
export const CONFIG_COMMANDS = [
  'report',
  'validate',
  'demo',
  'diff',
  'slo validate',
  'slo budget',
  'slo alerts',
  'slo rules',
  'slo status',
  'cost summary',
  'cost anomalies',
  'cost validate',
  'dora',
  'dora import github',
  'dora import pagerduty',
  'dora import opsgenie',
  'governance check',
  'governance import-catalog',
  'history',
  'history export',
] as const;

/** A key of a `commands.<name>` section and the option it stands for. */
export const COMMAND_SETTINGS: Readonly<Record<string, string>> = {
  format: 'format',
  failOn: 'fail-on',
  team: 'team',
  by: 'by',
};

const ALL_SLO = {
  'slo validate': 'many',
  'slo status': 'many',
  'slo budget': 'one',
  'slo alerts': 'one',
  'slo rules': 'one',
} as const;

export const BINDINGS: readonly Binding[] = [
  {
    key: ['fleet'],
    options: ['fleet'],
    args: { report: 'one', validate: 'one', 'governance check': 'one' },
    kind: 'path',
  },
  { key: ['at'], options: ['at'], kind: 'value' },
  { key: ['format'], options: ['format'], kind: 'value' },
  { key: ['maxInputMb'], options: ['max-input-mb'], kind: 'value' },
  { key: ['history'], options: ['history'], kind: 'path' },
  { key: ['slo', 'files'], options: ['slo'], args: ALL_SLO, kind: 'paths', join: true },
  { key: ['slo', 'data'], options: ['slo-data', 'data'], kind: 'data', join: true, unless: ['prometheus'] },
  { key: ['slo', 'prometheus'], options: ['prometheus'], kind: 'value', unless: ['slo-data', 'data'] },
  { key: ['slo', 'timeout'], options: ['timeout'], kind: 'value' },
  { key: ['slo', 'step'], options: ['step'], kind: 'value' },
  { key: ['slo', 'maxResponseMb'], options: ['max-response-mb'], kind: 'value' },
  { key: ['slo', 'minEvents'], options: ['min-events'], kind: 'value' },
  { key: ['reliability', 'events'], options: ['events'], args: { dora: 'many' }, kind: 'paths' },
  { key: ['reliability', 'window'], options: ['window'], kind: 'value' },
  {
    key: ['cost', 'focus'],
    options: ['cost'],
    args: { 'cost summary': 'many', 'cost anomalies': 'many', 'cost validate': 'many' },
    kind: 'paths',
  },
  { key: ['cost', 'config'], options: ['cost-config'], kind: 'path' },
  { key: ['cost', 'engine'], options: ['engine'], kind: 'value' },
  { key: ['cost', 'metric'], options: ['metric'], kind: 'value' },
  { key: ['cost', 'split'], options: ['split'], kind: 'value' },
  { key: ['cost', 'tagKeys'], options: ['tag-key'], kind: 'value' },
  { key: ['cost', 'onBadRow'], options: ['on-bad-row'], kind: 'value' },
  { key: ['governance', 'scorecard'], options: ['scorecard'], kind: 'path' },
  { key: ['governance', 'catalog'], options: ['catalog'], kind: 'paths' },
];
