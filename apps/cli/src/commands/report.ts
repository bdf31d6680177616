import { stringOption, type Command } from '../command.js';
import { INPUT_OPTIONS, loadFleet } from './load-fleet.js';
import { REPORT_OPTIONS, emitReport } from './report-output.js';
import { BILLING_OPTIONS } from '../cost/config.js';

export const reportCommand: Command = {
  name: 'report',
  summary: 'Report the health of every service in a fleet file',
  args: ['<fleet.yaml|fleet.json|->'],
  description:
    'Reads a fleet file (YAML or JSON; "-" reads standard input), evaluates SLOs, cost, reliability and\n' +
    'governance of every service, and prints one verdict per service with the reasons behind it.',
  options: {
    ...REPORT_OPTIONS,
    ...INPUT_OPTIONS,
    cost: { type: 'string', value: '<focus.csv>', description: 'Fill cost sections from FOCUS billing data' },
    ...BILLING_OPTIONS,
  },
  examples: [
    'pt report examples/fleet.yaml',
    'pt report examples/fleet.yaml --format json --out report.json',
    'pt report examples/fleet.yaml --team payments --fail-on critical',
    'cat examples/fleet.json | pt report - --format markdown',
    'pt report examples/fleet.yaml --cost focus.csv.gz --cost-config cost.yaml',
  ],
  async run({ values, positionals }, io) {
    const lib = await import('@pt/toolkit');
    const fleet = await loadFleet(lib, positionals[0] ?? '-', values, io);
    const cost = stringOption(values, 'cost');
    if (cost !== undefined) return (await import('../cost/report.js')).reportWithCost(lib, fleet, cost, values, io);
    return emitReport(lib, lib.PlatformToolkit.fromFleet(fleet), values, io);
  },
};
