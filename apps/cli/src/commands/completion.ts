import type { Command } from '../command.js';
import type { CommandEntry } from './index.js';
import { CliError, EXIT_CODES } from '../errors.js';
import { didYouMean } from '../suggest.js';
import { write } from '../stdio.js';

/**
 * `pt completion <bash|zsh|fish>`: a shell completion script, generated from the command registry,
 * which `commands/index.ts` passes in (so that no module imports the registry back).
 */
export const completionCommand = (commands: readonly CommandEntry[]): Command => ({
  name: 'completion',
  summary: 'Print a shell completion script (bash, zsh or fish)',
  args: ['<bash|zsh|fish>'],
  description:
    'Prints a script that completes pt commands, subcommands, options and the fixed values of\n' +
    'options (formats, engines, --by dimensions), all read from the commands themselves.\n' +
    '  bash: source <(pt completion bash)        (in ~/.bashrc)\n' +
    '  zsh:  source <(pt completion zsh)         (in ~/.zshrc; uses zsh’s bashcompinit)\n' +
    '  fish: pt completion fish | source         (or save it as ~/.config/fish/completions/pt.fish)',
  options: {},
  examples: ['source <(pt completion bash)', 'pt completion fish > ~/.config/fish/completions/pt.fish'],
  async run({ positionals }, io) {
    const { SHELLS, completionScript } = await import('../completion.js');
    const given = positionals[0] ?? '';
    const shell = SHELLS.find((s) => s === given);
    if (shell === undefined) {
      const near = didYouMean(given, SHELLS);
      throw new CliError('E_USAGE', `no completion for shell "${given}" (use bash, zsh or fish)${near}`);
    }
    const { commandTree } = await import('../command-tree.js');
    await write(io.stdout, completionScript(shell, await commandTree(commands, { throughMirrors: true })));
    return EXIT_CODES.ok;
  },
});
