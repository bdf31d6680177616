import { parseArgs } from 'node:util';
import { CliError } from './errors.js';
import { GLOBAL_OPTIONS } from './options.js';
import { didYouMean } from './suggest.js';
import type { Io } from './stdio.js';

/** One option of a command, for both `parseArgs` and `--help`. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** Shown after the option name in help, e.g. `<file>`. */
  readonly value?: string;
  readonly description: string;
  /** Allowed values of a string option, checked before the command runs. */
  readonly choices?: readonly string[];
  /**
   * Values shell completion offers for an option whose values are open, not checked (`--by` of
   * `pt cost`: its dimensions, and `tag:` for any tag). Completion offers `choices` otherwise.
   */
  readonly completions?: readonly string[];
  /** The option may be repeated; its value is then a list. */
  readonly multiple?: boolean;
  /**
   * Whether the streamed `pt report` path honours this option (see `src/report/path.ts`). Every
   * option says so: a run given one that is not streamable is reported the whole way.
   */
  readonly streamable: boolean;
}

/** What a command does: runs with validated arguments and returns the exit code. */
export type CommandRun = (input: ParsedArgs, io: Io) => Promise<number>;

/** A subcommand as its group lists it; the module itself is loaded only when it runs. */
export interface SubcommandEntry<T> {
  /** The word after the group's name, e.g. `check` in `pt governance check`. */
  readonly name: string;
  readonly summary: string;
  readonly load: () => Promise<T>;
}

/**
 * The one subcommand mechanism: the first argument after a group's name picks an entry.
 * - `own`: each subcommand is a {@link Command} with its own options and help; `pt <group> --help`
 *   lists them (`pt governance check`).
 * - `shared`: the group's options and help are every subcommand's; the arguments are checked
 *   against them first, then the first one picks the subcommand's run (`pt slo budget`, `pt cost summary`).
 */
export type Subcommands =
  | {
      readonly options: 'own';
      readonly entries: readonly SubcommandEntry<Command>[];
      /** The one-line usage error for a first argument that names none. */
      readonly unknown: (given: string) => string;
      /**
       * The command the arguments go to when their first one names no entry (`pt dora <events…>`
       * beside `pt dora import …`); its help is the group's, followed by the entries.
       */
      readonly otherwise?: () => Promise<Command>;
      /**
       * The entries are `pt`'s other commands seen through this one (`pt config report`): help and
       * the README document them where they live, completion follows them.
       */
      readonly mirrors?: boolean;
    }
  | {
      readonly options: 'shared';
      readonly entries: readonly SubcommandEntry<CommandRun>[];
      readonly unknown: (given: string) => string;
    };

interface CommandInfo {
  /** `report`; a subcommand's is its group's and its own (`governance check`). */
  readonly name: string;
  readonly summary: string;
  /** Positional arguments as shown in usage, e.g. `<fleet.yaml|fleet.json|->`; a last one ending in `…>` or `…]` takes the rest. */
  readonly args: readonly string[];
  readonly description: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly examples: readonly string[];
  /** Accepts any number of positionals after the declared ones (e.g. `pt slo validate <files…>`). */
  readonly variadic?: boolean;
}

/** A `pt` command: its help, its arguments, and what it does or the subcommands that do it. One file each. */
export type Command =
  | (CommandInfo & { readonly run: CommandRun; readonly subcommands?: undefined })
  | (CommandInfo & { readonly subcommands: Subcommands; readonly run?: undefined });

export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | readonly string[] | undefined>>;
  readonly positionals: readonly string[];
  /** Where each value came from, once the project config file has been merged in (`src/config/apply.ts`). */
  readonly sources?: Readonly<Record<string, ValueSource>>;
}

/** Where an option's value (or the positional arguments, `(arguments)`) came from: `pt config` prints it. */
export type ValueSource =
  { readonly kind: 'flag' } | { readonly kind: 'config'; readonly where: string } | { readonly kind: 'default' };

