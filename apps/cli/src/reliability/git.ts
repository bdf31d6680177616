import { execFile } from 'node:child_process';
import { CliError } from '../errors.js';

import type { GitCommit, GitDeployment } from '@pt/toolkit';

const RS = '\u001e';
const US = '\u001f';
/** Per commit: record separator, hash, author time (s), raw message, unit separator; `--name-only` paths follow. */
const LOG_FORMAT = '--format=%x1e%H%x1f%at%x1f%B%x1f';

/** Runs `git -C <repo> <args…>` (no shell: a fixed argument array) and returns its standard output. */
export function git(repo: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['-C', repo, '-c', 'core.quotePath=false', ...args],
      { maxBuffer: 1024 * 1024 * 1024, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } },
      (error, stdout, stderr) => {
        if (error === null) resolve(stdout);
        else {
          const detail = (stderr.trim().split('\n')[0] ?? '') || error.message;
          reject(new CliError('E_INPUT', `git ${args[0] ?? ''} failed in ${repo}: ${detail}`));
        }
      },
    );
  });
}

/** Commits of a `git log` run with {@link LOG_FORMAT} and `--name-only`. */
export function parseLog(text: string): GitCommit[] {
  const commits: GitCommit[] = [];
  for (const record of text.split(RS)) {
    if (record.trim() === '') continue;
    const [hash = '', seconds = '', message = '', files = ''] = record.split(US);
    commits.push({
      hash,
      time: Number(seconds) * 1000,
      message,
      files: files.split('\n').filter((f) => f !== ''),
    });
  }
  return commits;
}

/** Commits reachable from `to` but not from `from` (all of `to`'s history when `from` is undefined). */
function commitsBetween(repo: string, from: string | undefined, to: string): Promise<string> {
  return git(repo, [
    'log',
    '--reverse',
    '--no-color',
    '--name-only',
    LOG_FORMAT,
    from === undefined ? to : `${from}..${to}`,
    '--',
  ]);
}

/** Deployments from tags matching `pattern` (fnmatch, as `git for-each-ref` reads it), oldest first. */
export async function tagDeployments(repo: string, pattern: string): Promise<GitDeployment[]> {
  const refs = await git(repo, [
    'for-each-ref',
    '--format=%(refname:short)%1f%(creatordate:unix)%1f%(*objectname)%1f%(objectname)',
    `refs/tags/${pattern}`,
  ]);
  const tags = refs
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [name = '', seconds = '', peeled = '', object = ''] = line.split(US);
      return { name, time: Number(seconds) * 1000, commit: peeled === '' ? object : peeled };
    })
    .sort((a, b) => a.time - b.time || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const deployments: GitDeployment[] = [];
  let previous: string | undefined;
  for (const tag of tags) {
    const commits = parseLog(await commitsBetween(repo, previous, tag.commit));
    const rollback = commits.length === 0 && previous !== undefined && previous !== tag.commit;
    deployments.push({ id: tag.name, time: tag.time, commits, ...(rollback ? { rollback: true } : {}) });
    previous = tag.commit;
  }
  return deployments;
}

/**
 * Deployments from the first-parent history of `branch`: each commit on it (a merge, or a direct
 * push) deploys what it brings, at its committer time; oldest first.
 */
export async function branchDeployments(repo: string, branch: string): Promise<GitDeployment[]> {
  const list = await git(repo, ['rev-list', '--first-parent', '--reverse', '--format=%H%x1f%ct%x1f%P', branch, '--']);
  const deployments: GitDeployment[] = [];
  for (const line of list.split('\n')) {
    if (!line.includes(US)) continue;
    const [hash = '', seconds = '', parents = ''] = line.split(US);
    const first = parents.split(' ').find((p) => p !== '');
    const commits = parseLog(await commitsBetween(repo, first, hash));
    deployments.push({ id: hash.slice(0, 12), time: Number(seconds) * 1000, commits });
  }
  return deployments;
}
