import { choiceOption, stringOption, type OptionSpec, type ParsedArgs } from '../command.js';
import { CliError, EXIT_CODES } from '../errors.js';
import { emitResult } from '../files.js';
import { TEAM, TEXT_FORMATS, format, out } from '../options.js';
import { note, useColor, type Io } from '../stdio.js';

import type * as ToolkitModule from '@pt/toolkit';
import type { Health, PlatformToolkit, Report, ServiceTrend } from '@pt/toolkit';

type Toolkit = typeof ToolkitModule;

/** Report formats: the text ones, and a self-contained HTML page. */
export const FORMATS = [...TEXT_FORMATS, 'html'] as const;

export const FAIL_ON = ['degraded', 'critical', 'unknown'] as const;

/** Options shared by every command that prints a report. */
export const REPORT_OPTIONS = {
  format: format(FORMATS, { note: '; html is one self-contained page' }),
  team: TEAM,
  'fail-on': {
    type: 'string',
    streamable: true,
    value: '<degraded|critical|unknown>',
    description: 'Exit 1 if a service is this unhealthy (degraded includes critical)',
    choices: FAIL_ON,
  },
  out: out('report'),
} as const satisfies Record<string, OptionSpec>;

/** The healths each `--fail-on` value matches. */
export const FAIL_ON_HEALTH: Record<(typeof FAIL_ON)[number], readonly Health[]> = {
  degraded: ['degraded', 'critical'],
  critical: ['critical'],
  unknown: ['unknown'],
};

/** Extra report content from other inputs (e.g. billing data): a report transform and text appended to table/markdown. */
export interface ReportExtension {
  readonly transform: (report: Report) => Report;
  readonly append: (report: Report, format: 'table' | 'markdown') => string;
}

/**
 * `--team`, refused (exit 2) when no input could hold it: a name with control or format
 * characters or not in NFC (`payments\u200b`) is refused in every input, so it can only look like
 * a team it is not.
 */
export function teamOption(lib: Toolkit, values: ParsedArgs['values']): string | undefined {
  const team = stringOption(values, 'team');
  const problem = team === undefined ? undefined : lib.nameProblem(team);
  if (problem !== undefined) throw new CliError('E_USAGE', `--team ${problem}, got ${lib.describeValue(team)}`);
  return team;
}

/** The table's colour and width: colour and the terminal's width when writing to a terminal, not to `--out`. */
export function tableLayout(values: ParsedArgs['values'], io: Io): { readonly color: boolean; readonly width: number } {
  const out = stringOption(values, 'out');
  return {
    color: out === undefined && useColor(io.stdout, io.env),
    width: out === undefined && io.stdout.isTTY === true ? (io.stdout.columns ?? 80) : 80,
  };
}

/** Renders the toolkit's report as asked, writes it, then applies `--fail-on`. */
export async function emitReport(
  lib: Toolkit,
  toolkit: PlatformToolkit,
  values: ParsedArgs['values'],
  io: Io,
  extras: {
    readonly extension?: ReportExtension | undefined;
    /** `--history` for the HTML: each service's recorded trend, this report last. */
    readonly trends?: ((report: Report) => Promise<ReadonlyMap<string, ServiceTrend>>) | undefined;
    /** `--record`: called with the complete report once it is written. */
    readonly record?: ((report: Report) => Promise<void>) | undefined;
  } = {},
): Promise<number> {
  const team = teamOption(lib, values);
  const format = choiceOption(values, 'format', FORMATS) ?? 'table';
  const out = stringOption(values, 'out');
  const failOn = choiceOption(values, 'fail-on', FAIL_ON);

  await warnUnknownTeam(io, team, toolkit.teams());
  const { extension } = extras;
  const base = toolkit.report({
    ...(team === undefined ? {} : { team }),
    ...(format === 'html' ? { costHistory: true } : {}), // for the sparklines
  });
  const report = extension === undefined ? base : extension.transform(base);
  const rendered =
    format === 'json'
      ? lib.renderJson(report)
      : format === 'markdown'
        ? lib.renderMarkdown(report)
        : format === 'html'
          ? lib.renderHtml(report, extras.trends === undefined ? {} : { trends: await extras.trends(report) })
          : lib.renderTable(report, tableLayout(values, io));
  // The extension's section goes after table and Markdown; JSON and HTML carry its data in the report.
  const text =
    extension === undefined || format === 'json' || format === 'html'
      ? rendered
      : `${rendered}\n${extension.append(report, format)}`;
  await emitResult(io, out, text, `${format} report`);
  // The run is recorded only once its report is complete and written (one transaction).
  if (extras.record !== undefined) await extras.record(report);

  if (failOn !== undefined) {
    const healths = FAIL_ON_HEALTH[failOn];
    checkFailOn(
      failOn,
      report.services.filter((s) => healths.includes(s.health)).map((s) => s.name),
    );
  }
  return EXIT_CODES.ok;
}

/** `--fail-on`: fails with `E_CHECK_FAILED`, naming the first ten, when services matched. */
export function checkFailOn(failOn: (typeof FAIL_ON)[number], matched: readonly string[]): void {
  if (matched.length > 0) {
    const shown = matched.length > 10 ? `${matched.slice(0, 10).join(', ')}, …` : matched.join(', ');
    throw new CliError('E_CHECK_FAILED', `--fail-on ${failOn}: ${matched.length} service(s) matched: ${shown}`);
  }
}

/** Warns (stderr) when `--team` names a team no service belongs to. */
export async function warnUnknownTeam(io: Io, team: string | undefined, teams: readonly string[]): Promise<void> {
  if (team !== undefined && !teams.includes(team)) {
    await note(io, `pt: warning: no service belongs to team ${JSON.stringify(team)}\n`);
  }
}
