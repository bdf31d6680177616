import { basename, extname } from 'node:path';
import { choiceOption, listOption, refuseOption, stringOption, type ParsedArgs } from '../command.js';
import { CliError, EXIT_CODES } from '../errors.js';
import { emitResult } from '../files.js';
import { note, write, type Io } from '../stdio.js';
import { checkSloFiles, loadSloSources } from '../slo/input.js';

/** `--label k=v` (repeatable) as a label map; a Prometheus label name, a value. */
function labelsOf(values: ParsedArgs['values']): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const given of listOption(values, 'label')) {
    const eq = given.indexOf('=');
    const key = eq < 0 ? '' : given.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) || key.startsWith('__')) {
      throw new CliError('E_USAGE', `--label must be key=value with a Prometheus label name as key; got "${given}"`);
    }
    labels[key] = given.slice(eq + 1);
  }
  return labels;
}

/**
 * `pt slo rules <slo.yaml> [--out rules.yaml] [--format prometheus-operator] [--naming sloth]
 * [--label k=v]… [--runbook url]`: Prometheus rules for every SLO in the file.
 */
export async function sloRules({ values, positionals }: ParsedArgs, io: Io): Promise<number> {
  refuseOption(values, 'fail-on', "'pt slo budget' and 'pt slo status'");
  checkSloFiles('rules', positionals, false);
  const format = choiceOption(values, 'format', ['table', 'json', 'prometheus-operator'] as const);
  const naming = choiceOption(values, 'naming', ['pt', 'sloth'] as const) ?? 'pt';
  const labels = labelsOf(values);
  const runbookUrl = stringOption(values, 'runbook');
  const lib = await import('@pt/toolkit/slo');
  const result = await loadSloSources(lib, positionals, [], { ...values, at: '0' }, io);
  // The low-traffic guard is opt-in: --low-traffic-guard (pt slo alerts' default minimum) or --min-events <n>.
  const guard = result.minEvents.minEvents ?? (values['low-traffic-guard'] === true ? 'auto' : undefined);
  const groups = [];
  const problems: string[] = [];
  const notes: string[] = [];
  if (format === 'table' || format === 'json') {
    notes.push(
      `--format ${format} applies to budget and alerts; rules are a Prometheus rule file (or prometheus-operator)`,
    );
  }
  for (const slo of result.slos) {
    const rules = lib.prometheusRules(slo, {
      labels,
      naming,
      ...(guard === undefined ? {} : { minEvents: guard }),
      ...(runbookUrl === undefined ? {} : { runbookUrl }),
    });
    if (rules.ok) {
      groups.push(...rules.file.groups);
      notes.push(...rules.notes.map((n) => `${slo.source.file} (document ${slo.source.document}): ${n}`));
    } else problems.push(`${slo.source.file} (document ${slo.source.document}): ${rules.message}`);
  }
  if (problems.length > 0) {
    await write(io.stderr, problems.map((p) => `${p}\n`).join(''));
    throw new CliError(
      'E_INVALID',
      `cannot generate Prometheus rules (${problems.length} SLO${problems.length === 1 ? '' : 's'})`,
    );
  }
  if (notes.length > 0) await note(io, notes.map((n) => `note: ${n}\n`).join(''));
  const file = positionals[0] ?? 'slo';
  const text =
    format === 'prometheus-operator'
      ? lib.renderPrometheusOperatorRule({ groups }, `${basename(file, extname(file))}-slo-rules`, labels)
      : lib.renderPrometheusRules({ groups });
  const out = stringOption(values, 'out');
  await emitResult(io, out, text, `${groups.length} rule groups`);
  return EXIT_CODES.ok;
}
