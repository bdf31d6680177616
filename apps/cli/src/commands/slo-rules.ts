import { stringOption, type ParsedArgs } from '../command.js';
import { CliError, EXIT_CODES } from '../errors.js';
import { emitResult } from '../files.js';
import { write, type Io } from '../stdio.js';
import { checkSloFiles, loadSloSources } from '../slo/input.js';

/** `pt slo rules <slo.yaml> [--out rules.yaml]`: Prometheus rules for every SLO in the file. */
export async function sloRules({ values, positionals }: ParsedArgs, io: Io): Promise<number> {
  checkSloFiles('rules', positionals, false);
  const lib = await import('@pt/toolkit/slo');
  const result = await loadSloSources(lib, positionals, [], { ...values, at: '0' }, io);
  const groups = [];
  const problems: string[] = [];
  for (const slo of result.slos) {
    const rules = lib.prometheusRules(slo);
    if (rules.ok) groups.push(...rules.file.groups);
    else problems.push(`${slo.source.file} (document ${slo.source.document}): ${rules.message}`);
  }
  if (problems.length > 0) {
    await write(io.stderr, problems.map((p) => `${p}\n`).join(''));
    throw new CliError(
      'E_INVALID',
      `cannot generate Prometheus rules (${problems.length} SLO${problems.length === 1 ? '' : 's'})`,
    );
  }
  const text = lib.renderPrometheusRules({ groups });
  const out = stringOption(values, 'out');
  await emitResult(io, out, text, `${groups.length} rule groups`);
  return EXIT_CODES.ok;
}
