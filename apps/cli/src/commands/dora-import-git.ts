import { listOption, stringOption, type Command } from '../command.js';
import { CliError, EXIT_CODES } from '../errors.js';
import { emitResult } from '../files.js';
import { out } from '../options.js';
import { branchDeployments, tagDeployments } from '../reliability/git.js';
import { note } from '../stdio.js';

import type { GitServiceMap } from '@pt/toolkit';

/** `--service-path api=services/api/**` → service and glob. */
function servicePaths(items: readonly string[]): GitServiceMap {
  return {
    paths: items.map((item) => {
      const eq = item.indexOf('=');
      if (eq <= 0 || eq === item.length - 1) {
        throw new CliError(
          'E_USAGE',
          `--service-path must be <service>=<glob>, e.g. api=services/api/**; got "${item}"`,
        );
      }
      return { service: item.slice(0, eq), glob: item.slice(eq + 1) };
    }),
  };
}

export const doraImportGitCommand: Command = {
  name: 'dora import git',
  summary: 'Changes are commits, deployments are tags or merges into a branch',
  args: ['<repo>'],
  description:
    'Reads a git repository as it is (the git binary must be on the PATH). Changes are commits (id: the\n' +
    'hash, time: the author time); deployments are the tags matching --deploy-tags (at the tag time)\n' +
    'or the first-parent commits of --deploy-branch (at the committer time), each shipping the\n' +
    'commits since the previous one. A commit "This reverts commit <hash>" fails the deployment that\n' +
    'shipped <hash> and is rework; a tag on an older commit rolls its predecessor back.',
  options: {
    'deploy-tags': {
      type: 'string',
      streamable: false,
      value: '<pattern>',
      description: "Deployments are the tags matching this pattern, e.g. 'v*'",
    },
    'deploy-branch': {
      type: 'string',
      streamable: false,
      value: '<branch>',
      description: 'Deployments are the commits merged into (or pushed to) this branch',
    },
    service: { type: 'string', streamable: false, value: '<name>', description: 'The service the repository is' },
    'service-path': {
      type: 'string',
      streamable: false,
      multiple: true,
      value: '<service=glob>',
      description: 'A monorepo: commits touching the glob belong to the service (repeatable)',
    },
    out: out('events'),
  },
  examples: [
    "pt dora import git . --deploy-tags 'v*' --service api > events.jsonl",
    "pt dora import git . --deploy-branch production --service-path api='services/api/**' --service-path web='web/**'",
  ],
  async run({ values, positionals }, io) {
    const lib = await import('@pt/toolkit');
    const repo = positionals[0] ?? '.';
    const tags = stringOption(values, 'deploy-tags');
    const branch = stringOption(values, 'deploy-branch');
    if ((tags === undefined) === (branch === undefined)) {
      throw new CliError('E_USAGE', 'give exactly one of --deploy-tags <pattern> and --deploy-branch <branch>');
    }
    const service = stringOption(values, 'service');
    const paths = listOption(values, 'service-path');
    if ((service === undefined) === (paths.length === 0)) {
      throw new CliError('E_USAGE', 'give exactly one of --service <name> and --service-path <service=glob>…');
    }
    const services: GitServiceMap = service === undefined ? servicePaths(paths) : { service };
    // The events written must read back: a look-alike service name is refused here, not later.
    for (const name of 'service' in services ? [services.service] : services.paths.map((p) => p.service)) {
      const problem = lib.nameProblem(name);
      if (problem !== undefined) {
        throw new CliError('E_USAGE', `--service${service === undefined ? '-path' : ''} ${problem}, got ${lib.describeValue(name)}`);
      }
    }
    const deployments =
      tags !== undefined ? await tagDeployments(repo, tags) : await branchDeployments(repo, branch ?? '');
    if (deployments.length === 0) {
      await note(
        io,
        `pt: warning: no deployment found (${tags !== undefined ? `no tag matches ${tags}` : 'empty branch'})\n`,
      );
    }
    const result = lib.gitEvents(deployments, services);
    await note(io, lib.describeSkipped('git', result.skipped));
    await emitResult(io, stringOption(values, 'out'), lib.formatEventsJsonl(result.events), 'events');
    return EXIT_CODES.ok;
  },
};
