import type { ParsedArgs } from '../command.js';
import { emitReport } from '../commands/report-output.js';
import type { Io } from '../stdio.js';
import { engineOption, loadCostConfig } from './config.js';
import { readCube } from './read.js';

import type * as ToolkitModule from '@pt/toolkit';
import type { Fleet } from '@pt/toolkit';

type Toolkit = typeof ToolkitModule;

/** `pt report FLEET --cost FOCUS`: the fleet's cost sections filled from billing data. */
export async function reportWithCost(
  lib: Toolkit,
  fleet: Fleet,
  file: string,
  values: ParsedArgs['values'],
  io: Io,
): Promise<number> {
  const config = await loadCostConfig(lib, values, io);
  const cube = await readCube(lib, [file], config, engineOption(values), io);
  const billed = lib.applyBilling(fleet, cube, config);
  return emitReport(lib, lib.PlatformToolkit.fromFleet(billed.fleet), values, io, {
    transform: (report) => lib.withBilling(report, billed.byService),
    append: (report, format) => lib.renderBillingText(report, billed.analysis, format === 'markdown'),
  });
}