/** A string option's value, or undefined. */
export function stringOption(values: ParsedArgs['values'], name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A repeatable string option's values (empty when absent). */
export function listOption(values: ParsedArgs['values'], name: string): readonly string[] {
  const value = values[name];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A string option restricted to `choices`, typed as one of them (checked, not cast). */
export function choiceOption<T extends string>(
  values: ParsedArgs['values'],
  name: string,
  choices: readonly T[],
  hint?: string,
): T | undefined {
  const value = stringOption(values, name);
  if (value === undefined) return undefined;
  const choice = choices.find((c) => c === value);
  if (choice === undefined) {
    const message = `--${name} must be one of ${choices.join(', ')}; got "${value}"${didYouMean(value, choices)}`;
    throw new CliError('E_USAGE', message, hint === undefined ? {} : { hint });
  }
  return choice;
}

/** A shared option given to a subcommand that does not use it: a usage error saying which do. */
export function refuseOption(values: ParsedArgs['values'], name: string, usedBy: string): void {
  if (values[name] !== undefined) throw new CliError('E_USAGE', `--${name} is for ${usedBy} only`);
}

const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', description: 'Show this help', streamable: false };

/** `--config <file>`: every command's, like `--help` (also accepted before the command: `pt --config <file> report`). */
export const CONFIG_OPTION: OptionSpec = {
  type: 'string',
  value: '<file>',
  description: 'Project config file (default: pt.config.yaml or pt.config.json, found upwards)',
  streamable: true,
};

/** Parses argv for a command: unknown options, missing or extra arguments and bad choices are usage errors. */
export function parseCommandArgs(command: Command, argv: readonly string[]): ParsedArgs & { help: boolean } {
  const args = readCommandArgs(command, argv);
  if (!args.help) checkCommandArgs(command, args);
  return args;
}

/** Parses argv for a command without checking choices and arguments (the config file may still fill them). */
export function readCommandArgs(command: Command, argv: readonly string[]): ParsedArgs & { help: boolean } {
  const options = { ...command.options, config: CONFIG_OPTION, help: HELP_OPTION };
  const hint = `Run 'pt ${command.name} --help' for usage.`;
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: Object.fromEntries(
        Object.entries(options).map(([name, o]) => [
          name,
          {
            type: o.type,
            ...(o.short === undefined ? {} : { short: o.short }),
            ...(o.multiple === true ? { multiple: true } : {}),
          },
        ]),
      ),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw parseError(command, Object.keys(options), error, hint);
  }
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  return { values, positionals: parsed.positionals, help: values['help'] === true };
}

/** Bad choices, missing and extra arguments of parsed arguments: usage errors. */
export function checkCommandArgs(command: Command, args: ParsedArgs): void {
  const hint = `Run 'pt ${command.name} --help' for usage.`;
  const { values, positionals } = args;
  for (const [name, spec] of Object.entries(command.options)) {
    if (spec.choices !== undefined) choiceOption(values, name, spec.choices, hint);
  }
  const required = command.args.filter((a) => a.startsWith('<')).length;
  if (positionals.length < required) {
    throw new CliError('E_USAGE', `missing argument ${command.args[positionals.length] ?? ''}`.trim(), {
      hint,
    });
  }
  const variadic = command.variadic === true || command.args.at(-1)?.includes('…') === true;
  if (!variadic && positionals.length > command.args.length) {
    throw new CliError('E_USAGE', `unexpected argument "${positionals[command.args.length] ?? ''}"`, { hint });
  }
}

/**
 * A `parseArgs` error in pt's own words, one line: an unknown option with the nearest known ones
 * (`unknown option "--fromat" of pt report; did you mean "--format"?`), an option without its value.
 */
function parseError(command: Command, names: readonly string[], error: unknown, hint: string): CliError {
  const code = (error as { code?: unknown }).code;
  const text = error instanceof Error ? error.message : String(error);
  const quoted = /'([^']+)'/.exec(text)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && quoted !== undefined) {
    const long = quoted.startsWith('--');
    const near = long ? didYouMean(quoted.slice(2), [...names, ...Object.keys(GLOBAL_OPTIONS)], '--') : '';
    return new CliError(
      'E_USAGE',
      `unknown option "${quoted}" of pt ${command.name}${near}`,
      near === '' ? { hint } : {},
    );
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const option = /--[a-z0-9-]+/.exec(text)?.[0] ?? 'an option';
    const message = text.includes('argument missing')
      ? `${option} needs a value`
      : `${option} needs a value (one starting with "-" is written ${option}=-…)`;
    return new CliError('E_USAGE', message, { hint });
  }
  const first = text.split('\n')[0] ?? text;
  return new CliError('E_USAGE', first.replace(/^TypeError \[[A-Z_]+\]: /, ''), { hint });
}

/** The "Global options" lines of help: `--quiet` and `--no-color`, taken by every command. */
export function globalOptionsHelp(): string[] {
  const left = Object.keys(GLOBAL_OPTIONS).map((name) => `    --${name}`);
  const width = Math.max(...left.map((l) => l.length)) + 2;
  return Object.values(GLOBAL_OPTIONS).map((o, i) => `  ${(left[i] ?? '').padEnd(width)}${o.description}`);
}

/** `pt <command> --help`. */
export function commandHelp(command: Command): string {
  const options = { ...command.options, config: CONFIG_OPTION, help: HELP_OPTION };
  const left = Object.entries(options).map(([name, o]) => {
    const short = o.short === undefined ? '    ' : `-${o.short}, `;
    return `${short}--${name}${o.value === undefined ? '' : ` ${o.value}`}`;
  });
  const width = Math.max(...left.map((l) => l.length)) + 2;
  const lines = Object.values(options).map((o, i) => `  ${(left[i] ?? '').padEnd(width)}${o.description}`);
  return [
    `Usage: pt ${command.name}${command.args.length > 0 ? ` ${command.args.join(' ')}` : ''} [options]`,
    '',
    command.description,
    '',
    'Options:',
    ...lines,
    '',
    'Global options:',
    ...globalOptionsHelp(),
    '',
    'Examples:',
    ...command.examples.map((e) => `  ${e}`),
    '',
    'fail-on' in command.options || 'fail-on-regression' in command.options
      ? 'Exit codes: 0 ok, 1 a --fail-on check matched, 2 usage or input error.'
      : 'Exit codes: 0 ok, 2 usage or input error.',
    '',
  ].join('\n');
}
