import { choiceOption, stringOption, type Command, type ParsedArgs } from '../command.js';
import { CliError, EXIT_CODES } from '../errors.js';
import { emitResult, readInput } from '../files.js';
import { printIssues } from '../print-issues.js';
import type { Io } from '../stdio.js';
import { INPUT_OPTIONS, TEXT_FORMATS, format, maxInputBytes, out } from '../options.js';

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

export const diffCommand: Command = {
  name: 'diff',
  summary: 'Compare two JSON reports: what changed, what is new, what got worse',
  args: ['<old-report.json>', '<new-report.json>'],
  description:
    'Compares two reports written by "pt report --format json", service by service: health, reliability\n' +
    'score, governance, cost, SLOs met and reasons; new and removed services. A change is a regression\n' +
    'when health, score, governance, cost trend (to spiking), SLOs met or reason points get worse, or a new\n' +
    'service is degraded or critical. A growing bill alone is listed, not counted as a regression.',
  options: {
    format: format(TEXT_FORMATS),
    'fail-on-regression': { type: 'boolean', streamable: false, description: 'Exit 1 if any service got worse' },
    out: out('diff'),
    ...INPUT_OPTIONS,
  },
  examples: [
    'pt diff main-report.json pr-report.json',
    'pt diff old.json new.json --format markdown --out diff.md --fail-on-regression',
  ],
  async run({ values, positionals }, io) {
    const lib = await import('@pt/toolkit');
    const [oldFile = '', newFile = ''] = positionals;
    if (oldFile === '-' && newFile === '-') throw new CliError('E_USAGE', 'only one of the reports can be "-"');
    const before = await loadReport(lib, oldFile, values, io);
    const after = await loadReport(lib, newFile, values, io);
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
