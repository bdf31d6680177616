import { existsSync } from 'node:fs';
import { Writable } from 'node:stream';
import {
  checkCommandArgs,
  commandHelp,
  globalOptionsHelp,
  readCommandArgs,
  type Command,
  type SubcommandEntry,
} from './command.js';
import { COMMANDS } from './commands/index.js';
import { CliError, EXIT_CODES, errorJson, exitCodeFor } from './errors.js';
import { refuseOutOverInput } from './files.js';
import { GLOBAL_OPTIONS } from './options.js';
import { processIo, write, type Io } from './stdio.js';
import { didYouMean } from './suggest.js';
import { VERSION } from './version.js';

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length)) + 2;
  return [
    'pt: how healthy is each service, and why?',
    '',
    'Usage: pt <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(width)}${c.summary}`),
    '',
    'Options:',
    '  -h, --help         Show help (pt <command> --help for a command)',
    '  -v, --version      Print the version',
    '  --config <file>    Project config file (default: pt.config.yaml or pt.config.json, found upwards)',
    '',
    'Global options (every command):',
    ...globalOptionsHelp(),
    '',
    'Exit codes: 0 ok, 1 a --fail-on check matched, 2 usage or input error.',
    '',
  ].join('\n');
}

/** `pt <group> --help` of a group whose subcommands have their own options. */
function groupHelp(command: Command, entries: readonly SubcommandEntry<Command>[]): string {
  const names = entries.map((e) => `${command.name} ${e.name}`);
  const width = Math.max(...names.map((n) => n.length)) + 2;
  return [
    `Usage: pt ${command.name} <${entries.map((e) => e.name).join('|')}> [options]`,
    '',
    command.description,
    '',
    'Commands:',
    ...entries.map((e, i) => `  ${(names[i] ?? '').padEnd(width)}${e.summary}`),
    '',
    `Run 'pt ${command.name} <command> --help' for a command's options.`,
    '',
  ].join('\n');
}

/** The entry the first argument names, or a usage error worded by the group. */
function pickSubcommand<T>(
  command: Command,
  subcommands: { readonly entries: readonly SubcommandEntry<T>[]; readonly unknown: (given: string) => string },
  given: string,
): SubcommandEntry<T> {
  const entry = subcommands.entries.find((e) => e.name === given);
  if (entry === undefined) {
    const near = didYouMean(
      given,
      subcommands.entries.map((e) => e.name),
      `${command.name} `,
    );
    const hint = { hint: `Run 'pt ${command.name} --help' for usage.` };
    throw new CliError('E_USAGE', `${subcommands.unknown(given)}${near}`, near === '' ? hint : {});
  }
  return entry;
}

/** What holds for the whole run: `--config <file>` given before the command. */
interface RunContext {
  readonly config?: string;
}

/** Runs a command, or the subcommand of a group that the arguments pick (the one subcommand mechanism). */
async function runCommand(command: Command, argv: readonly string[], io: Io, context: RunContext): Promise<number> {
  const { subcommands } = command;
  if (subcommands?.options === 'own') {
    const [first, ...rest] = argv;
    const otherwise = subcommands.otherwise === undefined ? undefined : await subcommands.otherwise();
    if (first === '-h' || first === '--help' || first === 'help') {
      const help = groupHelp(command, subcommands.entries);
      await write(
        io.stdout,
        otherwise === undefined ? help : `${commandHelp(otherwise)}\n${help.slice(help.indexOf('Commands:'))}`,
      );
      return EXIT_CODES.ok;
    }
    if (otherwise !== undefined && (first === undefined || !subcommands.entries.some((e) => e.name === first))) {
      // A word that is no file but close to a subcommand is a typo of it (`pt dora improt git`).
      if (first !== undefined && !first.startsWith('-') && !existsSync(first)) {
        const near = didYouMean(
          first,
          subcommands.entries.map((e) => e.name),
          `${command.name} `,
        );
        if (near !== '') throw new CliError('E_USAGE', `${subcommands.unknown(first)}${near}`);
      }
      return runCommand(otherwise, argv, io, context);
    }
    if (first === undefined) {
      throw new CliError('E_USAGE', `missing command for pt ${command.name}`, {
        hint: `Run 'pt ${command.name} --help' for usage.`,
      });
    }
    return runCommand(await pickSubcommand(command, subcommands, first).load(), rest, io, context);
  }
  const parsed = readCommandArgs(command, argv);
  if (parsed.help) {
    await write(io.stdout, commandHelp(command));
    return EXIT_CODES.ok;
  }
  // The project config file fills what the command line leaves out, for every command, here.
  const args = await (await import('./config/apply.js')).applyConfig(command, parsed, io, context.config);
  checkCommandArgs(command, args);
  await refuseOutOverInput(args.values, args.positionals);
  if (subcommands === undefined) return command.run(args, io);
  const [first = '', ...rest] = args.positionals;
  const run = await pickSubcommand(command, subcommands, first).load();
  return run({ values: args.values, positionals: rest, sources: args.sources }, io);
}

