import type { ParsedArgs } from '../command.js';
import type { ReportExtension } from '../report/output.js';
import type { Io } from '../stdio.js';
import { engineOption, jobsOption, loadCostConfig } from './config.js';
import { maxInputBytes } from '../options.js';
import { expandFiles, readCube } from './read.js';

import type * as ToolkitModule from '@pt/toolkit';
import type { Fleet } from '@pt/toolkit';

type Toolkit = typeof ToolkitModule;

/**
 * `pt report FLEET --cost FOCUS`: the fleet with its cost sections filled from billing data, and the
 * report extension that adds each service's `billing` key and the billing section.
 */
export async function loadBilling(
  lib: Toolkit,
  fleet: Fleet,
  files: readonly string[],
  values: ParsedArgs['values'],
  io: Io,
): Promise<{ fleet: Fleet; extension: ReportExtension }> {
  const config = await loadCostConfig(lib, values, io);
  const cube = await readCube(
    lib,
    await expandFiles(files, engineOption(values)),
    config,
    engineOption(values),
    io,
    jobsOption(values),
    maxInputBytes(values['max-input-mb']),
  );
  const billed = lib.applyBilling(fleet, cube, config);
  return {
    fleet: billed.fleet,
    extension: {
      transform: (report) => lib.withBilling(report, billed.byService),
      append: (report, format) => lib.renderBillingText(report, billed.analysis, format === 'markdown'),
    },
  };
}
