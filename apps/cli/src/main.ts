import { commandHelp, parseCommandArgs, type Command } from './command.js';
import { COMMANDS } from './commands/index.js';
import { CliError, EXIT_CODES, exitCodeFor } from './errors.js';
import { processIo, write, type Io } from './stdio.js';
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
    '  -h, --help     Show help (pt <command> --help for a command)',
    '  -v, --version  Print the version',
    '',
    'Exit codes: 0 ok, 1 a --fail-on check matched, 2 usage or input error.',
    '',
  ].join('\n');
}

/**
 * For a command group, the subcommand the first argument names and the rest of the arguments;
 * the group's help text for `--help`/`help`. A plain command is returned as it is.
 */
function pickSubcommand(command: Command, argv: readonly string[]): [Command, readonly string[]] | string {
  if (command.subcommands === undefined) return [command, argv];
  const [first, ...rest] = argv;
  const width = Math.max(...command.subcommands.map((c) => c.name.length)) + 2;
  const help = [
    `Usage: pt ${command.name} <${command.subcommands.map((c) => c.name.split(' ').pop()).join('|')}> [options]`,
    '',
    command.description,
    '',
    'Commands:',
    ...command.subcommands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    `Run 'pt ${command.name} <command> --help' for a command's options.`,
    '',
  ].join('\n');
  if (first === '-h' || first === '--help' || first === 'help') return help;
  const hint = `Run 'pt ${command.name} --help' for usage.`;
  if (first === undefined) throw new CliError('E_USAGE', `missing command for pt ${command.name}`, { hint });
  const sub = command.subcommands.find((c) => c.name === `${command.name} ${first}`);
  if (sub === undefined) throw new CliError('E_USAGE', `unknown command "${command.name} ${first}"`, { hint });
  return [sub, rest];
}

async function dispatch(argv: readonly string[], io: Io): Promise<number> {
  const [first, ...rest] = argv;
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
    const what = first.startsWith('-') ? `unknown option "${first}"` : `unknown command "${first}"`;
    throw new CliError('E_USAGE', what, { hint: "Run 'pt --help' for the commands." });
  }
  const loaded = await entry.load();
  const picked = pickSubcommand(loaded, rest);
  if (typeof picked === 'string') {
    await write(io.stdout, picked);
    return EXIT_CODES.ok;
  }
  const [command, commandArgv] = picked;
  const args = parseCommandArgs(command, commandArgv);
  if (args.help) {
    await write(io.stdout, commandHelp(command));
    return EXIT_CODES.ok;
  }
  return command.run(args, io);
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

/** Runs `pt` with the given arguments; resolves to the exit code (it never calls process.exit). */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    return reportFailure(error, io);
  }
}