async function dispatch(argv: readonly string[], io: Io, context: RunContext = {}): Promise<number> {
  const [first, ...rest] = argv;
  // `pt --config <file> <command> …`: the global form of every command's --config.
  if (first === '--config' || first?.startsWith('--config=') === true) {
    const file = first === '--config' ? rest.shift() : first.slice('--config='.length);
    if (file === undefined || file === '') {
      throw new CliError('E_USAGE', "option '--config <file>' argument missing", {
        hint: "Run 'pt --help' for usage.",
      });
    }
    return dispatch(rest, io, { ...context, config: file });
  }
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    if (first === 'help' && rest[0] !== undefined) return dispatch([rest[0], '--help'], io);
    await write(first === undefined ? io.stderr : io.stdout, mainHelp());
    return first === undefined ? EXIT_CODES.usageOrInput : EXIT_CODES.ok;
  }
  if (first === '-v' || first === '--version') {
    await write(io.stdout, `${VERSION}\n`);
    return EXIT_CODES.ok;
  }
  const entry = COMMANDS.find((c) => c.name === first);
  if (entry === undefined) {
    const option = first.startsWith('-');
    const near = option
      ? first.startsWith('--')
        ? didYouMean(first.slice(2), ['help', 'version', ...Object.keys(GLOBAL_OPTIONS)], '--')
        : ''
      : didYouMean(
          first,
          COMMANDS.map((c) => c.name),
        );
    const what = option ? `unknown option "${first}"` : `unknown command "${first}"`;
    throw new CliError('E_USAGE', `${what}${near}`, near === '' ? { hint: "Run 'pt --help' for the commands." } : {});
  }
  return runCommand(await entry.load(), rest, io, context);
}

async function reportFailure(error: unknown, io: Io): Promise<number> {
  try {
    if (error instanceof CliError) {
      await write(io.stderr, `pt: ${error.message}\n${error.hint === undefined ? '' : `${error.hint}\n`}`);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      const detail =
        io.env['PT_DEBUG'] === '1' && error instanceof Error && error.stack !== undefined
          ? `${error.stack}\n`
          : 'Set PT_DEBUG=1 to see the stack trace, and please report this.\n';
      await write(io.stderr, `pt: internal error: ${message}\n${detail}`);
    }
  } catch {
    // stderr is gone; the exit code still tells.
  }
  return exitCodeFor(error);
}

/** The global options (`GLOBAL_OPTIONS`): taken out of argv wherever they are, up to a `--`. */
function globalOptions(argv: readonly string[]): { quiet: boolean; noColor: boolean; rest: string[] } {
  const end = argv.indexOf('--');
  const head = end === -1 ? argv : argv.slice(0, end);
  const tail = end === -1 ? [] : argv.slice(end);
  return {
    quiet: head.includes('--quiet'),
    noColor: head.includes('--no-color'),
    rest: [...head.filter((a) => a !== '--quiet' && a !== '--no-color'), ...tail],
  };
}

/** Whether the run asks for `--format json` (`-f json`, `--format=json`): then its error is JSON too. */
function wantsJson(argv: readonly string[]): boolean {
  return argv.some(
    (a, i) => ((a === '--format' || a === '-f') && argv[i + 1] === 'json') || a === '--format=json' || a === '-fjson',
  );
}

/** A stream that keeps what is written to it, for the stderr of a `--format json` run. */
function captured(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/**
 * Runs a `--format json` run: what it has for stderr is held back; if it fails, stderr gets the
 * one JSON error (`errorJson`) and nothing else, else the held text as it was.
 */
async function runWithJsonErrors(argv: readonly string[], io: Io): Promise<number> {
  const held = captured();
  const issues: NonNullable<Io['issues']> = [];
  try {
    const code = await dispatch(argv, { ...io, stderr: held.stream, issues });
    const text = held.text();
    if (text !== '') await write(io.stderr, text);
    return code;
  } catch (error) {
    try {
      await write(io.stderr, `${JSON.stringify(errorJson(error, issues, held.text()))}\n`);
    } catch {
      // stderr is gone; the exit code still tells.
    }
    return exitCodeFor(error);
  }
}

/** Runs `pt` with the given arguments; resolves to the exit code (it never calls process.exit). */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const global = globalOptions(argv);
  const runIo: Io = {
    ...io,
    ...(global.quiet ? { quiet: true } : {}),
    ...(global.noColor ? { env: { ...io.env, NO_COLOR: '1' } } : {}),
  };
  if (wantsJson(global.rest)) return runWithJsonErrors(global.rest, runIo);
  try {
    return await dispatch(global.rest, runIo);
  } catch (error) {
    return reportFailure(error, runIo);
  }
}
