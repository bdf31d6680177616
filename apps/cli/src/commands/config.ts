import type { Command, CommandRun, OptionSpec, ParsedArgs, SubcommandEntry, ValueSource } from '../command.js';
import { CliError, EXIT_CODES } from '../errors.js';
import { write } from '../stdio.js';
import { ARGUMENTS, CONFIG_FILE } from '../config/apply.js';
import { findConfig } from '../config/find.js';

/** The default an option's help states (`(default: table)`, `default: the seed's five checks`), if any. */
function statedDefault(spec: OptionSpec): string | undefined {
  const match = /\(default:? ([^)]*)\)|default: ([^;)]*)/.exec(spec.description);
  return match?.[1] ?? match?.[2];
}

function shownValue(value: ParsedArgs['values'][string]): string {
  if (value === undefined) return '-';
  if (typeof value === 'boolean') return String(value);
  return typeof value === 'string' ? value : value.join(' ');
}

function shownSource(source: ValueSource | undefined, flag: string): string {
  if (source === undefined || source.kind === 'default') return 'default';
  return source.kind === 'flag' ? flag : source.where;
}

/** Columns padded to their widest cell, the last one not. */
function columns(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map(
      (row) =>
        `  ${row
          .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
          .join('  ')
          .trimEnd()}\n`,
    )
    .join('');
}

/** In place of a command's run: what it would have run with, and where each value came from. */
function explainRun(name: string, args: readonly string[], options: Readonly<Record<string, OptionSpec>>): CommandRun {
  return async ({ values, positionals, sources = {} }, io) => {
    const file = sources[CONFIG_FILE];
    const rows: string[][] = [['option', 'value', 'from']];
    if (args.length > 0) {
      rows.push([
        args.join(' '),
        positionals.length === 0 ? '-' : positionals.join(' '),
        positionals.length === 0 ? '-' : shownSource(sources[ARGUMENTS], 'command line'),
      ]);
    }
    for (const [option, spec] of Object.entries(options)) {
      const source = sources[option];
      const given = values[option];
      rows.push([
        `--${option}`,
        given === undefined ? (statedDefault(spec) ?? '-') : shownValue(given),
        given === undefined ? 'default' : shownSource(source, 'flag'),
      ]);
    }
    const heading =
      file?.kind === 'config'
        ? `pt ${name} with the config file ${file.where}:\n`
        : `pt ${name} (no config file: none found from the working directory upwards):\n`;
    await write(io.stdout, `${heading}\n${columns(rows)}`);
    return EXIT_CODES.ok;
  };
}

/** The same command, its run (and every subcommand's) replaced by {@link explainRun}. */
function explained(command: Command): Command {
  const { subcommands } = command;
  if (subcommands === undefined) return { ...command, run: explainRun(command.name, command.args, command.options) };
  if (subcommands.options === 'shared') {
    return {
      ...command,
      subcommands: {
        ...subcommands,
        entries: subcommands.entries.map((entry) => ({
          ...entry,
          load: () =>
            Promise.resolve(explainRun(`${command.name} ${entry.name}`, command.args.slice(1), command.options)),
        })),
      },
    };
  }
  const { otherwise } = subcommands;
  return {
    ...command,
    subcommands: {
      ...subcommands,
      entries: subcommands.entries.map((entry) => ({ ...entry, load: async () => explained(await entry.load()) })),
      ...(otherwise === undefined ? {} : { otherwise: async () => explained(await otherwise()) }),
    },
  };
}

/** `pt config` alone: the file found (or given) and every value in it, with its line. */
const overview: Command = {
  name: 'config',
  summary: 'Show the project config file, or what a command gets from it and from where',
  args: ['[command…]'],
  description:
    'Without a command: the project config file in use (pt.config.yaml or pt.config.json, found from the\n' +
    'working directory upwards, or --config) and every value in it, by line. With a command and its\n' +
    'arguments: what that command would run with (every option and its arguments) and where each value\n' +
    'comes from: a flag, the config file (file:line key) or the default. Nothing is run.\n' +
    'Precedence: flag, then the commands.<command> section of the file, then the rest of it, then the default.',
  options: {},
  examples: [
    'pt config',
    'pt config report',
    'pt config report --format json',
    'pt --config ci.pt.config.yaml config slo budget',
  ],
  async run({ positionals, sources = {} }, io) {
    if (positionals[0] !== undefined) {
      throw new CliError('E_USAGE', `unknown command "${positionals[0]}"`, {
        hint: "Run 'pt config --help' for usage.",
      });
    }
    // A file given with --config has been read (and validated) already; else look for one.
    const given = sources[CONFIG_FILE];
    const cwd = process.cwd();
    const path = given?.kind === 'config' ? given.where : findConfig(cwd);
    if (path === undefined) {
      await write(
        io.stdout,
        'No config file: no pt.config.yaml or pt.config.json from the working directory upwards.\n',
      );
      return EXIT_CODES.ok;
    }
    const lib = await import('@pt/toolkit');
    const { loadConfig } = await import('../config/load.js');
    const { BINDINGS } = await import('../config/bindings.js');
    const loaded = await loadConfig(lib, path, cwd, io);
    const rows: string[][] = [['key', 'value']];
    const add = (key: readonly string[], value: unknown) => {
      if (value !== undefined)
        rows.push([loaded.where(key), Array.isArray(value) ? value.join(', ') : `${value as string | number}`]);
    };
    for (const binding of BINDINGS) {
      let value: unknown = loaded.config;
      for (const part of binding.key) value = (value as Record<string, unknown> | undefined)?.[part];
      add(binding.key, value);
    }
    for (const [command, settings] of Object.entries(loaded.config.commands ?? {})) {
      for (const [key, value] of Object.entries(settings ?? {})) add(['commands', command, key], value);
    }
    const line = (where: string) => Number(/:(\d+) /.exec(where)?.[1] ?? 0);
    const body = [rows[0] ?? [], ...rows.slice(1).sort((a, b) => line(a[0] ?? '') - line(b[0] ?? ''))];
    await write(
      io.stdout,
      `Config file: ${loaded.file}\n\n${columns(body)}\nRun 'pt config <command>' for what a command gets from it.\n`,
    );
    return EXIT_CODES.ok;
  },
};

/**
 * `pt config [<command> …]`: the config file, or what a command would run with and from where. The
 * registry (`index.ts`) passes itself in, as it loads this file.
 */
export function configCommand(commands: readonly SubcommandEntry<Command>[]): Command {
  return {
    ...overview,
    subcommands: {
      options: 'own',
      mirrors: true,
      entries: commands
        .filter((c) => c.name !== 'config')
        .map((c) => ({ name: c.name, summary: c.summary, load: async () => explained(await c.load()) })),
      unknown: (given) => `unknown command "${given}"`,
      otherwise: () => Promise.resolve(overview),
    },
    run: undefined,
  };
}
