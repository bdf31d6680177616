import { choiceOption, listOption, stringOption, type OptionSpec, type ParsedArgs } from '../command.js';
import { CliError } from '../errors.js';
import { readInput } from '../files.js';
import { jobs, maxInputBytes } from '../options.js';
import { write, type Io } from '../stdio.js';
import { PARALLEL_FROM_MB } from './parallel.js';
import { ENGINES, type Engine } from './read.js';

import type * as ToolkitModule from '@pt/toolkit';
import type { CostConfig } from '@pt/toolkit';

type Toolkit = typeof ToolkitModule;

const METRICS = ['BilledCost', 'EffectiveCost', 'ListCost', 'ContractedCost'] as const;

/** Options every command reading billing data takes. */
export const BILLING_OPTIONS = {
  'cost-config': {
    type: 'string',
    streamable: false,
    value: '<file>',
    description: 'Allocation, metric, anomaly and budget settings (YAML or JSON)',
  },
  engine: {
    type: 'string',
    streamable: false,
    value: '<stream|duckdb>',
    description: 'stream (default; CSV, CSV.gz) or duckdb (also Parquet and globs)',
    choices: ENGINES,
  },
  jobs: jobs(
    `Threads for one large uncompressed CSV with --engine stream (default: 2 from ${PARALLEL_FROM_MB} MiB when there are 2+ cores, else 1)`,
  ),
  metric: {
    type: 'string',
    streamable: false,
    value: '<BilledCost|EffectiveCost|ListCost|ContractedCost>',
    description: 'The FOCUS cost column to sum (default: BilledCost)',
    choices: METRICS,
  },
  split: {
    type: 'string',
    streamable: false,
    value: '<proportional|even>',
    description: 'How shared cost is split across services (default: proportional)',
    choices: ['proportional', 'even'],
  },
  'tag-key': {
    type: 'string',
    streamable: false,
    multiple: true,
    value: '<key>',
    description: "Tag naming the service (repeatable; first match wins; replaces the config's tagKeys)",
  },
  'on-bad-row': {
    type: 'string',
    streamable: false,
    value: '<error|skip>',
    description: 'Bad rows: fail with their locations (default) or skip them, counted',
    choices: ['error', 'skip'],
  },
} as const satisfies Record<string, OptionSpec>;

/** The cost configuration: the `--cost-config` file (if any) with the command-line flags on top. */
export async function loadCostConfig(lib: Toolkit, values: ParsedArgs['values'], io: Io): Promise<CostConfig> {
  const file = stringOption(values, 'cost-config');
  let config = lib.defaultCostConfig();
  if (file !== undefined) {
    const text = await readInput(file, maxInputBytes(values['max-input-mb']), io);
    const result = lib.parseCostConfig(text, file);
    if (!result.ok) {
      await write(io.stderr, result.issues.map((i) => `${lib.formatIssue(i)}\n`).join(''));
      const n = result.issues.length;
      throw new CliError('E_INVALID', `${file} is not a valid cost configuration (${n} problem${n === 1 ? '' : 's'})`);
    }
    config = result.config;
  }
  const tagKeys = listOption(values, 'tag-key');
  for (const key of tagKeys) {
    const problem = lib.tagKeyProblem(key);
    if (problem !== null) throw new CliError('E_USAGE', `--tag-key: ${problem}`);
  }
  if (tagKeys.length > 0) config = { ...config, allocation: { ...config.allocation, tagKeys: [...tagKeys] } };
  return lib.overrideCostConfig(config, {
    metric: choiceOption(values, 'metric', METRICS),
    split: choiceOption(values, 'split', ['proportional', 'even'] as const),
    onBadRow: choiceOption(values, 'on-bad-row', ['error', 'skip'] as const),
  });
}

/** `--jobs`: a positive integer up to 16, or undefined (decide by file size and cores). */
export function jobsOption(values: ParsedArgs['values']): number | undefined {
  const text = stringOption(values, 'jobs');
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 16) {
    throw new CliError('E_USAGE', `--jobs must be a whole number from 1 to 16; got "${text}"`);
  }
  return n;
}

/** `--engine`, default `stream`. */
export function engineOption(values: ParsedArgs['values']): Engine {
  return choiceOption(values, 'engine', ENGINES) ?? 'stream';
}
