import type { Command, OptionSpec } from './command.js';
import type { CommandEntry } from './commands/index.js';

/** One place on the `pt` command line: a command, a group, or a subcommand of a group. */
export interface CommandNode {
  /** `['slo', 'budget']`; `[]` for `pt` itself. */
  readonly path: readonly string[];
  readonly summary: string;
  /** The subcommand names that may follow (`validate budget …` after `slo`). */
  readonly subcommands: readonly string[];
  /** The options taken here (without `--help` and the global ones). */
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** The positional arguments taken here, as help shows them (`<fleet.yaml|fleet.json|->`). */
  readonly args: readonly string[];
}

async function visit(
  path: readonly string[],
  summary: string,
  command: Command,
  throughMirrors: boolean,
): Promise<CommandNode[]> {
  const { subcommands } = command;
  if (subcommands === undefined) {
    return [{ path, summary, subcommands: [], options: command.options, args: command.args }];
  }
  const names = subcommands.entries.map((e) => e.name);
  if (subcommands.options === 'shared') {
    // The group's first argument is the subcommand; the rest, and every option, are shared.
    return [
      { path, summary, subcommands: names, options: command.options, args: command.args.slice(0, 1) },
      ...subcommands.entries.map((e) => ({
        path: [...path, e.name],
        summary: e.summary,
        subcommands: [],
        options: command.options,
        args: command.args.slice(1),
      })),
    ];
  }
  const otherwise = subcommands.otherwise === undefined ? undefined : await subcommands.otherwise();
  const followed = subcommands.mirrors === true && !throughMirrors ? [] : subcommands.entries;
  const nested = await Promise.all(
    followed.map(async (e) => visit([...path, e.name], e.summary, await e.load(), throughMirrors)),
  );
  return [
    { path, summary, subcommands: names, options: otherwise?.options ?? {}, args: otherwise?.args ?? [] },
    ...nested.flat(),
  ];
}

/**
 * Every command, group and subcommand of `pt`, read from the command registry (`COMMANDS` of
 * `commands/index.ts`, given, and each group's `subcommands`), parents before children. Loads
 * every command module: for completion scripts and the help checks, never for a plain run. Below a
 * group that mirrors the others (`pt config <command>`), only with `throughMirrors` (completion).
 */
export async function commandTree(
  COMMANDS: readonly CommandEntry[],
  { throughMirrors = false }: { readonly throughMirrors?: boolean } = {},
): Promise<CommandNode[]> {
  const top: CommandNode = {
    path: [],
    summary: 'pt',
    subcommands: COMMANDS.map((c) => c.name),
    options: {},
    args: [],
  };
  const below = await Promise.all(COMMANDS.map(async (c) => visit([c.name], c.summary, await c.load(), throughMirrors)));
  return [top, ...below.flat()];
}

/** The fixed values of a positional argument written `<a|b|c>` (`<bash|zsh|fish>`), else none. */
export function argChoices(arg: string | undefined): readonly string[] {
  const match = /^<([a-z][a-z0-9-]*(?:\|[a-z][a-z0-9-]*)+)>$/.exec(arg ?? '');
  return match?.[1] === undefined ? [] : match[1].split('|');
}
