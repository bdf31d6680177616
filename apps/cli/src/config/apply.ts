import { isAbsolute, relative, resolve } from 'node:path';
import { type Command, type ParsedArgs, type ValueSource } from '../command.js';
import { CliError } from '../errors.js';
import { write, type Io } from '../stdio.js';
import { BINDINGS, COMMAND_SETTINGS, CONFIG_COMMANDS, type Binding } from './bindings.js';
import { findConfig } from './find.js';
import type { LoadedConfig } from './load.js';

/** The key of the positional arguments in `sources`. */
export const ARGUMENTS = '(arguments)';
/** The key of the config file itself in `sources` (`where` is the file), when one was read. */
export const CONFIG_FILE = '(config file)';

/** A command's name as the config file knows it: a shared group's with its subcommand (`slo budget`). */
export function configName(command: Command, positionals: readonly string[]): string {
  const sub = command.subcommands?.options === 'shared' ? positionals[0] : undefined;
  return sub === undefined ? command.name : `${command.name} ${sub}`;
}

/** Whether the config file can give this command anything (else it is not even looked for). */
function takesConfig(command: Command, name: string): boolean {
  return (
    (CONFIG_COMMANDS as readonly string[]).includes(name) ||
    BINDINGS.some((b) => b.options.some((o) => o in command.options) || b.args?.[name] !== undefined)
  );
}

