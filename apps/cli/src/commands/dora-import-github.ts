import { stringOption, type Command } from '../command.js';
import { INPUT_OPTIONS, out } from '../options.js';
import { emitImport, readRecords } from '../reliability/import-files.js';

/** `pt dora import github <files…>`: deployments, statuses, pull requests and commits as `gh api` prints them. */
export const doraImportGithubCommand: Command = {
  name: 'dora import github',
  summary: 'Deployments and their statuses, merged pull requests and their commits, from GitHub API JSON',
  args: ['<files…>'],
  description:
    'Reads JSON files as `gh api` writes them (one response, or the pages of --paginate one after\n' +
    'another), in any order and mix: /repos/{owner}/{repo}/deployments, /deployments/{id}/statuses,\n' +
    '/pulls?state=closed and /pulls/{number}/commits. A production deployment counts at its latest\n' +
    'success, failure or error status; failure and error mark it failed. Changes are the commits of\n' +
    'merged pull requests (a pull request without its commits is one change from its creation); a\n' +
    'successful deployment ships the pull requests merged before it was created. The service is the\n' +
    'repository name unless --service is given.',
  options: {
    service: {
      type: 'string',
      streamable: false,
      value: '<name>',
      description: 'The service of every event (default: the repository name)',
    },
    environment: {
      type: 'string',
      streamable: false,
      value: '<name>',
      description: 'The production environment (default: "production", or production_environment: true)',
    },
    out: out('events'),
    ...INPUT_OPTIONS,
  },
  examples: [
    'gh api --paginate repos/OWNER/REPO/deployments > deployments.json',
    'pt dora import github deployments.json statuses.json pulls.json pull-commits.json > events.jsonl',
  ],
  async run({ values, positionals }, io) {
    const lib = await import('@pt/toolkit');
    const records = await readRecords(lib, positionals, values, io);
    const service = stringOption(values, 'service');
    const environment = stringOption(values, 'environment');
    const result = lib.githubEvents(records, {
      ...(service === undefined ? {} : { service }),
      ...(environment === undefined ? {} : { environment }),
    });
    return emitImport(lib, 'github', result, values, io);
  },
};
