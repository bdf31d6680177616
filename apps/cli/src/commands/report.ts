import type { Command } from '../command.js';
import { INPUT_OPTIONS, loadFleet } from './load-fleet.js';
import { REPORT_OPTIONS, emitReport } from './report-output.js';
import { REPORT_SLO_OPTIONS, loadReportSlos } from './report-slo.js';

export const reportCommand: Command = {
  name: 'report',
  summary: 'Report the health of every service in a fleet file',
  args: ['<fleet.yaml|fleet.json|->'],
  description:
    'Reads a fleet file (YAML or JSON; "-" reads standard input), evaluates SLOs, cost, reliability and\n' +
    'governance of every service, and prints one verdict per service with the reasons behind it.',
  options: { ...REPORT_OPTIONS, ...INPUT_OPTIONS, ...REPORT_SLO_OPTIONS },
  examples: [
    'pt report examples/fleet.yaml',
    'pt report examples/fleet.yaml --format json --out report.json',
    'pt report examples/fleet.yaml --team payments --fail-on critical',
    'cat examples/fleet.json | pt report - --format markdown',
    'pt report examples/fleet.yaml --slo examples/slo/api-gateway.yaml --slo-data examples/slo/data/api-gateway-availability.csv',
  ],
  async run({ values, positionals }, io) {
    const lib = await import('@pt/toolkit');
    const fleet = await loadFleet(lib, positionals[0] ?? '-', values, io);
    const toolkit = lib.PlatformToolkit.fromFleet(fleet);
    const sloDetails = await loadReportSlos(toolkit, values, io);
    return emitReport(lib, toolkit, values, io, sloDetails);
  },
};