function valueAt(config: unknown, key: readonly string[]): unknown {
  let value = config;
  for (const part of key) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A binding's value as the option's text: paths read from the config file's directory, shown from the working directory. */
function converted(binding: Binding, value: unknown, dir: string, cwd: string): string[] {
  const items = (Array.isArray(value) ? value : [value]).map((v) => String(v));
  const path = (p: string) => (p === '-' || isAbsolute(p) ? p : relative(cwd, resolve(dir, p)) || '.');
  switch (binding.kind) {
    case 'value':
      return items;
    case 'path':
    case 'paths':
      return items.map(path);
    case 'data':
      return items.map((item) => {
        const eq = item.indexOf('=');
        return eq > 0 ? `${item.slice(0, eq + 1)}${path(item.slice(eq + 1))}` : path(item);
      });
  }
}

/**
 * Merges the project config file into a command's parsed arguments: the one place every command
 * gets it. Precedence: a flag (or argument), then the command's `commands.<name>` section, then
 * the rest of the file, then the command's default. Each value of the file the command could use
 * but does not (a flag given instead, a key the command lacks in its own section, a format it does
 * not have) is noted on stderr with its line; keys for other commands, and a top-level default the
 * command's own section replaces, are silently left alone.
 * `--config` (the command's, else `given` from before the command) names the file; else it is
 * looked for from the working directory upwards. Returns the arguments with where each came from.
 */
export async function applyConfig(
  command: Command,
  args: ParsedArgs,
  io: Io,
  given?: string,
): Promise<ParsedArgs & { readonly sources: Readonly<Record<string, ValueSource>> }> {
  const { config: explicitValue, help: _help, ...values } = args.values;
  const explicit = typeof explicitValue === 'string' ? explicitValue : given;
  const name = configName(command, args.positionals);
  const offset = command.subcommands?.options === 'shared' ? 1 : 0;
  const sources: Record<string, ValueSource> = {};
  for (const [option, value] of Object.entries(values)) if (value !== undefined) sources[option] = { kind: 'flag' };
  if (args.positionals.length > offset) sources[ARGUMENTS] = { kind: 'flag' };
  const unchanged = { values, positionals: args.positionals, sources };
  if (explicit === undefined && !takesConfig(command, name)) return unchanged;
  const cwd = process.cwd();
  const path = explicit ?? findConfig(cwd);
  if (path === undefined) return unchanged;
  const lib = await import('@pt/toolkit');
  const { loadConfig } = await import('./load.js');
  const loaded = await loadConfig(lib, path, cwd, io);
  const merged = mergeConfig(command, name, { values, positionals: args.positionals, offset }, loaded, cwd);
  if (merged.notes.length > 0) await write(io.stderr, merged.notes.map((n) => `pt: note: ${n}\n`).join(''));
  return {
    values: merged.values,
    positionals: merged.positionals,
    sources: { ...sources, ...merged.sources, [CONFIG_FILE]: { kind: 'config', where: loaded.file } },
  };
}

interface Merged {
  readonly values: Record<string, string | boolean | readonly string[] | undefined>;
  readonly positionals: readonly string[];
  readonly sources: Record<string, ValueSource>;
  readonly notes: string[];
}

/** The merge itself, without I/O (see {@link applyConfig}). */
export function mergeConfig(
  command: Command,
  name: string,
  given: { readonly values: ParsedArgs['values']; readonly positionals: readonly string[]; readonly offset: number },
  loaded: LoadedConfig,
  cwd: string,
): Merged {
  const values: Merged['values'] = { ...given.values };
  let positionals = given.positionals;
  const sources: Record<string, ValueSource> = {};
  const notes: string[] = [];
  const flagged = (option: string) => given.values[option] !== undefined;
  const set = (option: string, value: string | readonly string[], where: string) => {
    values[option] = value;
    sources[option] = { kind: 'config', where };
  };
  const usage = (where: string, message: string) =>
    new CliError('E_INVALID', `${where}: ${message}`, { hint: `Run 'pt ${name} --help' for its options.` });

  // The command's own section first: it is meant for this command, so a key it cannot use is said.
  const section = (loaded.config.commands as Record<string, Record<string, unknown> | undefined> | undefined)?.[name];
  for (const [key, value] of Object.entries(section ?? {})) {
    const option = COMMAND_SETTINGS[key];
    if (option === undefined || typeof value !== 'string') continue;
    const where = loaded.where(['commands', name, key]);
    const spec = command.options[option];
    if (spec === undefined) {
      notes.push(`${where}: not used: pt ${name} has no --${option}`);
      continue;
    }
    if (flagged(option)) {
      notes.push(`${where}: not used: --${option} is given`);
      continue;
    }
    if (spec.choices !== undefined && !spec.choices.includes(value)) {
      throw usage(where, `must be one of ${spec.choices.join(', ')} for pt ${name}, got "${value}"`);
    }
    set(option, value, where);
  }

  for (const binding of BINDINGS) {
    const value = valueAt(loaded.config, binding.key);
    if (value === undefined) continue;
    const where = loaded.where(binding.key);
    const option = binding.options.find((o) => o in command.options);
    const many = binding.args?.[name];
    const items = converted(binding, value, loaded.dir, cwd);
    if (option !== undefined) {
      const spec = command.options[option];
      if (spec === undefined || spec.type !== 'string') continue;
      if (flagged(option)) {
        notes.push(`${where}: not used: --${option} is given`);
        continue;
      }
      // Set by the command's own section: the file's default is meant for the other commands.
      if (values[option] !== undefined) continue;
      const blocker = binding.unless?.find(flagged);
      if (blocker !== undefined) {
        notes.push(`${where}: not used: --${blocker} is given`);
        continue;
      }
      const text = items.join(',');
      if (spec.choices !== undefined && !spec.choices.includes(text)) {
        notes.push(`${where}: not used: pt ${name} takes --${option} ${spec.choices.join('|')}, not "${text}"`);
        continue;
      }
      set(
        option,
        spec.multiple === true ? items : binding.join === true || items.length > 1 ? text : (items[0] ?? ''),
        where,
      );
    } else if (many !== undefined) {
      if (given.positionals.length > given.offset) {
        notes.push(`${where}: not used: the command line gives the arguments`);
        continue;
      }
      if (many === 'one' && items.length > 1) {
        notes.push(`${where}: not used: pt ${name} takes one file, the config file gives ${items.length}`);
        continue;
      }
      positionals = [...positionals, ...items];
      sources[ARGUMENTS] = { kind: 'config', where };
    }
  }
  return { values, positionals, sources, notes };
}
