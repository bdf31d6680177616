import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CliError } from '../errors.js';

/** The names a project config file may have, in one directory. */
export const CONFIG_NAMES = ['pt.config.yaml', 'pt.config.json'] as const;

const isFile = (path: string) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/**
 * The project config file for a run in `cwd`: the first directory from `cwd` upwards holding
 * `pt.config.yaml` or `pt.config.json`. The search stops at the root of the repository (a directory
 * holding `.git`) or of the file system, so a file outside the project never applies to it. Both
 * names in one directory are refused: which one counts would be a guess.
 */
export function findConfig(cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    const found = CONFIG_NAMES.map((name) => join(dir, name)).filter(isFile);
    if (found.length > 1) {
      throw new CliError('E_USAGE', `both ${found.join(' and ')} exist: keep one`, {
        hint: 'pt reads one project config file (or the one given with --config).',
      });
    }
    if (found[0] !== undefined) return found[0];
    if (existsSync(join(dir, '.git'))) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
