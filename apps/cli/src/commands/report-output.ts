import { choiceOption, stringOption, type OptionSpec } from '../command.js';
import { CliError, EXIT_CODES } from '../errors.js';
import { writeFileAtomic } from '../files.js';
import { useColor, write, type Io } from '../stdio.js';

import type * as ToolkitModule from '@pt/toolkit';
import type { PlatformToolkit, Report } from '@pt/toolkit';

type Toolkit = typeof ToolkitModule;

export const FORMATS = ['table', 'json', 'markdown'] as const;
export const FAIL_ON = ['degraded', 'critical', 'unknown'] as const;

/** Options shared by every command that prints a report. */
export const REPORT_OPTIONS = {
  format: {
    type: 'string',
    short: 'f',
    value: '<table|json|markdown>',
    description: 'Output format (default: table)',
    choices: FORMATS,
  },
  team: { type: 'string', short: 't', value: '<name>', description: "Only this team's services" },
  'fail-on': {
    type: 'string',
    value: '<degraded|critical|unknown>',
    description: 'Exit 1 if a service is this unhealthy (degraded includes critical)',
    choices: FAIL_ON,
  },
  out: { type: 'string', short: 'o', value: '<file>', description: 'Write the report to a file (atomically)' },
} as const satisfies Record<string, OptionSpec>;

const MATCHES: Record<(typeof FAIL_ON)[number], readonly string[]> = {
  degraded: ['degraded', 'critical'],
  critical: ['critical'],
  unknown: ['unknown'],
};

/** Extra report content from other inputs (e.g. billing data): a report transform and text appended to table/markdown. */
export interface ReportExtension {
  readonly transform: (report: Report) => Report;
  readonly append: (report: Report, format: 'table' | 'markdown') => string;
}

/** Renders the toolkit's report as asked, writes it, then applies `--fail-on`. */
export async function emitReport(
  lib: Toolkit,
  toolkit: PlatformToolkit,
  values: Readonly<Record<string, string | boolean | undefined>>,
  io: Io,
  extension?: ReportExtension,
): Promise<number> {
  const team = stringOption(values, 'team');
  const format = choiceOption(values, 'format', FORMATS) ?? 'table';
  const out = stringOption(values, 'out');
  const failOn = choiceOption(values, 'fail-on', FAIL_ON);

  if (team !== undefined && !toolkit.teams().includes(team)) {
    await write(io.stderr, `pt: warning: no service belongs to team "${team}"\n`);
  }
  const base = toolkit.report(team === undefined ? {} : { team });
  const report = extension === undefined ? base : extension.transform(base);
  const rendered =
    format === 'json'
      ? lib.renderJson(report)
      : format === 'markdown'
        ? lib.renderMarkdown(report)
        : lib.renderTable(report, {
            color: out === undefined && useColor(io.stdout, io.env),
            width: out === undefined && io.stdout.isTTY === true ? (io.stdout.columns ?? 80) : 80,
          });
  const text =
    extension === undefined || format === 'json' ? rendered : `${rendered}\n${extension.append(report, format)}`;
  if (out === undefined) await write(io.stdout, text);
  else {
    await writeFileAtomic(out, text);
    await write(io.stderr, `pt: wrote ${format} report to ${out}\n`);
  }

  if (failOn !== undefined) {
    const matched = report.services.filter((s) => MATCHES[failOn].includes(s.health)).map((s) => s.name);
    if (matched.length > 0) {
      const shown = matched.length > 10 ? `${matched.slice(0, 10).join(', ')}, …` : matched.join(', ');
      throw new CliError('E_CHECK_FAILED', `--fail-on ${failOn}: ${matched.length} service(s) matched: ${shown}`);
    }
  }
  return EXIT_CODES.ok;
}
