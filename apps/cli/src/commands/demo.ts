import type { Command } from '../command.js';
import { REPORT_OPTIONS, emitReport } from '../report/output.js';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Report on the built-in two-service demo fleet',
  args: [],
  description:
    'Prints the report of the built-in demo fleet: api-gateway (healthy) and payments (critical).\n' +
    'No files needed; takes the same output options as "pt report".',
  options: REPORT_OPTIONS,
  examples: ['pt demo', 'pt demo --format json', 'pt demo --fail-on critical'],
  async run({ values }, io) {
    const lib = await import('@pt/toolkit');
    return emitReport(lib, lib.PlatformToolkit.fromFleet(lib.DEMO_FLEET), values, io);
  },
};
