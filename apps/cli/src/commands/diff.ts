import { choiceOption, stringOption, type Command, type ParsedArgs } from '../command.js';
import { CliError, EXIT_CODES } from '../errors.js';
import { emitResult, readInput } from '../files.js';
import { printIssues } from '../print-issues.js';
import { note, type Io } from '../stdio.js';
import { HISTORY_OPTIONS, INPUT_OPTIONS, TEXT_FORMATS, at, format, maxInputBytes, out } from '../options.js';

import type * as ToolkitModule from '@pt/toolkit';
import type { Report } from '@pt/toolkit';

async function loadReport(
  lib: typeof ToolkitModule,
  file: string,
  values: ParsedArgs['values'],
  io: Io,
): Promise<Report> {
  const text = await readInput(file, maxInputBytes(stringOption(values, 'max-input-mb')), io);
  const filename = file === '-' ? '<stdin>' : file;
  const result = lib.parseReport(text, { filename });
  if (result.ok) return result.report;
  await printIssues(lib.formatIssue, result.issues, io, 'pt diff');
  throw new CliError('E_INVALID', `${filename} is not a pt JSON report ('pt report --format json' writes one)`);
}

/**
 * `--since`: the recorded run nearest to `--since` before `--at` (or now) as the old report; the
 * new one is the report given, else the last recorded run.
 */
async function sinceReports(
  lib: typeof ToolkitModule,
  values: ParsedArgs['values'],
  io: Io,
  given: Report | undefined,
): Promise<{ before: Report; after: Report }> {
  const { openHistory, sinceTime } = await import('../history/use.js');
  const target = sinceTime(lib, values, Date.now(), '7d');
  const store = await openHistory(values, 'read');
  try {
    const runs = await store.runs();
    const old = lib.nearestRun(runs, target);
    if (old === undefined) throw new CliError('E_INPUT', `no run recorded in ${store.file}`);
    const rebuild = async (id: number) => {
      const rows = await store.run(id);
      return lib.reportFromHistory(rows.summary, rows.services, rows.reasons);
    };
    const last = runs.at(-1) ?? old;
    if (given === undefined && last.id === old.id) {
      await note(
        io,
        `pt: warning: the run nearest to ${lib.formatTimestamp(target)} is the last one recorded: nothing to compare it with\n`,
      );
    }
    await note(
      io,
      `pt: comparing with run ${old.id}, evaluated at ${lib.formatTimestamp(old.evaluatedAt)} (the nearest to ${lib.formatTimestamp(target)})` +
        (given === undefined ? `, against the last run ${last.id} (${lib.formatTimestamp(last.evaluatedAt)})\n` : '\n'),
    );
    return { before: await rebuild(old.id), after: given ?? (await rebuild(last.id)) };
  } finally {
    store.close();
  }
}

export const diffCommand: Command = {
  name: 'diff',
  summary: 'Compare two JSON reports: what changed, what is new, what got worse',
  // Both required, unless --since takes the old one from the history (checked in run).
  args: ['[old-report.json]', '[new-report.json]'],
  description:
    'Compares two reports written by "pt report --format json", service by service: health, reliability\n' +
    'score, governance, cost, SLOs met and reasons; new and removed services. A change is a regression\n' +
    'when health, score, governance, cost trend (to spiking), SLOs met or reason points get worse, or a new\n' +
    'service is degraded or critical. A growing bill alone is listed, not counted as a regression.\n' +
    'With --since, the old report is the run recorded (pt report --record) nearest to that long before\n' +
    '--at or now, and the new one the report given, else the last recorded run.',
  options: {
    format: format(TEXT_FORMATS),
    'fail-on-regression': { type: 'boolean', streamable: false, description: 'Exit 1 if any service got worse' },
    out: out('diff'),
    since: {
      type: 'string',
      value: '<duration>',
      description:
        'Compare with the recorded run nearest to this long ago, e.g. 7d (the history of pt report --record)',
      streamable: false,
    },
    at: at('since'),
    ...HISTORY_OPTIONS,
    ...INPUT_OPTIONS,
  },
  examples: [
    'pt diff main-report.json pr-report.json',
    'pt diff old.json new.json --format markdown --out diff.md --fail-on-regression',
    'pt diff --since 7d report.json',
  ],
  async run({ values, positionals }, io) {
    const lib = await import('@pt/toolkit');
    let before: Report;
    let after: Report;
    if (stringOption(values, 'since') !== undefined) {
      if (positionals.length > 1) {
        throw new CliError(
          'E_USAGE',
          `unexpected argument "${positionals[1] ?? ''}": --since takes the old report from the history`,
        );
      }
      const current = positionals[0];
      const given = current === undefined ? undefined : await loadReport(lib, current, values, io);
      ({ before, after } = await sinceReports(lib, values, io, given));
    } else {
      if (values['history'] !== undefined || values['lock-timeout'] !== undefined || values['at'] !== undefined) {
        await note(io, 'pt: warning: --history, --lock-timeout and --at are used only with --since\n');
      }
      const [oldFile, newFile] = positionals;
      const hint = { hint: "Run 'pt diff --help' for usage." };
      if (oldFile === undefined)
        throw new CliError('E_USAGE', 'missing argument <old-report.json> (or --since <duration>)', hint);
      if (newFile === undefined) throw new CliError('E_USAGE', 'missing argument <new-report.json>', hint);
      if (oldFile === '-' && newFile === '-') throw new CliError('E_USAGE', 'only one of the reports can be "-"', hint);
      before = await loadReport(lib, oldFile, values, io);
      after = await loadReport(lib, newFile, values, io);
    }
    const diff = lib.diffReports(before, after);
    const format = choiceOption(values, 'format', TEXT_FORMATS) ?? 'table';
    const text =
      format === 'json'
        ? `${JSON.stringify(diff, null, 2)}\n`
        : format === 'markdown'
          ? lib.renderDiffMarkdown(diff)
          : lib.renderDiffText(diff);
    const out = stringOption(values, 'out');
    await emitResult(io, out, text, `${format} diff`);
    if (values['fail-on-regression'] === true && diff.summary.regressions > 0) {
      const names = diff.services.filter((s) => s.regression).map((s) => s.name);
      const list = names.length > 10 ? `${names.slice(0, 10).join(', ')}, …` : names.join(', ');
      throw new CliError('E_CHECK_FAILED', `--fail-on-regression: ${names.length} service(s) got worse: ${list}`);
    }
    return EXIT_CODES.ok;
  },
};
