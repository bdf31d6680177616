import { listOption, type Command, type OptionSpec } from '../command.js';
import { BILLING_OPTIONS } from '../cost/config.js';
import { PARALLEL_FROM_MB } from '../cost/parallel.js';
import { GOVERNANCE_OPTIONS, loadGovernanceOptions, warnUnknownWaivers } from '../governance/load.js';
import { loadFleet } from '../fleet/load-fleet.js';
import { HISTORY_OPTIONS, INPUT_OPTIONS, at, jobs } from '../options.js';
import { historyHooks } from '../history/report.js';
import { EVENTS_OPTIONS, toolkitFor } from '../reliability/report-events.js';
import { REPORT_OPTIONS, emitReport, teamOption } from '../report/output.js';
import { REPORT_SLO_OPTIONS, loadReportSlos } from '../slo/report-slo.js';
import { debugReportPath, reportPath } from '../report/path.js';
import { PARALLEL_FLEET_FROM_MB, streamReport } from '../report/stream.js';

/** Every `pt report` option; each declares whether the streamed path honours it (`streamable`). */
const REPORT_COMMAND_OPTIONS = {
  ...REPORT_OPTIONS,
  ...GOVERNANCE_OPTIONS,
  ...EVENTS_OPTIONS,
  at: at('report'),
  ...REPORT_SLO_OPTIONS,
  cost: {
    type: 'string',
    streamable: false,
    multiple: true,
    value: '<focus.csv>',
    description: 'Fill cost sections from FOCUS billing data (repeatable; globs)',
  },
  ...BILLING_OPTIONS,
  jobs: jobs(
    `Threads for one large input: a fleet file with --format json, table or markdown (default: 2 from ${PARALLEL_FLEET_FROM_MB} MiB), an uncompressed --cost CSV (default: 2 from ${PARALLEL_FROM_MB} MiB); 1 on one core`,
  ),
  record: {
    type: 'boolean',
    streamable: false,
    description: 'Record this run in the history file (one transaction, once the report is complete)',
  },
  ...HISTORY_OPTIONS,
  ...INPUT_OPTIONS,
} as const satisfies Record<string, OptionSpec>;

export const reportCommand: Command = {
  name: 'report',
  summary: 'Report the health of every service in a fleet file',
  args: ['<fleet.yaml|fleet.json|->'],
  description:
    'Reads a fleet file (YAML or JSON; "-" reads standard input), evaluates SLOs, cost, reliability and\n' +
    'governance of every service, and prints one verdict per service with the reasons behind it.',
  options: REPORT_COMMAND_OPTIONS,
  examples: [
    'pt report examples/fleet.yaml',
    'pt report examples/fleet.yaml --format json --out report.json',
    'pt report examples/fleet.yaml --team payments --fail-on critical',
    'cat examples/fleet.json | pt report - --format markdown',
    'pt report fleet.yaml --scorecard scorecard.yaml --catalog catalog/',
    'pt report examples/fleet.yaml --events examples/events/events.jsonl --at 2026-11-28T00:00:00Z',
    'pt report examples/fleet.yaml --slo examples/slo/api-gateway.yaml --slo-data examples/slo/data/api-gateway-availability.csv',
    'pt report examples/fleet.yaml --cost focus.csv.gz --cost-config cost.yaml',
    'pt report examples/fleet.yaml --record --history pt-history.duckdb',
  ],
  async run({ values, positionals }, io) {
    const lib = await import('@pt/toolkit');
    teamOption(lib, values); // a look-alike --team is refused before any input is read
    const file = positionals[0] ?? '-';
    // The one branch between the two report paths (src/report/path.ts); PT_DEBUG=1 names the one taken.
    const path = await reportPath(REPORT_COMMAND_OPTIONS, file, values, io.env);
    await debugReportPath(io, path);
    if (path.kind === 'streamed') {
      const streamed = await streamReport(lib, file, values, io, path.size, path.format);
      if (streamed.ok) return streamed.code;
      await debugReportPath(io, { kind: 'whole', why: `the streamed read gave up: ${streamed.reason}` });
    }
    const fleet = await loadFleet(lib, file, values, io);
    const costFiles = listOption(values, 'cost');
    const billing =
      costFiles.length === 0
        ? undefined
        : await (await import('../cost/report.js')).loadBilling(lib, fleet, costFiles, values, io);
    const governance = await loadGovernanceOptions(lib, values, io);
    await warnUnknownWaivers(lib, fleet, governance, io);
    // OpenSLO objectives are evidence like the fleet's own SLOs: loaded first, they feed the verdict.
    const sloDetails = await loadReportSlos(fleet, values, io);
    const options = sloDetails === undefined ? governance : { ...governance, sloDetails };
    const toolkit = await toolkitFor(lib, billing?.fleet ?? fleet, values, options, io);
    return emitReport(lib, toolkit, values, io, {
      extension: billing?.extension,
      ...(await historyHooks(lib, file, values, io)),
    });
  },
};
