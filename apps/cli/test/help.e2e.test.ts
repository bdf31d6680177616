/**
 * Help that matches the code: every command and subcommand of the command registry
 * (`src/commands/index.ts` and each group's `subcommands`) is listed by `pt --help`, by its
 * group's `--help`, and documented in apps/cli/README.md.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandTree } from '../src/command-tree.js';
import { COMMANDS } from '../src/commands/index.js';
import { runPt } from './run-cli.js';

const nodes = (await commandTree(COMMANDS)).filter((n) => n.path.length > 0);
const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** Whether `word` appears in `text` as a word of a usage line (between spaces, `<`, `|`, `>`, `[`, `]`). */
const hasWord = (text: string, word: string) =>
  new RegExp(`(^|[\\s<|\\[])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[\\s>|\\]…])`).test(text);

describe('help coverage', () => {
  it('the registry has the commands this test was written against, and more may come', () => {
    const paths = nodes.map((n) => n.path.join(' '));
    expect(paths).toEqual(
      expect.arrayContaining(['report', 'slo status', 'cost validate', 'dora import git', 'governance import-catalog']),
    );
  });

  it('pt --help lists every command, and on its line every subcommand below it', async () => {
    const help = (await runPt(['--help'])).stdout;
    const commands = help.split('Commands:\n')[1]?.split('\n\n')[0]?.split('\n') ?? [];
    for (const node of nodes) {
      const line = commands.find((l) => l.startsWith(`  ${node.path[0] ?? ''} `) || l === `  ${node.path[0] ?? ''}`);
      expect(line, `pt --help: no line for ${node.path[0] ?? ''}`).toBeDefined();
      for (const word of node.path.slice(1)) {
        expect(hasWord(line ?? '', word), `pt --help: "${node.path.join(' ')}" missing from: ${line ?? ''}`).toBe(true);
      }
    }
  });

  it("each group's --help names each of its subcommands", async () => {
    for (const node of nodes.filter((n) => n.subcommands.length > 0)) {
      const r = await runPt([...node.path, '--help']);
      expect(r.status).toBe(0);
      for (const sub of node.subcommands) {
        expect(hasWord(r.stdout, sub), `pt ${node.path.join(' ')} --help does not name ${sub}`).toBe(true);
      }
    }
  });

  it('apps/cli/README.md documents every command and subcommand (`pt <path>`)', () => {
    const missing = nodes.map((n) => `pt ${n.path.join(' ')}`).filter((p) => !README.includes(`\`${p}`));
    expect(missing).toEqual([]);
  });

  it('apps/cli/README.md names every option of every command (`--name`)', () => {
    const options = new Set(nodes.flatMap((n) => Object.keys(n.options)));
    const missing = [...options].filter((o) => !README.includes(`--${o}`));
    expect(missing).toEqual([]);
  });
});
