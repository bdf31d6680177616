import { refuseOption, type ParsedArgs } from '../command.js';
import { EXIT_CODES } from '../errors.js';
import { write, type Io } from '../stdio.js';
import { checkSloFiles, loadSloSources } from '../slo/input.js';

/** `pt slo validate <files…>`: every problem on stderr (exit 2), or a summary on stdout. */
export async function sloValidate({ values, positionals }: ParsedArgs, io: Io): Promise<number> {
  refuseOption(values, 'fail-on', "'pt slo budget' and 'pt slo status'");
  checkSloFiles('validate', positionals, true);
  const lib = await import('@pt/toolkit/slo');
  // Validation needs no data and no clock: evaluate at the epoch, only the load matters.
  const result = await loadSloSources(lib, positionals, [], { ...values, at: '0' }, io);
  const n = positionals.length;
  const slos = result.slos.length;
  const services = new Set(result.slos.map((s) => s.service)).size;
  await write(
    io.stdout,
    `${n} file${n === 1 ? '' : 's'} valid: ${slos} SLO${slos === 1 ? '' : 's'} for ${services} service${services === 1 ? '' : 's'}` +
      `${result.warnings.length > 0 ? ` (${result.warnings.length} warning${result.warnings.length === 1 ? '' : 's'})` : ''}\n`,
  );
  return EXIT_CODES.ok;
}
