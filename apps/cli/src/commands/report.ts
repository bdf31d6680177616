import type { Command } from '../command.js';
import { GOVERNANCE_OPTIONS, loadGovernanceOptions, warnUnknownWaivers } from './governance-load.js';
import { INPUT_OPTIONS, loadFleet } from './load-fleet.js';
import { REPORT_OPTIONS, emitReport } from './report-output.js';

export const reportCommand: Command = {
  name: 'report',
  summary: 'Report the health of every service in a fleet file',
  args: ['<fleet.yaml|fleet.json|->'],
  description:
    'Reads a fleet file (YAML or JSON; "-" reads standard input), evaluates SLOs, cost, reliability and\n' +
    'governance of every service, and prints one verdict per service with the reasons behind it.',
  options: { ...REPORT_OPTIONS, ...GOVERNANCE_OPTIONS, ...INPUT_OPTIONS },
  examples: [
    'pt report examples/fleet.yaml',
    'pt report examples/fleet.yaml --format json --out report.json',
    'pt report examples/fleet.yaml --team payments --fail-on critical',
    'cat examples/fleet.json | pt report - --format markdown',
    'pt report fleet.yaml --scorecard scorecard.yaml --catalog catalog/',
  ],
  async run({ values, positionals }, io) {
    const lib = await import('@pt/toolkit');
    const fleet = await loadFleet(lib, positionals[0] ?? '-', values, io);
    const governance = await loadGovernanceOptions(lib, values, io);
    await warnUnknownWaivers(lib, fleet, governance, io);
    return emitReport(lib, lib.PlatformToolkit.fromFleet(fleet, governance), values, io);
  },
};
